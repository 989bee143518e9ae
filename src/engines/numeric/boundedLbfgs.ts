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

export function boundedLbfgs(opts: BoundedLbfgsOptions): BoundedLbfgsResult {
  const n = opts.x0.length;
  const lo = Float64Array.from(opts.lo);
  const hi = Float64Array.from(opts.hi);
  const m = opts.memory ?? 6;
  const maxIt = opts.maxIterations ?? 100;
  const gradTol = opts.gradTol ?? 1e-7;
  const fTol = opts.fTol ?? 1e-10;
  const fdStep = opts.fdStep ?? 1e-6;
  let evaluations = 0;
  const fg =
    opts.fg ??
    ((x: Float64Array, g: Float64Array): number => {
      const fx = opts.f(x);
      evaluations++;
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
        evaluations += 2;
        g[i] = up > dn ? (fu - fd) / (up - dn) : 0;
      }
      return fx;
    });
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(hi[i], Math.max(lo[i], opts.x0[i]));
  const g = new Float64Array(n);
  let fx = fg(x, g);
  if (opts.fg) evaluations++;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const free = new Uint8Array(n);
  const alpha = new Float64Array(m);
  let converged = false;
  let it = 0;
  for (; it < maxIt; it++) {
    // Free variables: not at a bound with the gradient pushing outward. "At a bound" allows a
    // rounding-level gap (1e-10 of the box width): a variable left an ulp inside its bound by
    // x + step·d would otherwise count as free, its projected step would be clipped to nothing,
    // every line-search trial would fail the descent test, and the search would stop while the
    // other variables still have a clear downhill gradient.
    let pgNorm = 0;
    for (let i = 0; i < n; i++) {
      const tol = 1e-10 * (hi[i] - lo[i]);
      const atLo = x[i] <= lo[i] + tol && g[i] > 0;
      const atHi = x[i] >= hi[i] - tol && g[i] < 0;
      free[i] = atLo || atHi ? 0 : 1;
      if (free[i]) pgNorm = Math.max(pgNorm, Math.abs(g[i]));
    }
    if (pgNorm < gradTol) {
      converged = true;
      break;
    }
    // Two-loop recursion on the free subspace.
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
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * d[i];
    if (!(slope < 0)) {
      // Not a descent direction: fall back to steepest descent and forget the history.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = free[i] ? -g[i] : 0;
        slope -= d[i] * d[i];
      }
    }
    // First step: scale steepest descent to a tenth of the box.
    let step = 1;
    if (S.length === 0) {
      let dMax = 0;
      let width = Infinity;
      for (let i = 0; i < n; i++) {
        dMax = Math.max(dMax, Math.abs(d[i]));
        width = Math.min(width, hi[i] - lo[i]);
      }
      if (dMax > 0) step = Math.min(1, (0.1 * width) / dMax);
    }
    let accepted = false;
    let fNew = fx;
    for (let ls = 0; ls < 40; ls++) {
      let dec = 0;
      for (let i = 0; i < n; i++) {
        xNew[i] = Math.min(hi[i], Math.max(lo[i], x[i] + step * d[i]));
        dec += g[i] * (xNew[i] - x[i]);
      }
      fNew = fg(xNew, gNew);
      if (opts.fg) evaluations++;
      if (fNew <= fx + 1e-4 * Math.min(dec, 0) && dec < 0) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      converged = true; // no descent possible at machine resolution: a (local) minimum
      break;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
    }
    const fOld = fx;
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (sy > 1e-16) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    if (Math.abs(fOld - fx) <= fTol * Math.max(1, Math.abs(fx))) {
      converged = true;
      it++;
      break;
    }
  }
  return { x, f: fx, iterations: it, evaluations, converged };
}
