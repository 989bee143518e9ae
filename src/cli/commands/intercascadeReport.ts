/** What `costrisk intercascade` prints: the estimate, the run's report and the comparison, as text or JSON. */
import type { ArmFigures } from '../../engines/intercascade/armFigures';
import type { CascadeSessionResult, SessionThresholds } from '../../engines/intercascade/cascadeSession';
import type { EstimatePart, RunEstimate } from '../../engines/intercascade/costEstimate';
import { formatTable } from '../format';
import { formatFixed, formatPercent, formatUsd } from '../../protocol/format';

const money = formatUsd;
const ARM_LABEL = new Map<string, string>([
  ['retrieval', 'Inter-Cascade (retrieval)'],
  ['plain', 'plain cascade'],
  ['random', 'random strategies'],
  ['calibration', 'calibration'],
  ['judge', 'judge'],
  ['embeddings', 'embeddings'],
]);
const label = (what: string) => ARM_LABEL.get(what) ?? what;
const range = (r: { low: number; high: number }, f: (x: number) => string = String) =>
  r.low === r.high ? f(r.low) : `${f(r.low)} to ${f(r.high)}`;

/** The estimate as JSON (snake case like the rest of the report). */
export function estimateJson(e: RunEstimate): Record<string, unknown> {
  return {
    calls: e.calls,
    tokens: e.tokens,
    usd: e.usd,
    unpriced: e.unpriced,
    parts: e.parts.map((p) => ({ what: p.what, calls: p.calls, tokens: p.tokens, usd: p.usd })),
    method: e.method,
  };
}

const partText = (p: EstimatePart): string =>
  `${label(p.what)}: ${range(p.calls)} ${p.what === 'embeddings' ? 'requests' : 'calls'}${p.usd ? `, ${range(p.usd, money)}` : ''}`;

/** "estimate before the run: 10 to 20 calls, ..." and, with a comparison, what the controls add. */
export function estimateText(e: RunEstimate): string {
  const usd = e.usd
    ? `, ${money(e.usd.low)} to ${money(e.usd.high)}`
    : `, no dollar figure (no price for ${e.unpriced.join(', ')})`;
  const controls = e.parts.filter((p) => p.what === 'plain' || p.what === 'random');
  const extra = controls.length
    ? `\nof which the comparison's controls (extra paid calls; the strong model's answers are shared with the Inter-Cascade, so the upper end has no extra strong call): ${controls.map(partText).join('; ')}`
    : '';
  const judge = e.parts.find((p) => p.what === 'judge');
  return `estimate before the run: ${e.calls.low} to ${e.calls.high} calls, ${e.tokens.low} to ${e.tokens.high} tokens${usd} (prompt characters / 4, fixed reply sizes; docs/inter-cascade.md)${extra}${judge ? `\n${partText(judge)} (answers that do not match exactly)` : ''}`;
}

function armJson(a: ArmFigures): Record<string, unknown> {
  return {
    arm: a.arm,
    n: a.n,
    n_gold: a.nGold,
    pipeline_accuracy: a.pipelineAccuracy,
    weak_accuracy: a.weakAccuracy,
    weak_correct_accepted: a.weakCorrectAccepted,
    strong_call_rate: a.strongCallRate,
    coverage: a.coverage,
    tokens: a.tokens,
    cost_usd: a.costUsd,
    token_reduction: a.tokenReduction,
    cost_reduction: a.costReduction,
    strategies_added: a.strategiesAdded,
    shared_calls: a.sharedCalls,
    failed_calls: a.failedCalls,
  };
}

/** The comparison as a text table (the paper's Table 2 figures, one row per pipeline). */
export function comparisonText(rows: readonly ArmFigures[], sharing: CascadeSessionResult['sharing']): string {
  const pct = formatPercent;
  const table = formatTable(
    [
      'pipeline',
      'queries',
      'pipeline acc.',
      'weak acc.',
      'weak correct kept',
      'strong calls',
      'coverage',
      'tokens',
      'cost',
      'token red.',
      'cost red.',
    ],
    rows.map((a) => [
      label(a.arm),
      String(a.n),
      formatFixed(a.pipelineAccuracy, 4),
      formatFixed(a.weakAccuracy, 4),
      formatFixed(a.weakCorrectAccepted, 4),
      pct(a.strongCallRate),
      pct(a.coverage),
      a.tokens === null ? '-' : String(a.tokens),
      a.costUsd === null ? '-' : money(a.costUsd),
      pct(a.tokenReduction),
      pct(a.costReduction),
    ]),
  );
  const share = sharing
    ? `\nthe controls cost ${sharing.extraPaidCalls} extra paid call(s); ${sharing.sharedCalls} call(s) were answered by an identical call already paid (reductions are relative to the plain cascade)`
    : '';
  return `comparison on the same query stream:\n${table}${share}`;
}

export interface ReportContext {
  weakName: string;
  strongName: string;
  k: number;
  plan: SessionThresholds;
  budget: { usd: number | null; tokens: number | null };
  repoFile?: string;
  logWritten: { file: string; records: number } | null;
}

