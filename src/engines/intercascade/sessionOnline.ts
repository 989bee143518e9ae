/**
 * The online phase of an Inter-Cascade session (cascadeSession.ts): every online query asked by
 * every arm in step, each query's record held back while calls fail in a row.
 */
import type { CalibrationResult } from './calibrateThresholds';
import type { StageCall } from './callModel';
import type { CascadeModel } from './cascadeModel';
import type { JournalWriter } from './cascadeJournal';
import type { ArmName, QueryRecord } from './journalRecords';
import { runQuery } from './runInterCascade';
import type { CallDesk } from './sessionCalls';
import type { SessionArm } from './sessionArms';
import type { sessionEmbedder } from './sessionEmbedder';
import { SessionStop, type CircuitBreaker } from './sessionGuards';
import type { CascadeSessionOptions } from './sessionInput';
import { StrategyRepository } from './strategyRepository';

/** The role each stage's model plays in the prompts (student, then teacher). */
export const ROLES = ['student', 'teacher'] as const;

/** The cascade's two stages: their models, and their thresholds once known. */
export type SessionStages = { model: CascadeModel; threshold: number | null }[];

/**
 * Query records held back while calls fail in a row: they are journaled (and join their arm's
 * trace) only once a call succeeds again, so a run stopped by the circuit breaker asks them again
 * when resumed.
 */
export class HeldQueries {
  readonly records: QueryRecord[] = [];

  constructor(
    private readonly arms: SessionArm[],
    private readonly writer: JournalWriter,
  ) {}

  /** How many records of `arm` are held. */
  of(arm: ArmName): number {
    return this.records.filter((r) => r.arm === arm).length;
  }

  /** Journals the held records and adds them to their arms' traces. */
  async commit(): Promise<void> {
    for (const r of this.records) {
      await this.writer.write(r);
      const arm = this.arms.find((a) => a.name === r.arm);
      arm?.trace.push(r.trace);
      if (arm) arm.sharedCalls += r.shared_calls;
    }
    this.records.length = 0;
  }
}

/** What the online phase works with. */
export interface OnlineRun {
  arms: SessionArm[];
  held: HeldQueries;
  desk: CallDesk;
  stages: SessionStages;
  k: number;
  signal: AbortSignal | undefined;
  breaker: CircuitBreaker;
  takeFresh: ReturnType<typeof sessionEmbedder>['takeFresh'];
  /** Where the run is (named when the embedding model fails). */
  place: { at: string; fallback: string | null };
  progress: (stage: 'online', done: number, total: number) => void;
}

/**
 * The online phase: each query asked by every arm in step (the main arm first), skipping what a
 * resumed run already has; progress follows the main arm.
 */
export async function askOnline(online: CascadeSessionOptions['queries'], run: OnlineRun): Promise<void> {
  const { arms, held } = run;
  const noStore = new StrategyRepository();
  for (let i = 0; i < online.length; i++) {
    const q = online[i];
    run.place.at = `query "${q.queryId}"`;
    for (const arm of arms) {
      if (arm.trace.length + held.of(arm.name) > i) continue;
      if (run.signal?.aborted) throw run.signal.reason ?? new Error('cancelled');
      await askOnlineQuery(q, arm, arm.useStrategies ? arm.store : noStore, run);
    }
    run.progress('online', arms[0].trace.length + held.of('retrieval'), online.length);
  }
}

/**
 * One online query asked by one arm: its calls go through the desk (counting those taken from
 * another arm's identical call), and its record is held until a call succeeds (journaled then).
 */
async function askOnlineQuery(
  q: CascadeSessionOptions['queries'][number],
  arm: SessionArm,
  repository: Parameters<typeof runQuery>[1]['repository'],
  run: OnlineRun,
): Promise<void> {
  const { desk, stages, held } = run;
  let shared = 0;
  const call = async (s: number, shown: Parameters<typeof desk.answer>[0]['shown']): Promise<StageCall> => {
    const r = await desk.answer({
      phase: 'online',
      arm: arm.name,
      q,
      stage: s,
      model: stages[s].model,
      role: ROLES[s],
      shown,
      threshold: stages[s].threshold,
    });
    if (r.source === 'shared') shared++;
    return r.call;
  };
  const r = await runQuery(q, {
    stages,
    k: run.k,
    repository,
    useStrategies: arm.useStrategies,
    select: arm.select,
    signal: run.signal,
    call,
  });
  held.records.push({
    type: 'query',
    arm: arm.name,
    query_id: q.queryId,
    trace: r.trace,
    strategy: r.strategy,
    shared_calls: shared,
    ...run.takeFresh(),
  });
  if (run.breaker.failuresInARow === 0 || r.strategy) await held.commit();
}

/** Stops the run (as the circuit breaker would) when it made calls and every one of them failed. */
export function stopIfEveryCallFailed(
  calibrationCalls: CalibrationResult['calls'],
  arms: SessionArm[],
  held: HeldQueries,
): void {
  const made = [
    ...calibrationCalls.flatMap((c) => [c.weak, c.strong]),
    ...arms.flatMap((a) => a.trace.flatMap((t) => t.calls)),
    ...held.records.flatMap((r) => r.trace.calls),
  ];
  if (made.length > 0 && made.every((c) => c.error !== null))
    throw new SessionStop(
      'failures',
      `every model call failed (${made.length}); first: ${made[0].model}: ${made[0].error}`,
    );
}
