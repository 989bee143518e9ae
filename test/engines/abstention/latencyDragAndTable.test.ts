import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyDrag } from '../../../src/engines/abstention/latencyDrag';
import { hitlTable } from '../../../src/engines/abstention/hitlTable';
import { preparePairs } from '../../../src/engines/abstention/hitlSystem';
import { pairAnswers } from '../../../src/engines/abstention/pairAnswers';
import { correctnessVsTokens } from '../../../src/engines/abstention/correctnessVsTokens';
import { modelAnswers } from '../../../src/engines/abstention/modelAnswers';
import { localLinearRegression } from '../../../src/engines/numeric/localLinearRegression';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';
import { FAST, SLOW, syntheticHitlRows, toRecords } from './syntheticHitlLog';

const prepared = (opts: { n: number; seed: number; independentLatency?: boolean }) =>
  preparePairs(
    pairAnswers(toRecords(syntheticHitlRows(opts)), {
      fast: FAST,
      reasoning: SLOW,
      fastSignal: { name: 'confidence' },
      reasoningSignal: { name: 'output_tokens' },
    }),
  );

test('latency drag: when hard queries take longer, the actual latency exceeds eq. 4.2', () => {
  const d = latencyDrag(prepared({ n: 20000, seed: 3 }), { rejection: 0.1, bins: 10 });
  assert.equal(d.bins.length, 10);
  // The least-confident decile of the fast model gets much slower reasoning answers than the most
  // confident one (token count rises with difficulty z by e^{0.6z}).
  assert.ok(
    (d.bins[0].meanLatencyS as number) > 1.5 * (d.bins[9].meanLatencyS as number),
    `${d.bins[0].meanLatencyS} vs ${d.bins[9].meanLatencyS}`,
  );
  const at = (u: number) => d.byUtilization.find((p) => Math.abs(p.utilization - u) < 1e-9)!;
  for (const u of [0.3, 0.5, 0.75]) {
    const p = at(u);
    assert.ok(
      p.actualLatencyS > p.naiveLatencyS * 1.05,
      `u=${u}: actual ${p.actualLatencyS} vs naive ${p.naiveLatencyS}`,
    );
    assert.ok(
      (p.reasoningGivenPassS as number) > (d.meanReasoningLatencyS as number),
      'passed queries are slower than average',
    );
  }
  // u = 0 with ρ = 0.1: every query passes, so eq. 4.2 is exact.
  assertClose(at(0).actualLatencyS, at(0).naiveLatencyS, { rel: 1e-12 }, 'u = 0');
});

test('latency drag vanishes when reasoning latency is independent of difficulty', () => {
  const d = latencyDrag(prepared({ n: 20000, seed: 4, independentLatency: true }), { rejection: 0.1 });
  for (const p of d.byUtilization) {
    // Latency ~ e^{8+0.6ε}/80 + 1 s has sd ≈ 25 s, mean ≈ 45 s; the passed share (≥ 1000 queries)
    // averages it with sd < 0.8 s, i.e. < 2% of the mean: 6% relative is a > 3σ band.
    assertClose(p.actualLatencyS, p.naiveLatencyS, { rel: 0.06 }, `u=${p.utilization}`);
  }
});

test('Table 4.2-style summary: AUARC falls and latency and cost fall as utilisation rises', () => {
  const rows = hitlTable(prepared({ n: 5000, seed: 8 }), { utilizations: [0.5, 0.6, 0.75] });
  assert.deepEqual(
    rows.map((r) => r.system),
    ['ask', 'failfast', 'failfast', 'failfast'],
  );
  assert.equal(rows[0].deltaAuarcPct, null);
  for (let i = 1; i < rows.length; i++) {
    assert.ok((rows[i].auarc as number) < (rows[i - 1].auarc as number), 'AUARC decreases with u');
    assert.ok((rows[i].deltaLatencyPct as number) < 0 && (rows[i].deltaCostPct as number) < 0, 'savings');
    assertClose(
      rows[i].deltaAuarcPct as number,
      (100 * ((rows[i].auarc as number) - (rows[0].auarc as number))) / (rows[0].auarc as number),
      { abs: 1e-9 },
      'Δ% definition',
    );
    assert.equal(rows[i].curve.length, 21);
  }
  // Error rates drop with rejection for every configuration (Figure 4.5's downward curves).
  for (const r of rows) assert.ok((r.curve[20].accuracy as number) > (r.curve[0].accuracy as number));
});

test('local linear regression reproduces a straight line exactly and has the OLS standard error for a huge bandwidth', () => {
  const x = Array.from({ length: 50 }, (_, i) => i * 3 + (i % 7));
  const y = x.map((v) => 0.9 - 0.004 * v);
  const fit = localLinearRegression({ x, y, at: [0, 50, 120], bandwidth: 15, variance: 'residual' });
  // Local linear fits are exact for linear data (Fan & Gijbels 1996): only rounding remains.
  for (const p of fit.points) assertClose(p.fit as number, 0.9 - 0.004 * p.x, { abs: 1e-12 }, `fit at ${p.x}`);
  for (const p of fit.points) assertClose(p.se as number, 0, { abs: 1e-9 }, 'no residual, no error');
  // With h → ∞ every weight is 1: the fit is the OLS line and Σlᵢ² = 1/n + (x0 − x̄)²/Sxx.
  const rng = new Rng(2);
  const yb: number[] = x.map(() => (rng.uniform() < 0.6 ? 1 : 0));
  const n = x.length;
  const xbar = x.reduce((s, v) => s + v, 0) / n;
  const sxx = x.reduce((s, v) => s + (v - xbar) ** 2, 0);
  const slope = x.reduce((s, v, i) => s + (v - xbar) * yb[i], 0) / sxx;
  const ybar = yb.reduce((s, v) => s + v, 0) / n;
  const wide = localLinearRegression({ x, y: yb, at: [10, 100], bandwidth: 1e7 });
  for (const p of wide.points) {
    const m = ybar + slope * (p.x - xbar);
    // Kernel weights differ from 1 by < 1e-10 at h = 1e7, so the fits agree to ~1e-9.
    assertClose(p.fit as number, m, { abs: 1e-8 }, 'OLS fit');
    assertClose(p.se as number, Math.sqrt(m * (1 - m) * (1 / n + (p.x - xbar) ** 2 / sxx)), { rel: 1e-6 }, 'OLS se');
  }
});

test('correctness vs output tokens (Figure 4.3) falls with longer traces on the synthetic reasoning model', () => {
  const { answers } = modelAnswers(toRecords(syntheticHitlRows({ n: 6000, seed: 12 })), SLOW, {
    name: 'output_tokens',
  });
  const res = correctnessVsTokens(answers, { points: 30 });
  assert.equal(res.curve.length, 30);
  const first = res.curve[0];
  const last = res.curve[29];
  assert.ok((first.accuracy as number) > (last.accuracy as number) + 0.2, `${first.accuracy} vs ${last.accuracy}`);
  for (const p of res.curve)
    assert.ok((p.lo as number) <= (p.accuracy as number) && (p.accuracy as number) <= (p.hi as number));
  const flat = correctnessVsTokens(answers.map((a) => ({ ...a, outputTokens: 1 })));
  assert.deepEqual(flat.curve, []);
  assert.match(flat.warnings.join(' '), /same number of output tokens/);
});
