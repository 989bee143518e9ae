import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareEconomics } from '../../../src/engines/economics/prepareEconomics';
import { evaluatePriceGrid, rewardAt } from '../../../src/engines/economics/evaluatePriceGrid';
import { priceWeights } from '../../../src/engines/economics/priceWeights';
import { pairCrossovers } from '../../../src/engines/economics/crossovers';
import { bestAlongAxis } from '../../../src/engines/economics/bestAlongAxis';
import { ERROR, LATENCY } from '../../../src/engines/economics/types';
import { assertClose } from '../../helpers/assertClose';
import { rec } from './records';
import type { EvalRecord } from '../../../src/engines/logs/types';

// Two fixed models on 10 test queries: A costs $0.0001 and errs on 4, B costs $0.001 and errs on 1.
// A has latency 0.2 s, B 1.0 s. No confidences matter (single models only).
function twoModels() {
  return prepareEconomics(twoModelRecords(), { set: 'models' });
}

function twoModelRecords(): EvalRecord[] {
  const rs: EvalRecord[] = [];
  for (let q = 0; q < 10; q++) {
    for (const split of ['train', 'test']) {
      rs.push(rec('A', `${split}-${q}`, split, q >= 4, 0.5, 1e-4, 0.2));
      rs.push(rec('B', `${split}-${q}`, split, q >= 1, 0.5, 1e-3, 1.0));
    }
  }
  return rs;
}

test('two models: the crossover price of error is ΔC / Δerror (section 3.4)', () => {
  const prep = twoModels();
  const [A, B] = prep.candidates;
  assert.deepEqual([A.name, B.name], ['A', 'B']);
  // Closed form: (C_B − C_A) / (e_A − e_B) = (0.001 − 0.0001) / (0.4 − 0.1) = 0.003 $ per error.
  const x = pairCrossovers(A, B, priceWeights({}), ERROR);
  assert.equal(x.betterAtLow, 'A');
  assert.equal(x.crossovers.length, 1);
  assertClose(x.crossovers[0].price, 0.003, { rel: 1e-12 }, 'λ_E*'); // exact arithmetic up to rounding
  assert.equal(x.crossovers[0].above, 'B');
  // With λ_L = $0.01/s the latency gap (0.8 s) adds 0.008 $ to B: λ_E* = (0.0009 + 0.008) / 0.3.
  const xl = pairCrossovers(A, B, priceWeights({ latency: 0.01 }), ERROR);
  assertClose(xl.crossovers[0].price, 0.0089 / 0.3, { rel: 1e-12 }, 'λ_E* with latency');
  // Along λ_L at λ_E = 1: A loses 0.3 $ more in errors, B 0.8 s more latency → λ_L* = (0.3 − 0.0009)/0.8.
  const xL = pairCrossovers(A, B, priceWeights({ error: 1 }), LATENCY);
  assertClose(xL.crossovers[0].price, 0.2991 / 0.8, { rel: 1e-12 }, 'λ_L*');
  assert.equal(xL.crossovers[0].above, 'A');
});

test('two models: the grid picks A just below λ_E* and B just above, rewards are −(C + λ_E·e)', () => {
  const prep = twoModels();
  const w = new Float64Array([...priceWeights({ error: 0.0029 }), ...priceWeights({ error: 0.0031 })]);
  const ev = evaluatePriceGrid(prep.candidates, w, prep.dim);
  assert.deepEqual(Array.from(ev.best), [0, 1]);
  // By hand: R_A(0.0029) = −(0.0001 + 0.0029·0.4), R_B(0.0031) = −(0.001 + 0.0031·0.1).
  assertClose(ev.rewards[0], -(0.0001 + 0.0029 * 0.4), { rel: 1e-12 }, 'R_A');
  assertClose(ev.rewards[3], -(0.001 + 0.0031 * 0.1), { rel: 1e-12 }, 'R_B');
  const regimes = bestAlongAxis(prep.candidates, priceWeights({}), ERROR);
  assert.equal(regimes.length, 2);
  assertClose(regimes[0].to, 0.003, { rel: 1e-12 }, 'regime boundary');
});

