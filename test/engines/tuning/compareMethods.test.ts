/**
 * Paired bootstrap of the tuning methods (compareMethods via tuneCascade) on the bundled MMLU Llama
 * log: every number re-derived by a plain loop over the same resamples (no delta encoding, no
 * selection), the verdicts consistent with the intervals, and the suggested point's rule.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { Rng } from '../../../src/engines/numeric/rng';
import { errorCostAuc, sharedCostInterval } from '../../../src/engines/tuning/errorCostAuc';
import { methodAdvice } from '../../../src/engines/tuning/methodAdvice';
import { prepareCascadeData } from '../../../src/engines/tuning/prepareCascadeData';
import { tuneCascade, type TuneCascadeResult } from '../../../src/engines/tuning/tuneCascade';
import type { TuneMethod } from '../../../src/engines/tuning/types';
import { uniformIndex } from '../../../src/engines/uncertainty/resample';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

const CASCADE = ['llama3.2-1b', 'llama3.1-8b', 'llama3.1-405b'];
const METHODS: TuneMethod[] = ['rt', 'grid', 'bo'];
const B = 200;
let records: EvalRecord[];
let result: TuneCascadeResult;
/** The plain re-computation: per method, each resample's AUC, and per point each resample's test error. */
let aucs: number[][];
let errs: number[][][];

before(async () => {
  records = (await readEvalLog(realLog('mmlu-llama'))).records;
  result = tuneCascade({ records, cascade: CASCADE, methods: METHODS, bootstrap: 0, intervalReplicates: B, seed: 3 });
  const test = prepareCascadeData({ records, models: CASCADE }).test;
  const n = test.queryIds.length;
  // Per point and query: wrong (0/1) and cost (mean test cost of every model consulted), as scoreOnTest does.
  const outcome = (t: number[]) => {
    const wrong = new Float64Array(n);
    const cost = new Float64Array(n);
    for (let q = 0; q < n; q++) {
      let i = 0;
      for (; i < CASCADE.length; i++) {
        cost[q] += test.meanCost[i];
        if (i === CASCADE.length - 1 || test.phi[i][q] > t[i]) break;
      }
      wrong[q] = test.correct[i][q] ? 0 : 1;
    }
    return { wrong, cost };
  };
  const per = METHODS.map((m) => result.methods[m]!.points.map((p) => outcome(p.thresholds)));
  const rng = new Rng(3 + 104729); // tuneCascade's comparison seed: seed + 104729
  aucs = METHODS.map(() => []);
  errs = per.map((pts) => pts.map(() => []));
  const counts = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    counts.fill(0);
    for (let t = 0; t < n; t++) counts[uniformIndex(rng, n)]++;
    const curves = per.map((pts, mi) =>
      pts.map((o, j) => {
        let e = 0;
        let s = 0;
        for (let q = 0; q < n; q++) {
          e += counts[q] * o.wrong[q];
          s += counts[q] * o.cost[q];
        }
        errs[mi][j].push(e / n);
        return { cost: s / n, error: e / n };
      }),
    );
    const iv = sharedCostInterval(curves)!;
    curves.forEach((cv, mi) => aucs[mi].push(errorCostAuc(cv, iv[0], iv[1])!));
  }
});

const order = (xs: number[]) => [...xs].sort((x, y) => x - y);
const k = Math.floor(0.025 * B); // 5: the 6th smallest and 6th largest

test('AUC differences and point intervals equal a plain re-computation on the same resamples', () => {
  const c = result.comparison!;
  assert.equal(c.replicates, B);
  const best = METHODS.indexOf(c.best!);
  assert.equal(
    c.best,
    METHODS.reduce((a, m) => (result.methods[m]!.auc! < result.methods[a]!.auc! ? m : a)),
  );
  for (const d of c.differences) {
    const mi = METHODS.indexOf(d.method);
    const diffs = order(aucs[mi].map((x, b) => x - aucs[best][b]));
    // Sums in another order (delta-encoded columns vs plain loops): equal to 1e-12.
    assertClose(d.ci_low, diffs[k], { abs: 1e-12 }, `${d.method} − ${d.versus} ci_low`);
    assertClose(d.ci_high, diffs[B - 1 - k], { abs: 1e-12 }, `${d.method} − ${d.versus} ci_high`);
    assertClose(
      d.value,
      result.methods[d.method]!.auc! - result.methods[c.best!]!.auc!,
      { abs: 1e-15 },
      'observed difference',
    );
    assert.equal(d.verdict === 'better', d.ci_low > 0);
  }
  METHODS.forEach((m, mi) => {
    const a = order(aucs[mi]);
    assertClose(c.auc[m]!.ci_low, a[k], { abs: 1e-12 }, `${m} AUC ci_low`);
    assertClose(c.auc[m]!.ci_high, a[B - 1 - k], { abs: 1e-12 }, `${m} AUC ci_high`);
    const pts = c.points[m]!;
    assert.equal(pts.length, result.methods[m]!.points.length);
    for (const j of [0, Math.floor(pts.length / 2), pts.length - 1]) {
      const e = order(errs[mi][j]);
      assertClose(pts[j].error.ci_low, e[k], { abs: 1e-12 }, `${m} #${j + 1} error ci_low`);
      assertClose(pts[j].error.ci_high, e[B - 1 - k], { abs: 1e-12 }, `${m} #${j + 1} error ci_high`);
    }
  });
});

test('the suggested point: the cheapest whose error is tied with the most accurate point; every cheaper one is significantly worse', () => {
  const c = result.comparison!;
  const s = c.suggested!;
  assert.equal(s.method, c.best);
  const pts = result.methods[s.method]!.points;
  const lowestErr = Math.min(...pts.map((p) => p.testError!));
  assert.equal(pts[s.lowest].testError, lowestErr);
  assert.notEqual(s.vs_lowest.verdict, 'better');
  const mi = METHODS.indexOf(s.method);
  const cheaper = pts.map((p, j) => ({ p, j })).filter(({ p }) => p.testCost! < pts[s.index].testCost!);
  assert.ok(cheaper.length > 0);
  for (const { j } of cheaper) {
    // Re-derived: the most accurate point beats point j in all but at most k of the resamples.
    const notBetter = errs[mi][j].filter((e, b) => e - errs[mi][s.lowest][b] <= 0).length;
    assert.ok(
      notBetter <= k,
      `point #${j + 1} is significantly less accurate (${notBetter} resamples where it is not)`,
    );
  }
  const advice = methodAdvice(result)!;
  assert.match(
    advice.headline,
    /^Use (Rational Tuning|Grid search|Bayesian optimisation): lowest test AUC 0\.\d{4} \(95% CI /,
  );
  assert.ok(
    advice.details.some(
      (d) => d.startsWith(`Point to use when accuracy comes first: `) && d.includes(`#${s.index + 1}`),
    ),
  );
  assert.match(advice.details[advice.details.length - 1], /paired bootstrap, 200 resamples of the 1,531 test queries/);
});

test('without intervalReplicates there is no comparison (the rational-tuning source and sub-cascades pay nothing)', () => {
  const r = tuneCascade({ records, cascade: CASCADE.slice(0, 2), methods: ['rt'], bootstrap: 0 });
  assert.equal(r.comparison, null);
  assert.equal(methodAdvice(r), null);
});
