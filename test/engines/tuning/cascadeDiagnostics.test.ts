import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { cascadeDiagnostics } from '../../../src/engines/tuning/cascadeDiagnostics';
import { marginalCvmTest } from '../../../src/engines/copula/marginalCvm';
import { fitMarginal, sampleMarginal } from '../../../src/engines/copula/marginalModel';
import { beta } from '../../../src/engines/numeric/distributions';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';
import { syntheticCascadeRecords } from './syntheticCascade';

// The Cascade Frontier's diagnostics tab (thesis §2.4) on a synthetic three-model chain, checked
// against what does not come from the code under test: Kendall's τ-b by its O(n²) definition on the
// raw confidences (calibration is increasing, so τ is the same), Gumbel's θ = 1/(1 − τ), counting,
// and the form of a bootstrap p-value.
const MODELS = ['m0', 'm1', 'm2'];
const B = 19;
const records = syntheticCascadeRecords({ k: 3, nTrain: 300, nTest: 300, seed: 11 });

/** Kendall's τ-b of paired samples by its definition over all pairs. */
function naiveTauB(x: number[], y: number[]): number {
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++) {
      const s = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
      else if (x[i] === x[j] && y[i] !== y[j]) tiesX++;
      else if (y[i] === y[j] && x[i] !== x[j]) tiesY++;
    }
  const n0 = concordant + discordant;
  return (concordant - discordant) / Math.sqrt((n0 + tiesX) * (n0 + tiesY));
}

/** Each model's test-split confidences in query order. */
function testConfidences(rs: readonly EvalRecord[]): Map<string, number[]> {
  const by = new Map<string, number[]>(MODELS.map((m) => [m, []]));
  for (const r of rs) if (r.split === 'test') by.get(r.model)!.push(r.confidence!);
  return by;
}

test('diagnostics of a healthy chain: τ heatmap, Gumbel θ, histograms, ranks and p-values agree with their definitions', () => {
  const d = cascadeDiagnostics({ records, models: MODELS, bootstrapTests: B, seed: 3 });
  assert.equal(d.n, 300);
  assert.equal(d.split, 'test');
  assert.deepEqual(d.problems, []);
  const conf = testConfidences(records);
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++) {
      const want = a === b ? 1 : naiveTauB(conf.get(MODELS[a])!, conf.get(MODELS[b])!);
      assertClose(d.tau[a][b]!, want, { abs: 1e-12 }, `τ(${MODELS[a]}, ${MODELS[b]})`);
    }
  assert.equal(d.marginals.length, 3);
  for (const m of d.marginals) {
    assert.equal(
      m.histogram.count.reduce((s, c) => s + c, 0),
      300,
      `${m.model}: every confidence in one bin`,
    );
    const width = m.histogram.edges[1] - m.histogram.edges[0];
    assertClose(
      m.histogram.density.reduce((s, v) => s + v * width, 0),
      1,
      { abs: 1e-12 },
      `${m.model}: histogram area`,
    );
    // the fitted continuous density on its grid (midpoints) carries the mass the point masses leave
    const step = m.density.x[1] - m.density.x[0];
    const area = m.density.y.reduce((s, v) => s + v * step, 0);
    assertClose(area + m.marginal.wMin + m.marginal.wMax, 1, { abs: 0.02 }, `${m.model}: density area`);
    assert.ok(Number.isInteger(Math.round(m.pValue * (B + 1))) && m.pValue >= 1 / (B + 1) && m.pValue <= 1);
    assertClose(m.pValue * (B + 1), Math.round(m.pValue * (B + 1)), { abs: 1e-9 }, `${m.model}: p = (1 + k)/(B + 1)`);
    assert.ok(m.ece10 !== null && m.ece10 < 0.1, `${m.model}: calibrated on a split like this one, ECE ${m.ece10}`);
  }
  assert.deepEqual(
    d.copulas.map((c) => `${c.from}→${c.to}`),
    ['m0→m1', 'm1→m2'],
  );
  for (const [j, c] of d.copulas.entries()) {
    assertClose(c.tauEval!, d.tau[j][j + 1]!, { abs: 1e-12 }, `${c.from}→${c.to}: τ of the evaluated split`);
    assertClose(c.thetaEval, 1 / (1 - c.tauEval!), { rel: 1e-12 }, `${c.from}→${c.to}: Gumbel θ = 1/(1 − τ)`);
    const ranks = [...c.pseudo.u].sort((x, y) => x - y);
    ranks.forEach((u, k) => assertClose(u, (k + 1) / 301, { abs: 1e-15 }, 'pseudo-observation'));
    assert.equal(c.gumbelSample.u.length, 300);
    assert.equal(c.replicates, 2 * B);
    assertClose(c.pValue * (2 * B + 1), Math.round(c.pValue * (2 * B + 1)), { abs: 1e-9 }, 'copula p-value form');
  }
  // Table 2.3: one row per model from the third on, with one regression per earlier ancestor
  assert.deepEqual(
    d.markov.map((r) => [r.predicted, r.markovPredictor, r.ancestors.map((a) => a.model)]),
    [['m2', 'm1', ['m0']]],
  );
  assert.ok(!d.flags.some((f) => f.startsWith('Markov check')), d.flags.join('\n'));
});

