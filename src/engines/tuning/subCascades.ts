import { fitCascade, type TuneCascadeOptions } from './tuneCascade';
import { scoreOnTest } from './scoreOnTest';
import { tuneOrderedCascade, type MethodFrontier } from './tuneOrderedCascade';
import type { TuneMethod } from './types';

export interface SubCascadeOptions extends Omit<TuneCascadeOptions, 'cascade'> {
  /** The chosen models in order; every ordered subsequence of length ≥ minLength is evaluated. */
  models: string[];
  minLength?: number;
}

export interface SubCascadeEntry {
  cascade: string[];
  methods: Partial<Record<TuneMethod, MethodFrontier>>;
  auc: { interval: [number, number] | null } & Partial<Record<TuneMethod, number | null>>;
}

/** A stretch of the test cost axis where one sub-cascade (or single model) has the lowest RT test error. */
export interface DominanceSegment {
  costFrom: number;
  costTo: number;
  cascade: string[];
  /** Lowest test error on the segment's ends. */
  errorFrom: number;
  errorTo: number;
}

export interface SubCascadeResult {
  models: string[];
  cascades: SubCascadeEntry[];
  singles: { model: string; testCost: number; testError: number }[];
  dominance: DominanceSegment[];
  problems: { model: string; message: string }[];
  warnings: string[];
  seconds: number;
}

/** All ordered subsequences of 0..m−1 with length ≥ min, shorter first (as the thesis lists its 26). */
export function orderedSubsequences(m: number, min = 2): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << m; mask++) {
    const s: number[] = [];
    for (let i = 0; i < m; i++) if (mask & (1 << i)) s.push(i);
    if (s.length >= min) out.push(s);
  }
  return out.sort((a, b) => a[a.length - 1] - b[b.length - 1] || a.length - b.length);
}

/**
 * Sub-cascade search (thesis §2.3 "Smoothness of the objective"): one Markov-copula model with
 * copulas for every pair, then every ordered sub-cascade is tuned and scored, and the test cost
 * axis is split into segments by which sub-cascade's (first method's) frontier has the lowest error.
 */
export function subCascades(opts: SubCascadeOptions): SubCascadeResult {
  const started = performance.now();
  const methods = opts.methods ?? ['rt'];
  const { data, model } = fitCascade(opts);
  const base = { models: [...opts.models], problems: data.problems, warnings: data.warnings };
  if (!model)
    return { ...base, cascades: [], singles: [], dominance: [], seconds: (performance.now() - started) / 1000 };
  const subs = orderedSubsequences(opts.models.length, opts.minLength ?? 2);
  const cascades: SubCascadeEntry[] = subs.map((cascade, i) => {
    opts.signal?.throwIfAborted();
    const run = tuneOrderedCascade({
      data,
      model,
      cascade,
      methods,
      seed: opts.seed,
      bootstrap: opts.bootstrap ?? 0,
      costMode: opts.costMode,
      r: opts.r,
      infillMass: opts.infillMass,
      gridStep: opts.gridStep,
      auc: opts.auc,
      signal: opts.signal,
    });
    opts.onProgress?.((i + 1) / subs.length);
    const auc: SubCascadeEntry['auc'] = { interval: run.aucInterval };
    for (const m of methods) auc[m] = run.methods[m]?.auc ?? null;
    return { cascade: cascade.map((j) => opts.models[j]), methods: run.methods, auc };
  });
  const hasTest = data.test.queryIds.length > 0;
  const singles = hasTest
    ? opts.models.map((m, i) => {
        const s = scoreOnTest(data.test, [i], [], opts.costMode);
        return { model: m, testCost: s.cost, testError: s.error };
      })
    : [];
  const dominance = hasTest ? dominanceSegments(cascades, singles, methods[0]) : [];
  return { ...base, cascades, singles, dominance, seconds: (performance.now() - started) / 1000 };
}

/** Lower envelope of the test curves on a 400-point cost grid, merged into segments. */
function dominanceSegments(
  cascades: SubCascadeEntry[],
  singles: { model: string; testCost: number; testError: number }[],
  method: TuneMethod,
): DominanceSegment[] {
  const curves = cascades.map((c) => ({
    name: c.cascade,
    pts: (c.methods[method]?.points ?? []).map((p) => ({ x: p.testCost!, y: p.testError! })).sort((a, b) => a.x - b.x),
  }));
  for (const s of singles) curves.push({ name: [s.model], pts: [{ x: s.testCost, y: s.testError }] });
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of curves)
    for (const p of c.pts) {
      lo = Math.min(lo, p.x);
      hi = Math.max(hi, p.x);
    }
  if (!(hi > lo)) return [];
  // A curve's error at cost x: the best point at cost ≤ x (one can always spend less than budgeted).
  const at = (pts: { x: number; y: number }[], x: number): number => {
    let best = Infinity;
    for (const p of pts) if (p.x <= x + 1e-15) best = Math.min(best, p.y);
    return best;
  };
  const segs: DominanceSegment[] = [];
  const G = 400;
  for (let g = 0; g <= G; g++) {
    const x = lo + ((hi - lo) * g) / G;
    let bi = -1;
    let by = Infinity;
    curves.forEach((c, i) => {
      const y = at(c.pts, x);
      if (y < by - 1e-12) {
        by = y;
        bi = i;
      }
    });
    if (bi < 0) continue;
    const last = segs[segs.length - 1];
    if (last && last.cascade === curves[bi].name) {
      last.costTo = x;
      last.errorTo = by;
    } else segs.push({ costFrom: x, costTo: x, cascade: curves[bi].name, errorFrom: by, errorTo: by });
  }
  return segs;
}
