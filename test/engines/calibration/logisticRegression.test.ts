import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logisticRegression } from '../../../src/engines/calibration/logisticRegression';
import { normalSf } from '../../../src/engines/numeric/normalDistribution';
import { assertClose } from '../../helpers/assertClose';

test('logistic regression on one binary predictor matches the closed form', () => {
  // With x ∈ {0, 1} the MLE reproduces the two group rates: β0 = logit(p0), β1 = logit(p1) − logit(p0),
  // and the inverse information gives se(β0)² = 1/(n0 p0 q0), se(β1)² = 1/(n0 p0 q0) + 1/(n1 p1 q1).
  // Groups: x = 0 → 3 of 10 right, x = 1 → 8 of 10 right.
  const x = [...Array(10).fill(0), ...Array(10).fill(1)];
  const y = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
  const fit = logisticRegression({ columns: [x], y });
  const logit = (p: number): number => Math.log(p / (1 - p));
  // Newton converges quadratically; 1e-9 relative is far above its final step.
  assertClose(fit.coefficients[0], logit(0.3), { rel: 1e-9 }, 'β0');
  assertClose(fit.coefficients[1], logit(0.8) - logit(0.3), { rel: 1e-9 }, 'β1');
  const v0 = 1 / (10 * 0.3 * 0.7);
  const v1 = v0 + 1 / (10 * 0.8 * 0.2);
  assertClose(fit.standardErrors[0]!, Math.sqrt(v0), { rel: 1e-8 }, 'se(β0)');
  assertClose(fit.standardErrors[1]!, Math.sqrt(v1), { rel: 1e-8 }, 'se(β1)');
  const z = (logit(0.8) - logit(0.3)) / Math.sqrt(v1);
  assertClose(fit.pValues[1]!, 2 * normalSf(z), { rel: 1e-7 }, 'Wald p(β1)');
  assert.ok(fit.converged);
  // Log-likelihood: Σ over groups of n·(p log p + q log q).
  const ll = 10 * (0.3 * Math.log(0.3) + 0.7 * Math.log(0.7)) + 10 * (0.8 * Math.log(0.8) + 0.2 * Math.log(0.2));
  assertClose(fit.logLikelihood, ll, { rel: 1e-10 }, 'log-likelihood');
});

test('logistic regression says so when the outcomes are perfectly separated', () => {
  const fit = logisticRegression({ columns: [[1, 2, 3, 4, 5, 6]], y: [0, 0, 0, 1, 1, 1] });
  assert.ok(
    fit.warnings.some((w) => /separated/.test(w)),
    fit.warnings.join('; '),
  );
  for (const c of fit.coefficients) assert.ok(Number.isFinite(c));
});
