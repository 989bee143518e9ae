import type { CascadeSessionResult } from '../../engines/intercascade/cascadeSession';
import type { CascadeRunForm, CascadeRunSummary } from '../../protocol/cascadeRunner';

/**
 * The summary of a finished (or stopped) Cascade Runner run: the form's choices, the session's
 * figures, and the warnings (those given, then the run's own); `run.nCal` is the calibration size.
 */
export function cascadeRunSummary(
  form: CascadeRunForm,
  r: CascadeSessionResult,
  run: { endpoint: string; nCal: number; warnings: string[]; elapsedS: number },
): CascadeRunSummary {
  const s = r.run;
  return {
    provider: form.provider,
    queriesFile: form.queriesFile,
    weakModel: form.weakModel,
    strongModel: form.strongModel,
    endpoint: run.endpoint,
    k: form.k,
    confidence: form.confidence,
    embeddingModel: form.embeddingModel,
    n: s.n,
    nGold: s.nGold,
    onlineTotal: r.onlineTotal,
    weakThreshold: r.weakThreshold,
    strongThreshold: r.strongThreshold,
    calibration:
      r.calibration && form.thresholds.mode === 'guarantee'
        ? {
            n: run.nCal,
            alpha: form.thresholds.alpha,
            delta: form.thresholds.delta,
            weakUpperBound: r.calibration.guarantee.weak.upperBound,
            strongUpperBound: r.calibration.guarantee.strong.upperBound,
          }
        : null,
    weakAccuracy: s.weakAccuracy,
    weakCorrectAccepted: s.weakCorrectAccepted,
    overallAccuracy: s.overallAccuracy,
    riskAccepted: s.riskAccepted,
    strongCallRate: s.strongCallRate,
    abstentionRate: s.abstentionRate,
    totalCostUsd: s.totalCostUsd,
    repositoryStart: r.repositoryStart,
    repositorySize: s.repositorySize,
    strategiesAdded: s.strategiesAdded,
    repositorySavedTo: form.repositoryFile,
    failed: r.failed,
    estimate: r.estimate,
    spent: r.spend,
    budgetUsd: form.budgetUsd,
    stopped: stoppedWithHint(form, r.stopped),
    resumedQueries: r.resumed?.onlineQueries ?? 0,
    journal: r.stopped ? r.journal : null,
    match: form.match,
    comparison: r.comparison,
    sharing: r.sharing,
    judge: r.judge && { model: r.judge.model, calls: r.judge.calls, failed: r.judge.failed, costUsd: r.judge.costUsd },
    embedding: r.embedding && {
      model: r.embedding.model,
      requests: r.embedding.requests,
      costUsd: r.embedding.costUsd,
      fallback: r.embedding.fallback,
    },
    warnings: runWarnings(form, s, run.warnings),
    elapsedS: run.elapsedS,
  };
}

/** `warnings`, then what the run's figures leave out: queries without a gold answer, and the cost when nothing priced it. */
function runWarnings(form: CascadeRunForm, s: CascadeSessionResult['run'], warnings: string[]): string[] {
  if (s.nGold < s.n)
    warnings.push(
      `${s.n - s.nGold} quer${s.n - s.nGold === 1 ? 'y has' : 'ies have'} no gold "answer": routed, but left out of the accuracies and the eval log`,
    );
  if (s.totalCostUsd === null)
    warnings.push(
      form.provider === 'vscode'
        ? `no cost: VS Code's language models are not priced per token here; to see one, set prices for ${form.weakModel} and ${form.strongModel} (setting costRiskLab.prices). The strong-call rate and the token counts (by each model's tokenizer) still compare`
        : `no cost: set prices for ${form.weakModel} and ${form.strongModel} (setting costRiskLab.prices), and the endpoint must report token usage`,
    );
  return warnings;
}

/** Why the run stopped; a stop by failing calls says what to check for the provider. */
function stoppedWithHint(form: CascadeRunForm, stopped: CascadeSessionResult['stopped']): CascadeRunSummary['stopped'] {
  const hint =
    form.provider === 'vscode'
      ? 'Check that VS Code still offers the chosen models and that Cost-Risk Lab may use them.'
      : 'Check the setting costRiskLab.llm.endpoint, the model names and the API key.';
  return (
    stopped && {
      ...stopped,
      message: stopped.reason === 'failures' ? `${stopped.message}. ${hint}` : stopped.message,
    }
  );
}
