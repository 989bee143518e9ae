import { bootstrapMeans, type BootstrapSettings } from './bootstrapMeans';
import {
  CI_LEVEL,
  DEFAULT_REPLICATES,
  differenceTest,
  estimate,
  type DifferenceTest,
  type Estimate,
} from './intervals';

/** One system's per-query metrics on the test queries (every system on the same queries, in the same order). */
export interface SystemSample {
  name: string;
  /** columns[d][q]: metric d of query q (e.g. cost, latency, error, abstention). */
  columns: readonly Float64Array[];
}

/** One system with intervals, and its difference to the leader. */
export interface SystemStats {
  name: string;
  /** −Σ_d weights[d]·mean(columns[d]). */
  reward: Estimate;
  /** Mean of each column listed in `report`, in that order. */
  metrics: Estimate[];
  /** Share of resamples in which this system has the highest reward among the contenders (null for reference systems). */
  p_best: number | null;
  /** Leader's reward minus this system's (positive: the leader is better); null for the leader itself. */
  vs_leader: (DifferenceTest & { identical: boolean }) | null;
}

export interface SystemComparison {
  replicates: number;
  seed: number;
  level: number;
  /** Queries resampled. */
  n: number;
  leader: number;
  systems: SystemStats[];
}

export interface CompareOptions extends BootstrapSettings {
  /** Loss per query = Σ_d weights[d]·columns[d][q]; reward = −mean loss. */
  weights: ArrayLike<number>;
  /** Columns to give an estimate for (e.g. cost and error). */
  report?: readonly number[];
  level?: number;
  /** Systems [0, contenders) compete for "best"; later ones are references (default: all compete). */
  contenders?: number;
}

/**
 * Paired percentile bootstrap over queries: every resample draws the n queries with replacement
 * once and re-averages every system's columns on that same draw, so differences to the leader keep
 * the pairing (two systems that fail on the same hard queries differ less than two independent
 * samples would). Only the columns with a non-zero weight or in `report` are resampled; the reward
 * of a resample is −Σ weights·(its column means). A system whose columns equal the leader's on
 * every query is `identical` (difference exactly 0 in every resample: tied, p = 1).
 */
export function compareSystems(
  systems: readonly SystemSample[],
  leader: number,
  opts: CompareOptions,
): SystemComparison {
  const replicates = opts.replicates ?? DEFAULT_REPLICATES;
  const seed = opts.seed ?? 1;
  const level = opts.level ?? CI_LEVEL;
  const report = opts.report ?? [];
  const contenders = opts.contenders ?? systems.length;
  const S = systems.length;
  if (!(leader >= 0 && leader < S)) throw new Error(`leader index ${leader} is outside 0..${S - 1}`);
  const dim = systems[0].columns.length;
  if (systems.some((s) => s.columns.length !== dim) || opts.weights.length !== dim)
    throw new Error(`every system needs ${dim} columns, one weight each`);
  const n = systems[0].columns[0]?.length ?? 0;
  const used = Array.from({ length: dim }, (_, d) => d).filter((d) => opts.weights[d] !== 0 || report.includes(d));
  // One group per metric: a system's column is stored as the change from the most similar earlier system's.
  const reps = bootstrapMeans(
    used.map((d) => systems.map((s) => s.columns[d])),
    { replicates, seed, signal: opts.signal },
  );
  const repOf = (d: number, k: number): Float64Array => reps[used.indexOf(d)][k];
  const meanOf = (v: Float64Array): number => {
    let s = 0;
    for (let q = 0; q < n; q++) s += v[q];
    return n ? s / n : 0;
  };
  const loss = systems.map((s) => used.reduce((acc, d) => acc + opts.weights[d] * meanOf(s.columns[d]), 0));
  const lossReps = systems.map((_, k) => {
    const r = new Float64Array(replicates);
    for (const d of used) {
      const w = opts.weights[d];
      if (w === 0) continue;
      const v = repOf(d, k);
      for (let b = 0; b < replicates; b++) r[b] += w * v[b];
    }
    return r;
  });
  const wins = new Float64Array(S);
  for (let b = 0; b < replicates; b++) {
    let arg = 0;
    for (let k = 1; k < contenders; k++) if (lossReps[k][b] < lossReps[arg][b]) arg = k;
    wins[arg]++;
  }
  const same = (k: number): boolean =>
    used.every((d) => systems[k].columns[d].every((x, q) => x === systems[leader].columns[d][q]));
  return {
    replicates,
    seed,
    level,
    n,
    leader,
    systems: systems.map((s, k): SystemStats => {
      let vs: SystemStats['vs_leader'] = null;
      if (k !== leader) {
        const identical = same(k);
        const d = identical ? new Float64Array(replicates) : lossReps[k].map((x, b) => x - lossReps[leader][b]);
        vs = { ...differenceTest(identical ? 0 : loss[k] - loss[leader], d, level), identical };
      }
      return {
        name: s.name,
        reward: estimate(
          -loss[k],
          lossReps[k].map((x) => -x),
          level,
        ),
        metrics: report.map((d) => estimate(meanOf(s.columns[d]), repOf(d, k), level)),
        p_best: k < contenders ? wins[k] / replicates : null,
        vs_leader: vs,
      };
    }),
  };
}
