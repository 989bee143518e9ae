import type { EvalRecord } from './types';

/** The per-answer quantities averaged over repeats (null values are left out of their mean). */
const FIELDS = [
  'costUsd',
  'latencyS',
  'inputTokens',
  'outputTokens',
  'reasoningTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'confidence',
] as const;

/** Running sums of the repeats of one (query, model): `sums[i]` over `counts[i]` repeats that had FIELDS[i]. */
interface Repeats {
  record: EvalRecord;
  epochs: Set<number>;
  score: number;
  sums: Float64Array;
  counts: Uint32Array;
}

function accumulate(s: Repeats, r: EvalRecord): void {
  for (let i = 0; i < FIELDS.length; i++) {
    const v = r[FIELDS[i]];
    if (v !== null) {
      s.sums[i] += v;
      s.counts[i]++;
    }
  }
}

/**
 * Reduces repeated answers to one query by one model (Inspect epochs, promptfoo repeats, a native
 * `epoch` field) to one record by their mean, as Inspect's default `mean` reducer does: the score
 * becomes the mean score over repeats (so a model's accuracy equals the run's own headline metric),
 * and cost, latency, tokens and confidence become per-answer means. The first repeat's record is
 * kept and updated in place at `finish`, so record order and lines stay those of the first epoch.
 */
export class EpochReducer {
  private readonly byKey = new Map<string, Repeats>();

  constructor(private readonly correctThreshold: number) {}

  /** A (query, model) seen for the first time, with its epoch. */
  addFirst(record: EvalRecord, epoch: number): void {
    const s: Repeats = {
      record,
      epochs: new Set([epoch]),
      score: record.score,
      sums: new Float64Array(FIELDS.length),
      counts: new Uint32Array(FIELDS.length),
    };
    accumulate(s, record);
    this.byKey.set(keyOf(record), s);
  }

  /** A later answer to a (query, model) already added: true when it was merged, false when it is no repeat (same epoch again, or unknown key). */
  addRepeat(r: EvalRecord, epoch: number): boolean {
    const s = this.byKey.get(keyOf(r));
    if (s === undefined || s.epochs.has(epoch)) return false;
    s.epochs.add(epoch);
    s.score += r.score;
    accumulate(s, r);
    return true;
  }

  /** Writes the means into the kept records; returns how many queries had repeats and how many repeats were merged, or null when none. */
  finish(): { queries: number; repeats: number } | null {
    let queries = 0;
    let repeats = 0;
    for (const s of this.byKey.values()) {
      const n = s.epochs.size;
      if (n < 2) continue;
      queries++;
      repeats += n - 1;
      const r = s.record;
      r.epochs = n;
      r.score = s.score / n;
      r.correct = r.score >= this.correctThreshold;
      for (let i = 0; i < FIELDS.length; i++) r[FIELDS[i]] = s.counts[i] ? s.sums[i] / s.counts[i] : null;
      r.logprob = r.confidence === null ? null : Math.log(r.confidence);
    }
    this.byKey.clear();
    return queries ? { queries, repeats } : null;
  }
}

const keyOf = (r: EvalRecord): string => `${r.queryId}\u0000${r.model}`;
