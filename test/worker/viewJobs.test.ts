import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rowTotals } from '../../src/engines/drilldown/filterRows';
import { decodeOptimalModelMap } from '../../src/protocol/compactOptimalModelMap';
import { NO_KIND_CHOSEN, parseCandidateKinds, parseRouterOverhead } from '../../src/protocol/economicEvaluation';
import { benchmarkClustering } from '../../src/worker/jobs/benchmarkClustering';
import { cascadeDiagnostics, subCascades } from '../../src/worker/jobs/cascadeJobs';
import { curvePointQueries } from '../../src/worker/jobs/curvePointQueries';
import { econBootstrap } from '../../src/worker/jobs/econBootstrap';
import { econMap } from '../../src/worker/jobs/econMap';
import { humanInTheLoop } from '../../src/worker/jobs/humanInTheLoop';
import { mapCellQueries } from '../../src/worker/jobs/mapCellQueries';
import type { JobContext } from '../../src/worker/workerProtocol';
import { assertClose } from '../helpers/assertClose';
import { realLog } from '../helpers/paths';

// The worker jobs behind the views' drill-downs and panels, run as the host runs them, each checked
// against the result it drills into (the map cell, the curve point) or against what it must refuse.
// The browser tests play the same jobs through the views; these check the jobs on their own.
const ctx = (): JobContext & { fractions: number[] } => {
  const fractions: number[] = [];
  return { signal: new AbortController().signal, progress: (f) => fractions.push(f), fractions };
};
const MEDMCQA = realLog('medmcqa-llama');
const MMLU = realLog('mmlu-llama');

describe('Optimal-Model Map and Economic Evaluation jobs (medmcqa-llama)', () => {
  const source = { file: MEDMCQA, set: 'all' as const, abstention: true, routers: true };
  let result: Awaited<ReturnType<typeof econMap>>;
  before(async () => {
    result = await econMap({ ...source, abstain: 0.3 }, ctx());
  });

  test('mapCellQueries: the winner of a cell, at the cell’s prices, lists every test query and their mean reward is the cell’s', async () => {
    const map = decodeOptimalModelMap(result.map, result.candidates.length);
    const nE = map.errorAxis.length;
    // the cheapest prices' cell (a plain model wins) and one won by a model with abstention
    const withAbstention = map.best.findIndex((k) => result.candidates[k].kind === 'abstention');
    assert.ok(withAbstention >= 0, 'some cell is won by a model with abstention at λ_A = $0.30');
    for (const cell of [0, withAbstention]) {
      const winner = result.candidates[map.best[cell]];
      const c = ctx();
      const view = await mapCellQueries(
        {
          ...source,
          candidate: winner.name,
          point: map.bestPoint[cell],
          prices: { error: map.errorAxis[cell % nE], latency: map.latencyAxis[Math.floor(cell / nE)], abstain: 0.3 },
        },
        c,
      );
      assert.equal(view.rows.length, result.nTest);
      const totals = rowTotals(view.rows, view.models.length);
      assertClose(totals.meanReward!, map.bestReward[cell], { rel: 1e-9, abs: 1e-12 }, `cell ${cell}: mean reward`);
      assert.equal(view.fileLines, true);
      assert.equal(c.fractions.at(-1), 1);
    }
    await assert.rejects(
      mapCellQueries(
        { ...source, candidate: 'no such system', point: 0, prices: { error: 1, latency: 0, abstain: 0 } },
        ctx(),
      ),
      /No system called "no such system"/,
    );
  });

  test('econBootstrap: each candidate’s reward interval holds its point estimate, the kinds filter applies, and no kind at all is refused', async () => {
    const kinds = { models: true, cascades: false, abstention: false, routers: false };
    const r = await econBootstrap(
      { ...source, prices: { error: 1, latency: 0, abstain: 0 }, kinds, replicates: 200, seed: 5 },
      ctx(),
    );
    assert.ok(r.candidates.length >= 2);
    assert.ok(r.candidates.every((c) => c.kind === 'model'));
    for (const c of r.candidates) {
      assert.ok(
        c.reward.ci_low <= c.reward.value && c.reward.value <= c.reward.ci_high,
        `${c.name}: ${JSON.stringify(c.reward)}`,
      );
      // reward = −cost − λ_E·error at these prices (latency and abstention priced at 0)
      assertClose(c.reward.value, -c.cost.value - c.error.value, { abs: 1e-12 }, `${c.name}: reward`);
    }
    assert.equal(r.replicates, 200);
    await assert.rejects(
      econBootstrap(
        {
          ...source,
          prices: { error: 1, latency: 0, abstain: 0 },
          kinds: { models: false, cascades: false, abstention: false, routers: false },
        },
        ctx(),
      ),
      (e: Error) => e.message === NO_KIND_CHOSEN,
    );
  });
});

