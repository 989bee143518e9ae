import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterRows, rowTotals } from '../../../src/engines/drilldown/filterRows';
import { systemQueryTable } from '../../../src/engines/drilldown/systemQueryTable';
import { evaluatePriceGrid } from '../../../src/engines/economics/evaluatePriceGrid';
import { optimalModelMap } from '../../../src/engines/economics/optimalModelMap';
import { prepareEconomics, type PreparedEconomics } from '../../../src/engines/economics/prepareEconomics';
import { priceWeights } from '../../../src/engines/economics/priceWeights';
import { withRouterOverhead } from '../../../src/engines/economics/routerOverhead';
import { ABSTAIN, COST, ERROR, LATENCY, type Candidate } from '../../../src/engines/economics/types';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

let loaded: Promise<{ records: EvalRecord[]; prep: PreparedEconomics }> | undefined;
/** medmcqa-llama with every kind of candidate: models, cascades, models with abstention, routers. */
const prepared = () =>
  (loaded ??= readEvalLog(realLog('medmcqa-llama'), {}).then(({ records }) => ({
    records,
    prep: prepareEconomics(records, { abstention: true, routers: true }),
  })));

const drill = (
  prep: PreparedEconomics,
  records: EvalRecord[],
  c: Candidate,
  point: number,
  prices: Record<string, number>,
) =>
  systemQueryTable({
    candidate: c,
    point,
    metrics: prep.metrics,
    prices,
    records,
    testSplit: prep.testSplit,
    calibrated: c.testTable !== prep.test,
  });

test("every map cell's winner drilled down: the rows' mean reward is the cell's reward, their error and abstention shares its rates", async () => {
  const { records, prep } = await prepared();
  const candidates = withRouterOverhead(prep.candidates, { cost: 0.00002, latency: 0.05 });
  const errorAxis = [0.0001, 0.001, 0.01, 0.1, 1, 10, 100];
  const latencyAxis = [0, 0.02, 0.1];
  const map = optimalModelMap(candidates, prep.metrics, { errorAxis, latencyAxis, abstain: 0.3 });
  const kinds = new Set<string>();
  for (let cell = 0; cell < map.best.length; cell++) {
    const c = candidates[map.best[cell]];
    const j = map.bestPoint[cell];
    const prices = {
      error: errorAxis[cell % errorAxis.length],
      latency: latencyAxis[Math.floor(cell / errorAxis.length)],
      abstain: 0.3,
    };
    const t = drill(prep, records, c, j, prices);
    kinds.add(c.kind);
    assert.equal(t.rows.length, prep.test.n);
    const totals = rowTotals(t.rows, t.models.length);
    // n rewards of a few cents summed in a different order than the means: 1e-12 relative is many ulps of rounding.
    assertClose(totals.meanReward!, map.bestReward[cell], { rel: 1e-12, abs: 1e-15 }, `cell ${cell} reward`);
    assertClose(t.pricing!.reward, map.bestReward[cell], { abs: 0 }, 'pricing.reward is the map sum, bit for bit');
    const te = c.test.subarray(j * c.dim, (j + 1) * c.dim);
    assertClose(totals.error, te[ERROR], { abs: 1e-15 }, 'same count over the same n');
    assertClose(totals.abstained / totals.n, te[ABSTAIN], { abs: 1e-15 }, 'abstention share');
    assertClose(totals.meanCostUsd!, te[COST], { rel: 1e-12, abs: 1e-18 }, 'cost');
    assertClose(totals.meanLatencyS!, te[LATENCY], { rel: 1e-12 }, 'latency');
  }
  assert.ok(kinds.size >= 2, `the grid is won by several kinds (${[...kinds].join(', ')})`);
});

