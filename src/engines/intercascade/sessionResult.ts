/**
 * What an Inter-Cascade run found and spent, assembled once the run has ended (finished or
 * stopped): the main arm's summary with the embedding cost, the arms' comparison, the judge and
 * embedding figures, and the warnings about failures, estimated usage and unpriced models.
 */
import { compareArms, armFigures } from './armFigures';
import type { CalibrationResult } from './calibrateThresholds';
import { countFailures, failureWarning } from './callFailures';
import type { ControlArm, RunEstimate } from './costEstimate';
import type { CascadeSessionResult } from './cascadeSession';
import { summarizeTrace } from './runInterCascade';
import type { CallDesk } from './sessionCalls';
import type { SessionArm } from './sessionArms';
import type { Spend } from './sessionGuards';
import type { CascadeSessionOptions, ResumedInfo } from './sessionInput';
import type { StrategyEntry } from './strategyRepository';
import { minOf } from '../../shared/arrays';

/** Everything the run loop leaves behind for the result. */
export interface SessionOutcome {
  o: CascadeSessionOptions;
  estimate: RunEstimate;
  weakThreshold: number | null;
  strongThreshold: number | null;
  calibration: CalibrationResult | null;
  calibrationCalls: CalibrationResult['calls'];
  /** The main (retrieval) arm first, then the controls. */
  arms: SessionArm[];
  desk: CallDesk;
  spend: Spend;
  /** Why queries are matched by words, when the embedding model failed. */
  fallback: string | null;
  embeddingPrice: ReturnType<CascadeSessionOptions['priceOf']>;
  initialRepository: readonly StrategyEntry[];
  repositoryEntries: StrategyEntry[];
  onlineTotal: number;
  match: NonNullable<CascadeSessionOptions['match']>;
  stopped: CascadeSessionResult['stopped'];
  resumed: ResumedInfo | null;
  journal: string | null;
  /** Warnings so far; the ones about the whole run are added. */
  warnings: string[];
}

/** The result of a run from what its loop left behind. */
export function sessionResult(x: SessionOutcome): CascadeSessionResult {
  const { o, estimate, weakThreshold, strongThreshold, calibration, calibrationCalls, arms, desk, spend } = x;
  const { fallback, embeddingPrice, initialRepository, repositoryEntries, onlineTotal, match, stopped } = x;
  const { resumed, journal, warnings } = x;
  const main = arms[0];
  const failed = countFailures([
    ...calibrationCalls.flatMap((c) => [c.weak, c.strong]),
    ...main.trace.flatMap((t) => t.calls),
    ...desk.judgeCalls,
  ]);
  const fw = failureWarning(failed);
  if (fw) warnings.push(fw);
  if (spend.estimatedCalls)
    warnings.push(
      `${spend.estimatedCalls} answered call(s) reported no usable token counts: each counts at its estimate in what was spent`,
    );
  if (fallback) warnings.push(fallback);
  const embeddingUsd = spend.embeddingRequests > 0 ? spend.embeddingUsd : null;
  if (o.embeddingModel !== null && spend.embeddingRequests > 0 && embeddingPrice === null)
    warnings.push(
      `the embedding model ${o.embeddingModel} has no price (neither in the price table nor in the price database): its ${spend.embeddingRequests} request(s) (${spend.embeddingTokens} tokens) are left out of every cost${o.budgetUsd ? ', and count towards a budget in tokens only' : ''}`,
    );
  const summary = summarizeTrace(main.trace, 2);
  const totalCostUsd =
    summary.totalCostUsd === null && embeddingUsd === null ? null : (summary.totalCostUsd ?? 0) + (embeddingUsd ?? 0);
  const comparison = armComparison(arms, spend, embeddingUsd, warnings);
  return {
    estimate,
    weakThreshold,
    strongThreshold,
    calibration,
    run: {
      ...summary,
      totalCostUsd,
      strategiesAdded: repositoryEntries.length - initialRepository.length,
      repositorySize: repositoryEntries.length,
      trace: main.trace,
      warnings: [],
    },
    onlineTotal,
    repositoryStart: initialRepository.length,
    repository: repositoryEntries,
    spend,
    failed,
    comparison,
    controls: arms.slice(1).map((a) => ({ arm: a.name as ControlArm, trace: a.trace })),
    sharing:
      arms.length > 1
        ? {
            extraPaidCalls: desk.paidByArm('plain') + desk.paidByArm('random'),
            sharedCalls: arms.reduce((n, a) => n + a.sharedCalls, 0),
          }
        : null,
    judge: match.mode === 'judge' ? judgeFigures(desk, match) : null,
    embedding:
      o.embeddingModel === null
        ? null
        : {
            model: o.embeddingModel,
            requests: spend.embeddingRequests,
            tokens: spend.embeddingTokens,
            costUsd: embeddingUsd,
            fallback,
          },
    stopped,
    resumed,
    journal,
    warnings,
  };
}

/**
 * With controls: every arm's figures over the queries all arms finished (the embedding spend is the
 * retrieval arm's), and a warning when some arm finished more; else null.
 */
function armComparison(
  arms: SessionArm[],
  spend: Spend,
  embeddingUsd: number | null,
  warnings: string[],
): CascadeSessionResult['comparison'] {
  const common = minOf(arms.map((a) => a.trace.length));
  const comparison =
    arms.length > 1
      ? compareArms(
          arms.map((a) =>
            armFigures(a.name, a.trace.slice(0, common), {
              tokens: a.name === 'retrieval' ? spend.embeddingTokens : 0,
              usd: a.name === 'retrieval' ? embeddingUsd : null,
              sharedCalls: a.sharedCalls,
            }),
          ),
        )
      : null;
  if (comparison && arms.some((a) => a.trace.length > common))
    warnings.push(`the comparison covers the ${common} queries every arm finished`);
  return comparison;
}

/** Matching by a judge: its model, its calls (and failures), and the tokens and dollars they took. */
function judgeFigures(
  desk: CallDesk,
  match: NonNullable<CascadeSessionOptions['match']>,
): NonNullable<CascadeSessionResult['judge']> {
  const judgeSpend = desk.judgeCalls.reduce(
    (t, c) => ({
      tokens: t.tokens + (c.inputTokens ?? 0) + (c.outputTokens ?? 0),
      usd: c.costUsd === null ? t.usd : (t.usd ?? 0) + c.costUsd,
    }),
    { tokens: 0, usd: null as number | null },
  );
  return {
    model: match.judgeModel ?? '',
    calls: desk.judgeCalls.length,
    failed: desk.judgeCalls.filter((c) => c.error !== null).length,
    tokens: judgeSpend.tokens,
    costUsd: judgeSpend.usd,
  };
}
