import type { Rng } from '../numeric/rng';
import { quantileSorted } from '../numeric/quantile';
import type { SplitData } from './prepareCascadeData';
import type { FrontierPoint } from './types';

/** Percentile band of the test error (and cost) at each frontier point, from resampled test queries. */
export interface BootstrapBand {
  replicates: number;
  level: number;
  /** Same order as the method's points. */
  errorLo: number[];
  errorHi: number[];
  costLo: number[];
  costHi: number[];
}

/**
 * Non-parametric bootstrap of the test split: resample the test queries B times (the same draws
 * for every point) and take the (1 − level)/2 and (1 + level)/2 percentiles of each point's test
 * error and cost. Routing is recomputed from the recorded confidences, so the band shows the
 * sampling uncertainty of the empirical curve, not of the thresholds.
 */
export function bootstrapBand(
  test: SplitData,
  cascade: readonly number[],
  points: readonly FrontierPoint[],
  rng: Rng,
  replicates = 200,
  level = 0.9,
  costMode: 'mean' | 'query' = 'mean',
): BootstrapBand {
  const n = test.queryIds.length;
  const k = cascade.length;
  const P = points.length;
  const wrong = new Uint8Array(P * n);
  const cost = new Float64Array(P * n);
  points.forEach((p, j) => {
    for (let q = 0; q < n; q++) {
      let c = 0;
      let i = 0;
      for (; i < k; i++) {
        c += costMode === 'mean' ? test.meanCost[cascade[i]] : test.cost[cascade[i]][q];
        if (i === k - 1 || test.phi[cascade[i]][q] > p.thresholds[i]) break;
      }
      wrong[j * n + q] = test.correct[cascade[i]][q] ? 0 : 1;
      cost[j * n + q] = c;
    }
  });
  const errs = Array.from({ length: P }, () => new Float64Array(replicates));
  const costs = Array.from({ length: P }, () => new Float64Array(replicates));
  const draw = new Int32Array(n);
  for (let b = 0; b < replicates && n > 0; b++) {
    for (let q = 0; q < n; q++) draw[q] = rng.int(n);
    for (let j = 0; j < P; j++) {
      let w = 0;
      let c = 0;
      const off = j * n;
      for (let q = 0; q < n; q++) {
        w += wrong[off + draw[q]];
        c += cost[off + draw[q]];
      }
      errs[j][b] = w / n;
      costs[j][b] = c / n;
    }
  }
  const lo = (1 - level) / 2;
  const hi = 1 - lo;
  const pct = (a: Float64Array, p: number): number => (n > 0 && replicates > 0 ? quantileSorted(a.sort(), p) : 0);
  return {
    replicates,
    level,
    errorLo: errs.map((a) => pct(a, lo)),
    errorHi: errs.map((a) => pct(a, hi)),
    costLo: costs.map((a) => pct(a, lo)),
    costHi: costs.map((a) => pct(a, hi)),
  };
}
