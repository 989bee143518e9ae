/**
 * Coverage of the paired bootstrap interval by simulation: 400 synthetic test sets of two systems
 * with a known difference in expected reward; the 95% interval must cover the true difference in
 * 95% ± 3 binomial standard deviations of the sets (σ = √(0.95·0.05/400) = 1.09%: [91.7%, 98.3%],
 * which an exact 95% interval passes with probability 99.7%). The same data with the two systems
 * resampled independently (no pairing) over-covers and fails the check: the test can fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engines/numeric/rng';
import { bootstrapMeans } from '../../../src/engines/uncertainty/bootstrapMeans';
import { compareSystems } from '../../../src/engines/uncertainty/compareSystems';
import { percentileInterval } from '../../../src/engines/uncertainty/intervals';

const SETS = 400;
const N = 100;
const B = 1000;
/**
 * Per query u ~ U(0,1) is its difficulty. A is wrong when u < 0.30; B is wrong when u < 0.20, with
 * its outcome flipped on an independent 10% of queries: P(B wrong) = 0.2·0.9 + 0.8·0.1 = 0.26.
 * Costs are skewed: A pays 0.01·Exp(1), B pays 0.03·Exp(1). Loss = cost + $1 × error, so
 * E[loss A] = 0.31, E[loss B] = 0.29 and B's reward is higher by exactly 0.02.
 */
const TRUE_DIFF = 0.02;

function dataset(rng: Rng): { a: Float64Array[]; b: Float64Array[] } {
  const a = [new Float64Array(N), new Float64Array(N)];
  const b = [new Float64Array(N), new Float64Array(N)];
  for (let q = 0; q < N; q++) {
    const u = rng.uniform();
    a[0][q] = -0.01 * Math.log(rng.uniformOpen());
    b[0][q] = -0.03 * Math.log(rng.uniformOpen());
    a[1][q] = u < 0.3 ? 1 : 0;
    b[1][q] = u < 0.2 !== rng.uniform() < 0.1 ? 1 : 0;
  }
  return { a, b };
}

test('paired bootstrap: the 95% interval of a reward difference covers the true difference in 91.7%–98.3% of 400 simulated test sets; unpaired does not', (t) => {
  const rng = new Rng(20240601);
  let paired = 0;
  let unpaired = 0;
  for (let s = 0; s < SETS; s++) {
    const { a, b } = dataset(rng);
    // B is the leader: vs_leader of A is R_B − R_A.
    const cmp = compareSystems(
      [
        { name: 'A', columns: a },
        { name: 'B', columns: b },
      ],
      1,
      { weights: [1, 1], replicates: B, seed: s + 1 },
    );
    const d = cmp.systems[0].vs_leader!;
    if (d.ci_low <= TRUE_DIFF && TRUE_DIFF <= d.ci_high) paired++;
    // Unpaired: each system's losses resampled on its own draw, as if they came from different queries.
    const lossA = a[0].map((c, q) => c + a[1][q]);
    const lossB = b[0].map((c, q) => c + b[1][q]);
    const [[ra]] = bootstrapMeans([[lossA]], { replicates: B, seed: 2 * s + 1 });
    const [[rb]] = bootstrapMeans([[lossB]], { replicates: B, seed: 2 * s + 2 });
    const u = percentileInterval(ra.map((x, i) => x - rb[i]));
    if (u.ci_low <= TRUE_DIFF && TRUE_DIFF <= u.ci_high) unpaired++;
  }
  t.diagnostic(`coverage: paired ${paired}/${SETS}, unpaired ${unpaired}/${SETS}`);
  assert.ok(
    paired / SETS >= 0.917 && paired / SETS <= 0.983,
    `paired coverage ${paired / SETS} outside [0.917, 0.983]`,
  );
  assert.ok(
    unpaired / SETS > 0.983,
    `unpaired resampling ignores the correlation of the two systems' errors and over-covers (${unpaired / SETS})`,
  );
});
