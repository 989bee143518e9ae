import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failFastRates } from '../../../src/engines/abstention/failFastRates';
import { evaluateAsk, evaluateFailFast, preparePairs } from '../../../src/engines/abstention/hitlSystem';
import { failFastReport } from '../../../src/engines/abstention/failFastReport';
import { accuracyRejectionCurve } from '../../../src/engines/abstention/accuracyRejectionCurve';
import { pairAnswers } from '../../../src/engines/abstention/pairAnswers';
import type { ScoredAnswer } from '../../../src/engines/abstention/modelAnswers';
import { quantiles } from '../../../src/engines/numeric/quantile';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';
import { FAST, SLOW, syntheticHitlRows, toRecords, type NativeRow } from './syntheticHitlLog';

test('fail-fast rate formula: P(fail fast) = ρ − (1 − u)·ρ = u·ρ, shares add up to 1', () => {
  const r = failFastRates(0.6, 0.15);
  assertClose(r.failFast, 0.6 * 0.15, { abs: 1e-15 }, 'fail fast');
  assertClose(r.pass, 0.4, { abs: 1e-15 }, 'pass');
  assertClose(r.failFast + r.pass + r.respond, 1, { abs: 1e-15 }, 'shares');
  // Overall rejection = fail fast + pass · conditional rejection.
  assertClose(r.failFast + r.pass * r.reasoningRejection, 0.15, { abs: 1e-15 }, 'overall');
  assert.deepEqual(failFastRates(0, 0.1).failFast, 0);
  assert.throws(() => failFastRates(1.2, 0.1), /utilisation/);
  assert.throws(() => failFastRates(0.5, -0.1), /rejection/);
});

/**
 * The policy of eq. 4.1 with thresholds fitted on one sample and applied with plain comparisons to
 * a fresh sample: what a deployed system would see.
 */
function simulatePolicy(fit: NativeRow[], fresh: NativeRow[], u: number, rho: number) {
  const f = failFastRates(u, rho);
  const pairs = (rows: NativeRow[]) => {
    const slow = new Map(rows.filter((r) => r.model === SLOW).map((r) => [r.query_id, r]));
    return rows.filter((r) => r.model === FAST).map((r) => ({ nr: r, r: slow.get(r.query_id) as NativeRow }));
  };
  const fitPairs = pairs(fit);
  const [cFail, cPass] = quantiles(
    fitPairs.map((p) => p.nr.confidence as number),
    [f.failFast, f.failFast + f.pass],
  );
  const passedFit = fitPairs.filter((p) => (p.nr.confidence as number) > cFail && (p.nr.confidence as number) <= cPass);
  const [tMax] = quantiles(
    passedFit.map((p) => p.r.output_tokens),
    [1 - rho],
  );
  let failFast = 0,
    passed = 0,
    rejectedByR = 0,
    correct = 0,
    answered = 0,
    latency = 0;
  const test = pairs(fresh);
  for (const { nr, r } of test) {
    const c = nr.confidence as number;
    latency += nr.latency_s;
    if (c <= cFail) failFast++;
    else if (c <= cPass) {
      passed++;
      latency += r.latency_s;
      if (r.output_tokens > tMax) rejectedByR++;
      else {
        answered++;
        if (r.correct) correct++;
      }
    } else {
      answered++;
      if (nr.correct) correct++;
    }
  }
  const n = test.length;
  return {
    failFast: failFast / n,
    pass: passed / n,
    rejection: (failFast + rejectedByR) / n,
    conditional: rejectedByR / passed,
    accuracy: correct / answered,
    latency: latency / n,
  };
}

