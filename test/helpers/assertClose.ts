import assert from 'node:assert/strict';

/**
 * Asserts |actual - expected| <= abs + rel * |expected|. Every call site states its tolerance and
 * where the expected value comes from. Infinities must match exactly; NaN never passes.
 */
export function assertClose(
  actual: number,
  expected: number,
  tol: { rel?: number; abs?: number },
  what = 'value',
): void {
  const { rel = 0, abs = 0 } = tol;
  if (!Number.isFinite(expected)) {
    assert.equal(actual, expected, `${what}: expected ${expected}, got ${actual}`);
    return;
  }
  assert.ok(Number.isFinite(actual), `${what}: expected ${expected}, got ${actual}`);
  const bound = abs + rel * Math.abs(expected);
  assert.ok(
    Math.abs(actual - expected) <= bound,
    `${what}: expected ${expected} ± ${bound}, got ${actual} (diff ${actual - expected})`,
  );
}