// A cascade small→big worked out by hand. Train: small confidences 0.9, 0.8, 0.3, 0.2, small right
// on the first two, big right on all but the second. Costs $0.001 / $0.01, latencies 0.5 s / 2 s.
// Deferring the queries below t gives, on train (error, cost, latency):
//   none: (2/4, 0.001, 0.5); {q4}: (1/4, 0.0035, 1.0); {q3,q4}: (0, 0.006, 1.5); {q2,q3,q4}: (1/4, 0.0085, 2.0).
// At λ_E = 1, λ_L = 0.001 the losses are 0.5015, 0.2545, 0.0075, 0.2605 → defer {q3,q4}. The first
// 2.5% quantile of the train confidences above 0.3 is t = 0.325 (type-7 quantile at p = 0.35).
// Test: small confidences 0.95, 0.85, 0.5, 0.1 (small right on q2, q3; big right on q1, q2, q4):
// t = 0.325 defers only q4 → error 1/4 (q1), cost (4·0.001 + 0.01)/4, latency (4·0.5 + 2)/4.
function handCascade() {
  const train = [
    [0.9, true, true],
    [0.8, true, false],
    [0.3, false, true],
    [0.2, false, true],
  ] as const;
  const testQ = [
    [0.95, false, true],
    [0.85, true, true],
    [0.5, true, false],
    [0.1, false, true],
  ] as const;
  const rs: EvalRecord[] = [];
  for (const [split, qs] of [
    ['train', train],
    ['test', testQ],
  ] as const)
    qs.forEach(([conf, smallOk, bigOk], q) => {
      rs.push(rec('small', `${split}${q}`, split, smallOk, conf, 0.001, 0.5));
      rs.push(rec('big', `${split}${q}`, split, bigOk, 0.99, 0.01, 2.0));
    });
  return prepareEconomics(rs, { set: 'cascades' });
}

test('hand-computed cascade: threshold chosen on train, reward scored on test (appendix 3D)', () => {
  const prep = handCascade();
  assert.equal(prep.candidates.length, 1);
  const c = prep.candidates[0];
  assert.equal(c.name, 'small>big');
  const r = rewardAt(c, priceWeights({ error: 1, latency: 0.001 }));
  assertClose(c.thresholds[r.point][0], 0.325, { rel: 1e-12 }, 'chosen threshold');
  assertClose(r.trainReward, -0.0075, { rel: 1e-12 }, 'train reward at θ*');
  const expected = -(0.0035 + 0.001 * 1.0 + 1 * 0.25);
  assertClose(r.reward, expected, { rel: 1e-12 }, 'test reward'); // −0.2545, all terms exact decimals
  // At λ_E = 0.004, λ_L = 0 the train losses are 0.003, 0.0045, 0.006, 0.0095: defer nothing on
  // train, i.e. the lowest threshold t = 0.2 (the 0% quantile). On test that still defers q4
  // (confidence 0.1 < 0.2): error 1/4, cost (4·0.001 + 0.01)/4 = 0.0035.
  const low = rewardAt(c, priceWeights({ error: 0.004 }));
  assertClose(c.thresholds[low.point][0], 0.2, { rel: 1e-12 }, 'lowest threshold');
  assertClose(low.reward, -(0.0035 + 0.004 * 0.25), { rel: 1e-12 }, 'test reward at the lowest threshold');
});

test('a missing confidence is a caveat only for systems that read confidences, not for single models', () => {
  const rs = twoModelRecords().map((r, i) => (i % 3 === 0 ? { ...r, confidence: null, logprob: null } : r));
  const unknown = (ws: string[]) => ws.filter((w) => /confidence unknown/.test(w));
  assert.deepEqual(unknown(prepareEconomics(rs, { set: 'models' }).warnings), []);
  const all = unknown(prepareEconomics(rs, { set: 'all' }).warnings);
  assert.deepEqual(
    all.map((w) => w.split(':').slice(0, 2).join(':')),
    ['train: A', 'train: B', 'test: A', 'test: B'],
  );
});