test('fail-fast rate formula holds in a simulation with thresholds fitted on one sample and applied to another', () => {
  const N = 40000;
  const fit = syntheticHitlRows({ n: N, seed: 101 });
  const fresh = syntheticHitlRows({ n: N, seed: 202 });
  const freshPairs = preparePairs(
    pairAnswers(toRecords(fresh), {
      fast: FAST,
      reasoning: SLOW,
      fastSignal: { name: 'confidence' },
      reasoningSignal: { name: 'output_tokens' },
    }),
  );
  for (const [u, rho] of [
    [0.5, 0.1],
    [0.6, 0.2],
    [0.75, 0.05],
    [0.3, 0.15],
    [0.9, 0.2],
  ]) {
    const sim = simulatePolicy(fit, fresh, u, rho);
    const f = failFastRates(u, rho);
    // Each share is a binomial proportion over N fresh queries (sd ≤ √(p(1−p)/N) ≤ 0.0025) plus the
    // same order of error from estimating the thresholds on N fit queries: 5·√2·sd is a >5σ band.
    const tol = (p: number) => 5 * Math.SQRT2 * Math.sqrt((p * (1 - p)) / N) + 1e-4;
    assertClose(sim.failFast, f.failFast, { abs: tol(f.failFast) }, `u=${u} ρ=${rho} fail-fast share`);
    assertClose(sim.pass, f.pass, { abs: tol(f.pass) }, `u=${u} ρ=${rho} pass share`);
    assertClose(sim.rejection, rho, { abs: tol(rho) }, `u=${u} ρ=${rho} overall rejection`);
    assertClose(
      sim.conditional,
      rho,
      { abs: 5 * Math.SQRT2 * Math.sqrt((rho * (1 - rho)) / (N * f.pass)) },
      `u=${u} ρ=${rho} reasoning model's conditional rejection`,
    );
    // The engine's expected-value evaluation on the fresh sample agrees with the simulated deployment:
    // accuracy over ~N(1−ρ) answers (sd ≈ 0.002) plus threshold noise; latency is a mean of ~N values.
    const eng = evaluateFailFast(freshPairs, u, rho);
    assertClose(eng.accuracy as number, sim.accuracy, { abs: 0.01 }, `u=${u} ρ=${rho} accuracy`);
    assertClose(eng.meanLatencyS as number, sim.latency, { rel: 0.02 }, `u=${u} ρ=${rho} latency`);
  }
});

function answer(queryId: string, certainty: number, correct: boolean, latencyS: number, costUsd: number): ScoredAnswer {
  return { queryId, certainty, correct, latencyS, costUsd, outputTokens: null };
}

test('a 10-query example worked by hand: u = 0.5, ρ = 0.2', () => {
  // Fast-model certainties 0.1..1.0 (query i has 0.1·(i+1)); fail fast = 0.1·10 = 1 query (q0),
  // pass = 5 queries (q1..q5), respond = 4 (q6..q9). The reasoning model rejects 0.2·5 = 1 of
  // q1..q5: the one with the lowest reasoning certainty, q3.
  const fast = Array.from({ length: 10 }, (_, i) => answer(`q${i}`, 0.1 * (i + 1), i % 3 !== 0, 1, 0.001));
  const slowCert = [0.9, 0.8, 0.7, 0.1, 0.6, 0.5, 0.4, 0.3, 0.2, 0.95];
  const reasoning = Array.from({ length: 10 }, (_, i) => answer(`q${i}`, slowCert[i], i !== 2, 10 + i, 0.01));
  const p = preparePairs({ fast, reasoning });
  const pt = evaluateFailFast(p, 0.5, 0.2);
  // Answered: q1, q2, q4, q5 by the reasoning model (q2 wrong), q6..q9 by the fast model (q6, q9 wrong).
  assertClose(pt.accuracy as number, 5 / 8, { abs: 1e-12 }, 'accuracy');
  // Latency: every query pays the fast model's 1 s; q1..q5 add 11, 12, 13, 14, 15 s.
  assertClose(pt.meanLatencyS as number, (10 + 11 + 12 + 13 + 14 + 15) / 10, { abs: 1e-12 }, 'latency');
  assertClose(pt.meanCostUsd as number, (10 * 0.001 + 5 * 0.01) / 10, { abs: 1e-15 }, 'cost');
  assertClose(pt.reasoningLatencyGivenPassS as number, 13, { abs: 1e-12 }, 'reasoning latency given pass');
  // "Ask" at ρ = 0.2 rejects the two least certain reasoning answers (q3, q8); q2 is its only other error.
  const ask = evaluateAsk(p, 0.2);
  assertClose(ask.accuracy as number, 7 / 8, { abs: 1e-12 }, 'ask accuracy');
  assertClose(ask.meanLatencyS as number, 14.5, { abs: 1e-12 }, 'ask latency');
});

