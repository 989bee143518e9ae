import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CascadeModel } from '../../../src/engines/intercascade/cascadeModel';
import type { CascadeQuery } from '../../../src/engines/intercascade/queriesJsonl';
import { calibrateThresholds } from '../../../src/engines/intercascade/calibrateThresholds';
import { strategyRiskDrop } from './strategyRiskDrop';
import { assertClose } from '../../helpers/assertClose';

/** Query i: the weak model is right and sure (0.9) on i % 4 != 0, wrong and unsure (0.2) otherwise; the strong model is right and sure (0.95) except on i % 20 == 0 (wrong, 0.6). */
function calibrationSet(n: number) {
  const queries: CascadeQuery[] = Array.from({ length: n }, (_, i) => ({
    queryId: `c${i}`,
    question: `question ${i}`,
    gold: String(i),
  }));
  const index = (q: string) => Number(q.split(' ')[1]);
  const weak: CascadeModel = {
    name: 'weak',
    answer: async (q) =>
      index(q) % 4 ? { answer: String(index(q)), confidence: 0.9 } : { answer: 'x', confidence: 0.2 },
  };
  const strong: CascadeModel = {
    name: 'strong',
    answer: async (q) =>
      index(q) % 20 ? { answer: String(index(q)), confidence: 0.95 } : { answer: 'y', confidence: 0.6 },
  };
  return { queries, weak, strong };
}

test('thresholds from the risk guarantee: hand-derived fixed-sequence result', async () => {
  const { queries, weak, strong } = calibrationSet(200);
  const fractions: number[] = [];
  const r = await calibrateThresholds({
    queries,
    weak,
    strong,
    alpha: 0.1,
    delta: 0.1,
    onProgress: (f) => fractions.push(f),
  });
  // Weak stage (δ/2 = 0.05): the 150 answers at 0.9 are all right, bound 1 − 0.05^(1/150) = 0.0198 ≤ 0.1 (Lemma E.1, k = 0 closed
  // form); adding the 50 at 0.2 gives 50 errors in 200, bound > 0.1, so the scan stops: threshold 0.9.
  assert.equal(r.weakThreshold, 0.9);
  assert.equal(r.guarantee.weak.acceptedCal, 150);
  assertClose(r.guarantee.weak.upperBound!, 1 - 0.05 ** (1 / 150), { rel: 1e-9 }, 'weak bound (closed form for k = 0)');
  // Strong stage on the 50 deferred queries (i % 4 == 0): i % 20 == 0 is 10 of them (wrong at 0.6), 40 right at 0.95.
  // 40 with 0 errors: bound 1 − 0.05^(1/40) = 0.0722 ≤ 0.1; then 50 with 10 errors fails: threshold 0.95.
  assert.equal(r.strongThreshold, 0.95);
  assertClose(
    r.guarantee.strong.upperBound!,
    1 - 0.05 ** (1 / 40),
    { rel: 1e-9 },
    'strong bound (closed form for k = 0)',
  );
  assert.equal(r.calls.length, 200);
  assert.equal(r.calls[1].weak.correct, true);
  assert.equal(r.calls[0].strong.correct, false);
  assert.equal(fractions.at(-1), 1);
  assert.deepEqual(r.warnings, []);
  await assert.rejects(
    calibrateThresholds({
      queries: [{ queryId: 'z', question: 'q', gold: null }],
      weak,
      strong,
      alpha: 0.1,
      delta: 0.1,
    }),
    /calibration query "z" has no gold answer/,
  );
});

test('too few calibration queries: no threshold is certified, with the reason', async () => {
  const { queries, weak, strong } = calibrationSet(20);
  const r = await calibrateThresholds({ queries, weak, strong, alpha: 0.05, delta: 0.1 });
  // n_min = ⌈ln 0.05 / ln 0.95⌉ = 59 accepted answers are needed at α = 0.05, δ/2 = 0.05; 20 can never pass.
  assert.equal(r.weakThreshold, null);
  assert.equal(r.strongThreshold, null);
  assert.match(r.warnings.join('\n'), /needs at least 59 accepted answers/);
});

test('Theorem 2.2: the Clopper–Pearson bound before and after strategies, exact and normal approximation', () => {
  // Reference values: scipy.stats.beta.ppf(0.95, k + 1, n − k) (scipy 1.17.1), and for the approximation
  // μ + z σ with z = norm.ppf(0.95) = 1.6448536, computed in Python from the formulas in the doc comment.
  const r = strategyRiskDrop({ acceptedBefore: 100, errorsBefore: 5, acceptedAfter: 150, errorsAfter: 5, delta: 0.05 });
  assertClose(r.boundBefore, 0.1022533776432745, { rel: 1e-7 }, 'U(5, 100)'); // betaQuantile is accurate to ~1e-10 relative
  assertClose(r.boundAfter, 0.06880518393587672, { rel: 1e-7 }, 'U(5, 150)');
  assertClose(r.drop, 0.1022533776432745 - 0.06880518393587672, { rel: 1e-6 }, 'drop');
  assert.ok(r.dropGuaranteed);
  assertClose(r.approxBefore!, 0.09790438885592073, { rel: 1e-9 }, 'normal approximation before');
  assertClose(r.approxAfter!, 0.0657959232520943, { rel: 1e-9 }, 'normal approximation after');
  assertClose(r.approxDrop!, 0.032108465603826436, { rel: 1e-8 }, 'approximate drop');
  assert.deepEqual(r.warnings, []);
  // k = 0: closed form 1 − δ^(1/n) = 0.0295130 (n = 100) and 0.0148670 (n = 200).
  const z = strategyRiskDrop({ acceptedBefore: 100, errorsBefore: 0, acceptedAfter: 200, errorsAfter: 0, delta: 0.05 });
  assertClose(z.boundBefore, 0.029513049607039932, { rel: 1e-12 }, 'U(0, 100)');
  assertClose(z.boundAfter, 0.014867039231272083, { rel: 1e-12 }, 'U(0, 200)');
  // More errors after: outside the theorem's condition; the bound rises and the result says so.
  const worse = strategyRiskDrop({
    acceptedBefore: 200,
    errorsBefore: 8,
    acceptedAfter: 200,
    errorsAfter: 10,
    delta: 0.05,
  });
  assert.ok(!worse.dropGuaranteed && worse.drop < 0);
  assertClose(worse.boundAfter, 0.08333515106637196, { rel: 1e-7 }, 'U(10, 200), scipy');
  assert.match(worse.warnings[0], /assumes n' ≥ n and k' ≤ k/);
  // k = n: the bound is 1 and the approximation undefined (null, not NaN).
  const all = strategyRiskDrop({ acceptedBefore: 3, errorsBefore: 3, acceptedAfter: 20, errorsAfter: 1, delta: 0.05 });
  assert.equal(all.boundBefore, 1);
  assert.equal(all.approxBefore, null);
  assert.equal(all.approxDrop, null);
  assertClose(all.boundAfter, 0.2161061642068473, { rel: 1e-7 }, 'U(1, 20), scipy');
  assert.match(all.warnings.join('\n'), /fewer than 30/);
  assert.throws(
    () => strategyRiskDrop({ acceptedBefore: 10, errorsBefore: 11, acceptedAfter: 10, errorsAfter: 1, delta: 0.05 }),
    RangeError,
  );
});