/** The run's report as JSON. */
export function summaryJson(r: CascadeSessionResult, c: ReportContext): Record<string, unknown> {
  const run = r.run;
  const plan = c.plan;
  return {
    n: run.n,
    n_gold: run.nGold,
    weak_threshold: r.weakThreshold,
    strong_threshold: r.strongThreshold,
    calibration:
      r.calibration && plan.mode === 'guarantee'
        ? {
            n: plan.calibration,
            alpha: plan.alpha,
            delta: plan.delta,
            weak_upper_bound: r.calibration.guarantee.weak.upperBound,
            strong_upper_bound: r.calibration.guarantee.strong.upperBound,
          }
        : null,
    weak_accuracy: run.weakAccuracy,
    weak_correct_accepted: run.weakCorrectAccepted,
    overall_accuracy: run.overallAccuracy,
    risk_accepted: run.riskAccepted,
    strong_call_rate: run.strongCallRate,
    abstention_rate: run.abstentionRate,
    coverage: run.coverage,
    total_cost_usd: run.totalCostUsd,
    strategies_added: run.strategiesAdded,
    repository_size: run.repositorySize,
    log: c.logWritten,
    queries_total: r.onlineTotal,
    failed_calls: { transport: r.failed.transport, malformed: r.failed.malformed, usage: r.failed.usage },
    spent: {
      usd: r.spend.usd,
      tokens: r.spend.tokens,
      chat_calls: r.spend.chatCalls,
      embedding_requests: r.spend.embeddingRequests,
      estimated_calls: r.spend.estimatedCalls,
    },
    budget: c.budget,
    estimate: estimateJson(r.estimate),
    comparison: r.comparison && r.comparison.map(armJson),
    sharing: r.sharing && { extra_paid_calls: r.sharing.extraPaidCalls, shared_calls: r.sharing.sharedCalls },
    judge: r.judge && {
      model: r.judge.model,
      calls: r.judge.calls,
      failed: r.judge.failed,
      tokens: r.judge.tokens,
      cost_usd: r.judge.costUsd,
    },
    embedding: r.embedding && {
      model: r.embedding.model,
      requests: r.embedding.requests,
      tokens: r.embedding.tokens,
      cost_usd: r.embedding.costUsd,
      fallback: r.embedding.fallback,
    },
    stopped: r.stopped,
    resumed: r.resumed && {
      journal: r.resumed.journal,
      calibration_calls: r.resumed.calibrationCalls,
      online_queries: r.resumed.onlineQueries,
      dropped_cut_line: r.resumed.droppedTail,
    },
    journal: r.journal,
  };
}

/** The run's report as text. */
export function textReport(r: CascadeSessionResult, c: ReportContext): string {
  const run = r.run;
  const thr = (t: number | null) => (t === null ? 'never accepts' : `accepts at confidence ≥ ${formatFixed(t, 4)}`);
  const failed = r.failed.transport + r.failed.malformed + r.failed.usage;
  const budget = [
    c.budget.usd === null ? '' : `$${c.budget.usd}`,
    c.budget.tokens === null ? '' : `${c.budget.tokens} tokens`,
  ]
    .filter(Boolean)
    .join(' and ');
  const emb = r.embedding;
  return [
    ...(r.stopped
      ? [`STOPPED before the end (${run.n} of ${r.onlineTotal} online queries finished): ${r.stopped.message}`]
      : []),
    ...(r.resumed
      ? [
          `resumed from ${r.resumed.journal}: ${r.resumed.onlineQueries} online queries and ${r.resumed.calibrationCalls} calibration calls were already done`,
        ]
      : []),
    `Inter-Cascade ${c.weakName} → ${c.strongName} → abstain on ${run.n} queries (${run.nGold} with gold answers), k = ${c.k}`,
    r.calibration && c.plan.mode === 'guarantee'
      ? `thresholds from the risk guarantee on ${c.plan.calibration} calibration queries (α = ${c.plan.alpha}, δ = ${c.plan.delta})`
      : c.plan.mode === 'guarantee'
        ? 'thresholds: calibration not finished'
        : 'thresholds given on the command line',
    `${c.weakName}: ${thr(r.weakThreshold)}; ${c.strongName}: ${thr(r.strongThreshold)}`,
    `weak accuracy ${formatFixed(run.weakAccuracy, 4)} (correct and kept ${formatFixed(run.weakCorrectAccepted, 4)}), overall accuracy ${formatFixed(run.overallAccuracy, 4)}, risk among kept answers ${formatFixed(run.riskAccepted, 4)}`,
    `strong-call rate ${formatFixed(run.strongCallRate, 4)}, abstention rate ${formatFixed(run.abstentionRate, 4)}, total cost ${run.totalCostUsd === null ? '- (no prices or usage)' : money(run.totalCostUsd)}${emb && emb.requests ? ` (embeddings included: ${emb.costUsd === null ? 'unpriced' : money(emb.costUsd)})` : ''}`,
    `failed calls: ${failed}${failed ? ` (${r.failed.transport} transport, ${r.failed.malformed} malformed, ${r.failed.usage} implausible usage)` : ''}`,
    ...(r.judge
      ? [
          `judge ${r.judge.model}: ${r.judge.calls} call(s) (${r.judge.failed} without a verdict), ${r.judge.costUsd === null ? 'no dollar figure' : money(r.judge.costUsd)}; not part of any pipeline's cost`,
        ]
      : []),
    ...(r.comparison ? [comparisonText(r.comparison, r.sharing)] : []),
    estimateText(r.estimate),
    `spent: ${r.spend.usd === null ? 'no dollar figure' : money(r.spend.usd)}, ${r.spend.tokens} tokens, ${r.spend.chatCalls} chat calls${r.spend.embeddingRequests ? `, ${r.spend.embeddingRequests} embedding requests` : ''}${budget ? ` (budget ${budget})` : ''}`,
    `strategies: ${run.strategiesAdded} added, repository ${r.repositoryStart} → ${run.repositorySize}${c.repoFile ? ` (saved to ${c.repoFile})` : ''}`,
    ...(c.logWritten ? [`eval log: ${c.logWritten.records} records written to ${c.logWritten.file}`] : []),
    ...(r.journal ? [`journal: ${r.journal}`] : []),
  ].join('\n');
}