test('limits: u = 1 is the fast model alone with rejection ρ; u = 0 routes everything through the reasoning model', () => {
  const recs = toRecords(syntheticHitlRows({ n: 3000, seed: 9 }));
  const paired = pairAnswers(recs, {
    fast: FAST,
    reasoning: SLOW,
    fastSignal: { name: 'confidence' },
    reasoningSignal: { name: 'output_tokens' },
  });
  const p = preparePairs(paired);
  const fastCurve = accuracyRejectionCurve(paired.fast, { maxRejection: 0.2 });
  const slowCurve = accuracyRejectionCurve(paired.reasoning, { maxRejection: 0.2 });
  for (const pt of fastCurve.curve) {
    // Two code paths (massBands routing vs block prefix sums) for the same expectation: 1e-12.
    assertClose(
      evaluateFailFast(p, 1, pt.rejection).accuracy as number,
      pt.accuracy as number,
      { abs: 1e-12 },
      `u=1 ρ=${pt.rejection}`,
    );
  }
  for (const pt of slowCurve.curve) {
    assertClose(
      evaluateFailFast(p, 0, pt.rejection).accuracy as number,
      pt.accuracy as number,
      { abs: 1e-12 },
      `u=0 ρ=${pt.rejection}`,
    );
    assertClose(
      evaluateAsk(p, pt.rejection).accuracy as number,
      pt.accuracy as number,
      { abs: 1e-12 },
      `ask ρ=${pt.rejection}`,
    );
  }
});

test('failFastReport on synthetic reasoning logs: output tokens picked automatically, savings against "Ask"', () => {
  const recs = toRecords(syntheticHitlRows({ n: 4000, seed: 5 }));
  const rep = failFastReport(recs, { fast: FAST, reasoning: SLOW, utilization: 0.6, rejection: 0.1 });
  assert.equal(rep.reasoningSignal, 'output_tokens');
  assert.equal(rep.fastSignal, 'confidence');
  assert.equal(rep.n, 4000);
  // Passing 40% of queries to a model ~7 times slower than the fast one must cut latency and cost.
  assert.ok((rep.deltaLatencyPct as number) < -20, `ΔL ${rep.deltaLatencyPct}`);
  assert.ok((rep.deltaCostPct as number) < -20, `ΔC ${rep.deltaCostPct}`);
  assert.ok((rep.deltaAccuracy as number) < 0, 'the weaker fast model costs some accuracy');
  assert.deepEqual(rep.warnings, []);
});

test('pairing reports queries one model lacks', () => {
  const rows = syntheticHitlRows({ n: 50, seed: 1 }).filter((r) => !(r.model === SLOW && r.query_id === 'q7'));
  const paired = pairAnswers(toRecords(rows), {
    fast: FAST,
    reasoning: SLOW,
    fastSignal: { name: 'confidence' },
    reasoningSignal: { name: 'output_tokens' },
  });
  assert.equal(paired.fast.length, 49);
  assert.match(paired.warnings.join(' '), /share 49 queries/);
});

test('heavy ties: the O(log n) evaluation equals per-query routing with massBands (expected value under random tie-breaking)', async () => {
  const { massBands } = await import('../../../src/engines/abstention/massBands');
  const rng = new Rng(77);
  const n = 600;
  // Certainties on coarse grids (5 and 7 levels) so that every band edge cuts a tie block.
  const fast = Array.from({ length: n }, (_, i) =>
    answer(`q${i}`, Math.floor(rng.uniform() * 5), rng.uniform() < 0.7, 1 + rng.uniform(), 0.001),
  );
  const slow = Array.from({ length: n }, (_, i) =>
    answer(`q${i}`, Math.floor(rng.uniform() * 7), rng.uniform() < 0.9, 10 + 10 * rng.uniform(), 0.01),
  );
  const p = preparePairs({ fast, reasoning: slow });
  const fc = Float64Array.from(fast, (a) => a.certainty);
  const sc = Float64Array.from(slow, (a) => a.certainty);
  for (const [u, rho] of [
    [0.5, 0.1],
    [0.37, 0.23],
    [0.8, 0.05],
    [0.1, 0.3],
  ]) {
    const f = failFastRates(u, rho);
    const [, pass, respond] = massBands(fc, null, [f.failFast * n, f.pass * n]);
    const passMass = pass.reduce((s, w) => s + w, 0);
    const [, kept] = massBands(sc, pass, [rho * passMass]);
    let correct = 0;
    let answered = 0;
    let latency = 0;
    for (let i = 0; i < n; i++) {
      correct += respond[i] * (fast[i].correct ? 1 : 0) + kept[i] * (slow[i].correct ? 1 : 0);
      answered += respond[i] + kept[i];
      latency += (fast[i].latencyS as number) + pass[i] * (slow[i].latencyS as number);
    }
    const pt = evaluateFailFast(p, u, rho);
    // The same expectation computed two ways (block arithmetic vs per-query weights): rounding only.
    assertClose(pt.accuracy as number, correct / answered, { abs: 1e-12 }, `u=${u} ρ=${rho} accuracy`);
    assertClose(pt.meanLatencyS as number, latency / n, { rel: 1e-12 }, `u=${u} ρ=${rho} latency`);
  }
});
