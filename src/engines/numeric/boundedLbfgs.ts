/**
 * Minimises a smooth function inside a box lo ≤ x ≤ hi by projected limited-memory BFGS: the
 * L-BFGS two-loop direction restricted to the free variables (those not held at a bound by the
 * gradient), a projected backtracking (Armijo) line search, and curvature-pair updates only when
 * sᵀy > 0. A compact relative of L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995) that is enough for the few
 * (k − 1 ≤ ~8) confidence thresholds of a cascade (thesis §2.3, problem 2.11). When no gradient is
 * given, central finite differences are used (step `fdStep` × box width).
 */
export interface BoundedLbfgsOptions {
  f: (x: Float64Array) => number;
  /** Writes ∇f(x) into g and returns f(x); default: central differences. */
  fg?: (x: Float64Array, g: Float64Array) => number;
  x0: ArrayLike<number>;
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
  /** Curvature pairs kept (default 6). */
  memory?: number;
  maxIterations?: number;
  /** Stop when the projected-gradient max-norm falls below this (default 1e-7). */
  gradTol?: number;
  /** Stop when f improves by less than this relative amount (default 1e-10). */
  fTol?: number;
  fdStep?: number;
}

export interface BoundedLbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

/** The last `memory` curvature pairs (s, y) with ρ = 1/(sᵀy). */
interface History {
  S: Float64Array[];
  Y: Float64Array[];
  rho: number[];
}

/** The box [lo, hi] and the evaluation counter shared by the parts of one run. */
interface Problem {
  n: number;
  lo: Float64Array;
  hi: Float64Array;
  fg: (x: Float64Array, g: Float64Array) => number;
}

/**
 * f and its gradient: the caller's `fg` (one evaluation per call), else f with central differences
 * of step fdStep × box width, clipped to the box (2n + 1 evaluations per call).
 */
function withGradient(opts: BoundedLbfgsOptions, lo: Float64Array, hi: Float64Array, count: () => void): Problem['fg'] {
  const given = opts.fg;
  if (given)
    return (x, g) => {
      count();
      return given(x, g);
    };
  const n = opts.x0.length;
  const fdStep = opts.fdStep ?? 1e-6;
  return (x, g) => {
    const fx = opts.f(x);
    count();
    for (let i = 0; i < n; i++) {
      const h = fdStep * Math.max(hi[i] - lo[i], 1e-12);
      const xi = x[i];
      const up = Math.min(hi[i], xi + h);
      const dn = Math.max(lo[i], xi - h);
      x[i] = up;
      const fu = opts.f(x);
      x[i] = dn;
      const fd = opts.f(x);
      x[i] = xi;
      count();
      count();
      g[i] = up > dn ? (fu - fd) / (up - dn) : 0;
    }
    return fx;
  };
}

/**
 * Marks the free variables: not at a bound with the gradient pushing outward. "At a bound" allows a
 * rounding-level gap (1e-10 of the box width): a variable left an ulp inside its bound by
 * x + step·d would otherwise count as free, its projected step would be clipped to nothing, every
 * line-search trial would fail the descent test, and the search would stop while the other
 * variables still have a clear downhill gradient. Returns the projected gradient's max-norm.
 */
function markFree({ n, lo, hi }: Problem, x: Float64Array, g: Float64Array, free: Uint8Array): number {
  let pgNorm = 0;
  for (let i = 0; i < n; i++) {
    const tol = 1e-10 * (hi[i] - lo[i]);
    const atLo = x[i] <= lo[i] + tol && g[i] > 0;
    const atHi = x[i] >= hi[i] - tol && g[i] < 0;
    free[i] = atLo || atHi ? 0 : 1;
    if (free[i]) pgNorm = Math.max(pgNorm, Math.abs(g[i]));
  }
  return pgNorm;
}

/** The L-BFGS two-loop recursion on the free subspace: d = −H·g. */
function twoLoop(n: number, h: History, g: Float64Array, free: Uint8Array, d: Float64Array, alpha: Float64Array): void {
  const { S, Y, rho } = h;
  for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
  for (let j = S.length - 1; j >= 0; j--) {
    let a = 0;
    for (let i = 0; i < n; i++) if (free[i]) a += S[j][i] * d[i];
    a *= rho[j];
    alpha[j] = a;
    for (let i = 0; i < n; i++) if (free[i]) d[i] -= a * Y[j][i];
  }
  if (S.length) {
    const last = S.length - 1;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      sy += S[last][i] * Y[last][i];
      yy += Y[last][i] * Y[last][i];
    }
    const gamma = yy > 0 ? sy / yy : 1;
    for (let i = 0; i < n; i++) d[i] *= gamma;
  }
  for (let j = 0; j < S.length; j++) {
    let b = 0;
    for (let i = 0; i < n; i++) if (free[i]) b += Y[j][i] * d[i];
    b *= rho[j];
    for (let i = 0; i < n; i++) if (free[i]) d[i] += S[j][i] * (alpha[j] - b);
  }
}

