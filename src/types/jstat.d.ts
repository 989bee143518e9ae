/**
 * Types for the part of jstat (1.9, which ships none) that src/ uses. Each function is the plain
 * numeric routine of jStat. Each engine that calls one says why its accuracy is enough there;
 * test/engines/numeric/jstatAccuracy.test.ts measures it against double-precision references.
 */
declare module 'jstat' {
  interface JStatNormal {
    /** Density of N(mean, sd²) at x. */
    pdf(x: number, mean: number, sd: number): number;
    /** P(X ≤ x) for X ~ N(mean, sd²). */
    cdf(x: number, mean: number, sd: number): number;
    /** The p-quantile of N(mean, sd²). */
    inv(p: number, mean: number, sd: number): number;
  }
  interface JStatStatic {
    normal: JStatNormal;
    /** Regularized incomplete beta I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
    /** ln B(a, b). */
    betaln(a: number, b: number): number;
  }
  export const jStat: JStatStatic;
}