test('diagnostics flag a model whose test confidences mean nothing, and a chain that is not Markov', () => {
  const conf = testConfidences(records);
  const m0 = conf.get('m0')!;
  const noise = new Rng(4);
  let t = 0;
  const broken = records.map((r) => {
    if (r.split !== 'test') return r;
    // m1's confidence is noise on the test split; m2's is m0's (so τ(m0, m2) = 1 and m0 predicts m2)
    if (r.model === 'm1') {
      const c = 0.05 + 0.9 * noise.uniform();
      return { ...r, confidence: c, logprob: Math.log(c) };
    }
    if (r.model === 'm2') return { ...r, confidence: m0[t], logprob: Math.log(m0[t++]) };
    return r;
  });
  assert.equal(t, m0.length);
  // 39 replicates: the smallest p-value is 1/40, below the 0.05 a misfit flag needs
  const d = cascadeDiagnostics({ records: broken, models: MODELS, bootstrapTests: 39, seed: 3 });
  const has = (start: string, part: string): boolean => d.flags.some((f) => f.startsWith(start) && f.includes(part));
  assert.ok(has('m1:', 'ECE'), `an ECE flag for m1:\n${d.flags.join('\n')}`);
  assert.ok(has('m1:', 'fitted marginal departs'), `a marginal flag for m1:\n${d.flags.join('\n')}`);
  assert.ok(!has('m0:', 'ECE'), `no ECE flag for m0:\n${d.flags.join('\n')}`);
  assertClose(d.tau[0][2]!, 1, { abs: 1e-12 }, 'τ(m0, m2)');
  assert.ok(has('Markov check: τ(m0, m2) = 1.00', 'exceeds'), `a τ flag:\n${d.flags.join('\n')}`);
  assert.ok(
    has('Markov check: m0 predicts m2', 'predecessor m1'),
    `an ancestor flag (Table 2.3):\n${d.flags.join('\n')}\n${JSON.stringify(d.markov)}`,
  );
});

test('marginal √CvM test: a sample of the fitted marginal passes, a shifted one is rejected at the bootstrap floor', () => {
  const rng = new Rng(8);
  const fitted = fitMarginal(Array.from({ length: 2000 }, () => beta(rng, 6, 2)));
  const own = marginalCvmTest(fitted, sampleMarginal(fitted, new Rng(9), 500), new Rng(10), 99);
  assert.ok(own.pValue > 0.05, `p = ${own.pValue} for a sample of the model itself`);
  const shifted = Array.from({ length: 500 }, () => beta(rng, 3, 2));
  const off = marginalCvmTest(fitted, shifted, new Rng(10), 99);
  assert.equal(off.pValue, 1 / 100, 'no bootstrap replicate as far off as the shifted sample');
  assert.ok(off.sqrtCvm > 5 * own.sqrtCvm, `√CvM ${off.sqrtCvm} against ${own.sqrtCvm}`);
});