/**
 * The search direction into d: the two-loop direction, or steepest descent on the free variables
 * (forgetting the history) when that is not downhill.
 */
function searchDirection(
  n: number,
  h: History,
  g: Float64Array,
  free: Uint8Array,
  d: Float64Array,
  alpha: Float64Array,
): void {
  twoLoop(n, h, g, free, d, alpha);
  let slope = 0;
  for (let i = 0; i < n; i++) slope += g[i] * d[i];
  if (slope < 0) return;
  h.S.length = 0;
  h.Y.length = 0;
  h.rho.length = 0;
  for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
}

/** The first trial step: 1, except that steepest descent (no history) is scaled to a tenth of the box. */
function firstStep({ n, lo, hi }: Problem, h: History, d: Float64Array): number {
  if (h.S.length) return 1;
  let dMax = 0;
  let width = Infinity;
  for (let i = 0; i < n; i++) {
    dMax = Math.max(dMax, Math.abs(d[i]));
    width = Math.min(width, hi[i] - lo[i]);
  }
  return dMax > 0 ? Math.min(1, (0.1 * width) / dMax) : 1;
}

/**
 * Projected backtracking (Armijo) line search from x along d: writes the accepted point and its
 * gradient into xNew, gNew and returns its f, or null when 40 halvings found no descent.
 */
function lineSearch(
  p: Problem,
  x: Float64Array,
  fx: number,
  g: Float64Array,
  d: Float64Array,
  step: number,
  xNew: Float64Array,
  gNew: Float64Array,
): number | null {
  const { n, lo, hi } = p;
  for (let ls = 0; ls < 40; ls++) {
    let dec = 0;
    for (let i = 0; i < n; i++) {
      xNew[i] = Math.min(hi[i], Math.max(lo[i], x[i] + step * d[i]));
      dec += g[i] * (xNew[i] - x[i]);
    }
    const fNew = p.fg(xNew, gNew);
    if (fNew <= fx + 1e-4 * Math.min(dec, 0) && dec < 0) return fNew;
    step *= 0.5;
  }
  return null;
}

/** Keeps the pair (xNew − x, gNew − g) when its curvature sᵀy is positive, dropping the oldest past `memory`. */
function remember(
  h: History,
  n: number,
  x: Float64Array,
  g: Float64Array,
  xNew: Float64Array,
  gNew: Float64Array,
  memory: number,
): void {
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  let sy = 0;
  for (let i = 0; i < n; i++) {
    s[i] = xNew[i] - x[i];
    y[i] = gNew[i] - g[i];
    sy += s[i] * y[i];
  }
  if (!(sy > 1e-16)) return;
  h.S.push(s);
  h.Y.push(y);
  h.rho.push(1 / sy);
  if (h.S.length > memory) {
    h.S.shift();
    h.Y.shift();
    h.rho.shift();
  }
}

/** Minimises opts.f over the box [lo, hi] from x0 (clipped into the box); see the module comment. */
export function boundedLbfgs(opts: BoundedLbfgsOptions): BoundedLbfgsResult {
  const n = opts.x0.length;
  const lo = Float64Array.from(opts.lo);
  const hi = Float64Array.from(opts.hi);
  const m = opts.memory ?? 6;
  const maxIt = opts.maxIterations ?? 100;
  const gradTol = opts.gradTol ?? 1e-7;
  const fTol = opts.fTol ?? 1e-10;
  let evaluations = 0;
  const p: Problem = { n, lo, hi, fg: withGradient(opts, lo, hi, () => evaluations++) };
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(hi[i], Math.max(lo[i], opts.x0[i]));
  const g = new Float64Array(n);
  let fx = p.fg(x, g);
  const history: History = { S: [], Y: [], rho: [] };
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const free = new Uint8Array(n);
  const alpha = new Float64Array(m);
  let converged = false;
  let it = 0;
  for (; it < maxIt; it++) {
    if (markFree(p, x, g, free) < gradTol) {
      converged = true;
      break;
    }
    searchDirection(n, history, g, free, d, alpha);
    const fNew = lineSearch(p, x, fx, g, d, firstStep(p, history, d), xNew, gNew);
    if (fNew === null) {
      converged = true; // no descent possible at machine resolution: a (local) minimum
      break;
    }
    remember(history, n, x, g, xNew, gNew, m);
    const fOld = fx;
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (Math.abs(fOld - fx) <= fTol * Math.max(1, Math.abs(fx))) {
      converged = true;
      it++;
      break;
    }
  }
  return { x, f: fx, iterations: it, evaluations, converged };
}