test('economic-evaluation payloads: kinds and router overhead are parsed strictly', () => {
  assert.deepEqual(parseCandidateKinds({ models: true, cascades: false, abstention: true, routers: false }), {
    models: true,
    cascades: false,
    abstention: true,
    routers: false,
  });
  assert.equal(parseCandidateKinds({ models: 'yes', cascades: false, abstention: true, routers: false }), undefined);
  assert.equal(parseCandidateKinds(null), undefined);
  assert.deepEqual(parseRouterOverhead({ cost: 0.001, latency: 0.2 }), { cost: 0.001, latency: 0.2 });
  assert.deepEqual(parseRouterOverhead({ cost: -1, latency: Number.NaN }), { cost: 0, latency: 0 });
});

test('curvePointQueries: the answers behind an accuracy–rejection point have the point’s accepted accuracy', async () => {
  const { data } = await humanInTheLoop({ file: MEDMCQA, selection: null }, ctx());
  const curve = data.curves[1];
  for (const point of [curve.curve[5], curve.curve[10]]) {
    const view = await curvePointQueries(
      { file: MEDMCQA, model: curve.model, split: data.split, rejection: point.rejection },
      ctx(),
    );
    assert.equal(view.rows.length, curve.n);
    assert.equal(view.split, data.split);
    const totals = rowTotals(view.rows, 1);
    assertClose(
      totals.acceptedAccuracy!,
      point.accuracy!,
      { abs: 1e-12 },
      `accepted accuracy at r = ${point.rejection}`,
    );
    assertClose(totals.toHuman / curve.n, point.rejection, { abs: 1 / curve.n + 1e-12 }, 'share sent to the human');
  }
});

test('cascade jobs: sub-cascades and diagnostics of a log, read as the Cascade Frontier asks for them', async () => {
  const models = ['llama3.2-1b', 'llama3.1-8b', 'llama3.1-405b'];
  const common = { file: MMLU, trainSplit: 'train', testSplit: 'test', seed: 1 };
  const c = ctx();
  const sub = await subCascades({ ...common, models, methods: ['rt'] }, c);
  // every ordered sub-cascade of two or three of the models, each with its RT frontier
  assert.equal(sub.cascades.length, 4);
  assert.ok(sub.cascades.every((s) => s.methods.rt!.points.length > 0));
  assert.equal(c.fractions.at(-1), 1);
  const d = await cascadeDiagnostics({ ...common, models, bootstrapTests: 9 }, ctx());
  assert.deepEqual(
    d.marginals.map((m) => m.model),
    models,
  );
  assert.equal(d.copulas.length, 2);
});

test('benchmarkClustering: scores well separated blobs near 1 and refuses an invalid archetype', () => {
  const archetype = { name: 'far_blobs', n_clusters: 3, dim: 2, n_samples: 300, min_overlap: 1e-6, max_overlap: 1e-5 };
  const c = ctx();
  const r = benchmarkClustering({ archetype, seed: 2, count: 2, algorithms: ['kmeans', 'gmm'], shapes: ['convex'] }, c);
  assert.deepEqual(
    r.cells.map((x) => [x.algorithm, x.convex, x.runs]),
    [
      ['kmeans', true, 2],
      ['gmm', true, 2],
    ],
  );
  for (const cell of r.cells) assert.ok(cell.ami!.mean > 0.95, `${cell.algorithm}: AMI ${cell.ami!.mean}`);
  assert.ok(r.seconds > 0);
  assert.equal(c.fractions[0], 0);
  assert.throws(
    () =>
      benchmarkClustering(
        { archetype: { name: 'x', n_clusters: 0 }, seed: 1, count: 1, algorithms: ['kmeans'], shapes: ['convex'] },
        ctx(),
      ),
    /invalid archetype/,
  );
});
