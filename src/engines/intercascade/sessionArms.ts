/**
 * The pipelines a session runs on the same query stream: the Inter-Cascade (strategies retrieved by
 * similarity from its repository) and, for the paper's comparison, the plain cascade (no strategies
 * ever shown or stored) and the random-strategy control (strategies drawn at random from its own
 * repository, which its own deferred queries fill). Each arm keeps its own trace.
 */
import { JournalMismatchError } from './cascadeJournal';
import type { ControlArm } from './costEstimate';
import type { ArmName, QueryRecord } from './journalRecords';
import type { CascadeQuery } from './queriesJsonl';
import { randomStrategies } from './randomStrategies';
import type { QueryTrace } from './runInterCascade';
import {
  StrategyRepository,
  type RetrievedStrategy,
  type StrategyEntry,
  type StrategyStore,
} from './strategyRepository';

export interface SessionArm {
  name: ArmName;
  /** Its repository (the plain cascade's stays empty). */
  store: StrategyStore;
  /** False for the plain cascade: nothing retrieved, nothing stored. */
  useStrategies: boolean;
  /** Replaces retrieval by similarity (the random control's draw). */
  select?: (q: CascadeQuery) => Promise<RetrievedStrategy[]>;
  trace: QueryTrace[];
  /** Calls answered by another arm's identical call so far. */
  sharedCalls: number;
}

/** The arms of a run: the Inter-Cascade over `store`, then the controls, each starting from `initial`. */
export function sessionArms(
  store: StrategyStore,
  controls: readonly ControlArm[],
  initial: readonly StrategyEntry[],
  k: number,
): SessionArm[] {
  const arms: SessionArm[] = [{ name: 'retrieval', store, useStrategies: true, trace: [], sharedCalls: 0 }];
  for (const c of controls) {
    if (c === 'plain')
      arms.push({ name: 'plain', store: new StrategyRepository(), useStrategies: false, trace: [], sharedCalls: 0 });
    else {
      const own = new StrategyRepository(initial);
      arms.push({
        name: 'random',
        store: own,
        useStrategies: true,
        select: async (q) => randomStrategies(own.entries, k, q.queryId),
        trace: [],
        sharedCalls: 0,
      });
    }
  }
  return arms;
}

/**
 * Puts the finished queries a journal holds back into their arms (traces, repositories, shared
 * counts). @throws JournalMismatchError when a record's query is not the next of its arm.
 */
export async function resumeArms(
  arms: readonly SessionArm[],
  records: readonly QueryRecord[],
  online: readonly CascadeQuery[],
  journal: string,
  signal?: AbortSignal,
): Promise<void> {
  const byName = new Map(arms.map((a) => [a.name, a]));
  for (const rec of records) {
    const arm = byName.get(rec.arm);
    if (!arm)
      throw new JournalMismatchError(
        `${journal}: a finished query of "${rec.arm}", which this run does not compare; the journal is damaged`,
      );
    const i = arm.trace.length;
    if (online[i]?.queryId !== rec.query_id)
      throw new JournalMismatchError(
        `${journal}: finished query ${i + 1} of "${rec.arm}" is "${rec.query_id}", not "${online[i]?.queryId}" as in the queries file; the journal is damaged`,
      );
    if (rec.strategy && arm.useStrategies) await arm.store.add(rec.strategy, signal);
    arm.trace.push(rec.trace);
    arm.sharedCalls += rec.shared_calls;
  }
}
