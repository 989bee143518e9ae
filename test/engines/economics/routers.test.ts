import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildQueryTable } from '../../../src/engines/economics/buildQueryTable';
import { makeRouter, routerModelSets } from '../../../src/engines/economics/buildRouters';
import { calibratedTables } from '../../../src/engines/economics/calibratedTables';
import { evaluatePriceGrid } from '../../../src/engines/economics/evaluatePriceGrid';
import { priceWeights } from '../../../src/engines/economics/priceWeights';
import { withRouterOverhead } from '../../../src/engines/economics/routerOverhead';
import { routeQuery, systemMeans } from '../../../src/engines/economics/systemMeans';
import { ABSTAIN, COST, ERROR, LATENCY, type SystemConfig } from '../../../src/engines/economics/types';
import { assertClose } from '../../helpers/assertClose';
import { rec } from './records';

/**
 * Two models, four queries; the confidences stand for calibrated probabilities of being right.
 * cheap: $0.001, 1 s; dear: $0.01, 3 s.
 */
const SMALL = [
  // query, p(cheap), cheap right, p(dear), dear right
  ['q1', 0.9, true, 0.95, true],
  ['q2', 0.4, false, 0.8, true],
  ['q3', 0.3, true, 0.2, false],
  ['q4', 0.1, false, 0.15, false],
] as const;
const smallTable = () =>
  buildQueryTable(
    SMALL.flatMap(([q, pc, rc, pd, rd]) => [
      rec('cheap', q, 's', rc, pc, 0.001, 1),
      rec('dear', q, 's', rd, pd, 0.01, 3),
    ]),
    { models: ['cheap', 'dear'] },
  );
const route = (satisfactory: number, c0: number, l0: number, abstainThreshold: number | null): SystemConfig => ({
  models: [0, 1],
  deferThresholds: [],
  abstainThreshold,
  route: { satisfactory, overheadCost: c0, overheadLatency: l0 },
});

test('router with abstention (eqs. 3.8–3.9) on a 4-query table: every action and the reward, by hand', () => {
  const t = smallTable();
  // τ = 0.7, α = 0.25, c₀ = $0.0005, l₀ = 0.2 s.
  // q1: cheap (0.9 ≥ τ), right: $0.0015, 1.2 s.   q2: cheap 0.4 < τ, dear 0.8 ≥ τ → dear, right: $0.0105, 3.2 s.
  // q3: nobody ≥ τ, likeliest cheap (0.3 > 0.2) and 0.3 ≥ α → cheap, right: $0.0015, 1.2 s.
  // q4: nobody ≥ τ, likeliest dear (0.15 > 0.1) but 0.15 < α → abstain: only the overhead, $0.0005, 0.2 s, no error.
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => routeQuery(t, [0, 1], i, route(0.7, 0, 0, null).route!, 0.25)),
    [0, 1, 0, -1],
  );
  const m = systemMeans(t, route(0.7, 0.0005, 0.2, 0.25));
  assertClose(m.means[COST], (0.0015 + 0.0105 + 0.0015 + 0.0005) / 4, { abs: 1e-15 }, 'mean cost');
  assertClose(m.means[LATENCY], (1.2 + 3.2 + 1.2 + 0.2) / 4, { abs: 1e-15 }, 'mean latency');
  assert.equal(m.means[ERROR], 0);
  assert.equal(m.means[ABSTAIN], 0.25);
  assert.equal(m.deferralRate, 0.5, 'q2 sent to the dear model, q4 abstained on');
  // r = −(C + λ_L·L + λ_E·1_E + λ_A·1_A) at λ_E = $10, λ_L = $0.01/s, λ_A = $1: −(0.0035 + 0.0145 + 0 + 0.25).
  const w = priceWeights({ error: 10, latency: 0.01, abstain: 1 });
  const reward = -Array.from(m.means).reduce((s, v, d) => s + w[d] * v, 0);
  assertClose(reward, -0.268, { abs: 1e-15 }, 'reward');
  // Without abstention q4 goes to its likeliest model (dear), which is wrong.
  const plain = systemMeans(t, route(0.7, 0.0005, 0.2, null));
  assertClose(plain.means[COST], (0.0015 + 0.0105 + 0.0015 + 0.0105) / 4, { abs: 1e-15 }, 'cost, no abstention');
  assert.equal(plain.means[ERROR], 0.25);
  assert.equal(plain.means[ABSTAIN], 0);
  // A tie in probability goes to the cheaper model; τ above every probability sends each query to its likeliest model.
  const tie = buildQueryTable(
    [rec('cheap', 'q', 's', true, 0.5, 0.001, 1), rec('dear', 'q', 's', true, 0.5, 0.01, 3)],
    { models: ['cheap', 'dear'] },
  );
  assert.equal(routeQuery(tie, [0, 1], 0, { satisfactory: 0.9, overheadCost: 0, overheadLatency: 0 }, null), 0);
  assert.deepEqual(
    [0, 1, 2, 3].map((i) =>
      routeQuery(t, [0, 1], i, { satisfactory: 1.01, overheadCost: 0, overheadLatency: 0 }, null),
    ),
    [1, 1, 0, 1],
  );
});