test('every candidate kind at its θ*(λ): rows price out to its expected reward, and each row to −(sum of its terms)', async () => {
  const { records, prep } = await prepared();
  const prices = { error: 0.5, latency: 0.01, abstain: 0.2 };
  const w = priceWeights(prices, prep.metrics);
  const ev = evaluatePriceGrid(prep.candidates, w, prep.dim);
  const seen = new Set<string>();
  prep.candidates.forEach((c, k) => {
    const t = drill(prep, records, c, ev.point[k], prices);
    seen.add(c.kind);
    assertClose(rowTotals(t.rows, t.models.length).meanReward!, ev.rewards[k], { rel: 1e-12 }, c.name);
    for (const r of t.rows.slice(0, 200)) {
      assertClose(r.reward!, -r.terms.reduce((s, x) => s + x, 0), { abs: 0 }, 'row reward');
      assert.equal(r.terms[ERROR], !r.abstained && !r.correct ? 0.5 : 0);
      assert.equal(r.terms[ABSTAIN], r.abstained ? 0.2 : 0);
      assert.equal(r.abstained, r.answeredBy === -1);
    }
    assert.equal(t.confidenceKind, c.kind === 'router' || c.models.length > 2 ? 'calibrated' : 'log', c.name);
  });
  assert.deepEqual([...seen].sort(), ['abstention', 'cascade', 'model', 'router']);
});

test('a two-model cascade and a model with abstention, routed by hand from the records: same answering model, cost and outcome per query', async () => {
  const { records, prep } = await prepared();
  const byKey = new Map<string, EvalRecord>();
  for (const r of records) if (r.split === 'test') byKey.set(`${r.model}\u0000${r.queryId}`, r);
  const rec = (m: string, q: string) => byKey.get(`${m}\u0000${q}`)!;
  const cascade = prep.candidates.find((c) => c.kind === 'cascade' && c.models.length === 2)!;
  const withAbstention = prep.candidates.find((c) => c.kind === 'abstention')!;
  for (const c of [cascade, withAbstention]) {
    const mid = Math.floor(c.configs.length / 2);
    const t = drill(prep, records, c, mid, { error: 1, latency: 0, abstain: 0.1 });
    const [small, big] = c.models;
    let deferred = 0;
    let abstained = 0;
    for (const r of t.rows) {
      const a = rec(small, r.queryId);
      assert.equal(r.line[0], a.line, 'the row points at the record of the first model');
      if (c.kind === 'cascade') {
        // The engine defers when the small model's confidence is below the threshold (no confidence: always).
        const defer = !(a.confidence !== null && a.confidence >= c.configs[mid].deferThresholds[0]);
        const b = rec(big, r.queryId);
        assert.equal(r.answeredBy, defer ? 1 : 0, r.queryId);
        assert.equal(r.correct, defer ? b.correct : a.correct);
        assertClose(r.costUsd!, (a.costUsd ?? 0) + (defer ? (b.costUsd ?? 0) : 0), { rel: 1e-15 }, 'cost of the calls');
        if (defer) deferred++;
      } else {
        const abstain = !(a.confidence !== null && a.confidence >= c.configs[mid].abstainThreshold!);
        assert.equal(r.abstained, abstain, r.queryId);
        assert.equal(r.correct, !abstain && a.correct);
        assert.equal(r.question, a.question);
        if (abstain) abstained++;
      }
    }
    // A mid-grid threshold splits the queries, so the checks above saw both branches.
    if (c.kind === 'cascade') {
      assert.ok(deferred > 0 && deferred < t.rows.length);
      assert.equal(filterRows(t.rows, { kind: 'deferred' }).length, deferred);
    } else {
      assert.ok(abstained > 0 && abstained < t.rows.length);
      assert.equal(filterRows(t.rows, { kind: 'abstained' }).length, abstained);
      assert.equal(filterRows(t.rows, { kind: 'wrong' }).length, rowTotals(t.rows, 1).wrong);
    }
  }
});

test('a point out of range, or a candidate without test data, is refused with a sentence', async () => {
  const { records, prep } = await prepared();
  const c = prep.candidates[0];
  assert.throws(() => drill(prep, records, c, c.configs.length, {}), /operating point/);
  assert.throws(() => drill(prep, records, { ...c, testTable: undefined }, 0, {}), /no per-query test data/);
});