test('router overhead shifts every reward by exactly c₀ + λ_L·l₀ and leaves θ*(λ) where it was', () => {
  const t = smallTable();
  const spec = { models: [0, 1], abstain: true, quantileStep: 0.25 };
  const free = makeRouter(t, t, { ...spec, overhead: { cost: 0, latency: 0 } });
  const paid = makeRouter(t, t, { ...spec, overhead: { cost: 0.004, latency: 0.75 } });
  assert.equal(free.name, 'router(cheap|dear)+abstain');
  assert.equal(free.kind, 'router');
  assert.deepEqual(paid.thresholds, free.thresholds);
  const shifted = withRouterOverhead([free], { cost: 0.004, latency: 0.75 })[0];
  for (const [lE, lL, lA] of [
    [1, 0, 0.5],
    [100, 0.02, 3],
    [0.01, 1, 0],
  ]) {
    const w = priceWeights({ error: lE, latency: lL, abstain: lA });
    const r = evaluatePriceGrid([free, paid, shifted], w, free.dim);
    assertClose(
      r.rewards[0] - r.rewards[1],
      0.004 + lL * 0.75,
      { abs: 1e-12 },
      `built with the overhead, λ = ${lE}, ${lL}, ${lA}`,
    );
    assertClose(r.rewards[0] - r.rewards[2], 0.004 + lL * 0.75, { abs: 1e-12 }, `overhead applied afterwards`);
    assert.equal(r.point[1], r.point[0]);
    assert.equal(r.point[2], r.point[0]);
  }
  assert.throws(() => withRouterOverhead([free], { cost: -1, latency: 0 }), /finite and >= 0/);
  assert.throws(() => withRouterOverhead([free], { cost: 0, latency: Number.NaN }), /finite and >= 0/);
  // Other kinds are returned as they are.
  const model = {
    ...free,
    kind: 'model' as const,
    configs: [{ models: [0], deferThresholds: [], abstainThreshold: null }],
  };
  assert.equal(withRouterOverhead([model], { cost: 1, latency: 1 })[0], model);
});

test('router model sets: every pair cheapest first, and all models from three on', () => {
  assert.deepEqual(routerModelSets([2, 0]), [[2, 0]]);
  assert.deepEqual(routerModelSets([1, 0, 2]), [
    [1, 0],
    [1, 2],
    [0, 2],
    [1, 0, 2],
  ]);
  assert.deepEqual(routerModelSets([0]), []);
});

test('calibrated tables: a model without any confidence is known by its smoothed train accuracy, with a warning', () => {
  const train = buildQueryTable(
    Array.from({ length: 10 }, (_, i) => [
      rec('sure', `q${i}`, 'train', i % 2 === 0, i % 2 === 0 ? 0.9 : 0.2, 0.001, 1),
      { ...rec('blind', `q${i}`, 'train', i < 7, 0.5, 0.01, 2), logprob: null, confidence: null },
    ]).flat(),
    { models: ['sure', 'blind'], split: 'train' },
  );
  const cal = calibratedTables(train, train);
  // 7 right of 10: (7 + ½)/(10 + 1).
  assert.ok(cal.train.confidence[1].every((p) => p === 7.5 / 11));
  assert.ok(
    cal.warnings.some((w) =>
      /^blind: no confidence signal on the train split; routers only know its train accuracy \(68\.2%\)/.test(w),
    ),
    cal.warnings.join(' | '),
  );
  // The informative model is calibrated: right answers get a higher probability than wrong ones.
  assert.ok(cal.train.confidence[0][0] > 0.5 && cal.train.confidence[0][1] < 0.5);
  assert.equal(cal.test, cal.train, 'no separate test table: the same one');
  // Prepared without overhead, a router over them still runs: its points are finite.
  const r = makeRouter(cal.train, cal.test, {
    models: [0, 1],
    abstain: false,
    quantileStep: 0.1,
    overhead: { cost: 0, latency: 0 },
  });
  assert.ok(Array.from(r.test).every(Number.isFinite));
});
