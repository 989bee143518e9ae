import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { applyCalibrator, fitCalibrator } from '../../../src/engines/calibration/fitCalibrator';
import { evaluatePriceGrid } from '../../../src/engines/economics/evaluatePriceGrid';
import { prepareEconomics } from '../../../src/engines/economics/prepareEconomics';
import { priceWeights } from '../../../src/engines/economics/priceWeights';
import { ABSTAIN, COST, ERROR, LATENCY, type Candidate } from '../../../src/engines/economics/types';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { assertClose } from '../../helpers/assertClose';
import { ROOT } from '../../helpers/paths';

/** The bundled copy, whatever the shared data folder holds. */
const LOG = join(ROOT, 'examples', 'mmlu-llama.jsonl');
const C0 = 0.0002;
const L0 = 0.05;

/** Queries of a split answered by every model, as model → record maps (plain loops, no engine code). */
function queries(records: readonly EvalRecord[], split: string, models: readonly string[]): Map<string, EvalRecord>[] {
  const byId = new Map<string, Map<string, EvalRecord>>();
  for (const r of records) {
    if (r.split !== split) continue;
    if (!byId.has(r.queryId)) byId.set(r.queryId, new Map());
    byId.get(r.queryId)!.set(r.model, r);
  }
  return [...byId.values()].filter((q) => models.every((m) => q.has(m)));
}

const hasSignal = (r: EvalRecord): boolean => r.logprob !== null || r.confidence !== null;

/**
 * Each model's probability of being right, as the router sees it: the calibration engine's
 * logistic fit on that model's train answers (with a signal), applied to a record; the smoothed
 * train accuracy (k + ½)/(n + 1) where there is no signal or the fit is degenerate.
 */
function probabilityOf(train: Map<string, EvalRecord>[], model: string): (r: EvalRecord) => number {
  const rows = train.map((q) => q.get(model)!);
  const base = (rows.filter((r) => r.correct).length + 0.5) / (rows.length + 1);
  const withSignal = rows.filter(hasSignal);
  if (withSignal.length === 0) return () => base;
  const fit = fitCalibrator({
    signals: withSignal,
    correct: withSignal.map((r) => (r.correct ? 1 : 0)),
    taskType: rows[0].taskType,
  });
  if (fit.degenerate) return () => base;
  return (r) => (hasSignal(r) ? applyCalibrator(fit.calibrator, r) : base);
}

/** Mean cost, latency, error and abstention of the router with satisfactory probability τ and abstention probability α (null: never) on `qs`. */
function routerMeans(
  qs: Map<string, EvalRecord>[],
  models: readonly string[],
  prob: Map<string, (r: EvalRecord) => number>,
  tau: number,
  alpha: number | null,
): number[] {
  let cost = 0;
  let latency = 0;
  let errors = 0;
  let abstained = 0;
  for (const q of qs) {
    const ps = models.map((m) => prob.get(m)!(q.get(m)!));
    const satisfactory = ps.findIndex((p) => p >= tau);
    const pick = satisfactory >= 0 ? satisfactory : ps.indexOf(Math.max(...ps)); // else the first (cheapest) of the likeliest
    cost += C0;
    latency += L0;
    if (satisfactory < 0 && alpha !== null && ps[pick] < alpha) {
      abstained++;
      continue;
    }
    const r = q.get(models[pick])!;
    cost += r.costUsd ?? 0;
    latency += r.latencyS ?? 0;
    if (!r.correct) errors++;
  }
  return [cost, latency, errors, abstained].map((x) => x / qs.length);
}

test('bundled mmlu-llama: routers re-computed from the records (calibration fitted on train, routing on test), overhead included', async () => {
  const log = await readEvalLog(LOG);
  const prep = prepareEconomics(log.records, { set: 'none', routers: true, routerOverhead: { cost: C0, latency: L0 } });
  // 10 pairs and the 5-model router, each with and without abstention.
  assert.equal(prep.candidates.length, 22);
  assert.ok(prep.candidates.every((c) => c.kind === 'router'));
  const models = prep.costOrder;
  const train = queries(log.records, 'train', models);
  const test = queries(log.records, 'test', models);
  assert.deepEqual([train.length, test.length], [prep.train.n, prep.test.n]);
  const prob = new Map(models.map((m) => [m, probabilityOf(train, m)]));
  const check = (c: Candidate): void => {
    c.thresholds.forEach(([tau, alpha], j) => {
      for (const [split, qs, rows] of [
        ['train', train, c.train],
        ['test', test, c.test],
      ] as const) {
        const want = routerMeans(qs, c.models, prob, tau, alpha ?? null);
        const o = j * c.dim;
        // Same decisions query by query: error and abstention rates are equal counts over n (1e-12);
        // cost and latency are sums of the same numbers in another order (relative 1e-10).
        assertClose(rows[o + ERROR], want[2], { abs: 1e-12 }, `${c.name} ${split} error at point ${j}`);
        assertClose(rows[o + ABSTAIN], want[3], { abs: 1e-12 }, `${c.name} ${split} abstention at point ${j}`);
        assertClose(rows[o + COST], want[0], { rel: 1e-10 }, `${c.name} ${split} cost at point ${j}`);
        assertClose(rows[o + LATENCY], want[1], { rel: 1e-10 }, `${c.name} ${split} latency at point ${j}`);
      }
    });
  };
  const pair = prep.candidates.find((c) => c.name === 'router(llama3.2-1b|llama3.1-405b)+abstain');
  const all = prep.candidates.find((c) => c.name === `router(${models.join('|')})`);
  assert.ok(pair && all, prep.candidates.map((c) => c.name).join(', '));
  check(pair);
  check(all);
  // θ*(λ) is the point with the best train reward, and the reported reward is its test reward (eq. 3.13–3.14, appendix 3D).
  for (const prices of [
    { error: 1, latency: 0.001, abstain: 0.3 },
    { error: 100, latency: 0, abstain: 20 },
  ]) {
    const w = priceWeights(prices);
    const r = evaluatePriceGrid([pair, all], w, pair.dim);
    [pair, all].forEach((c, k) => {
      const reward = (rows: number[]): number => -(rows[0] + w[1] * rows[1] + w[2] * rows[2] + w[3] * rows[3]);
      const trainRewards = c.thresholds.map(([tau, alpha]) =>
        reward(routerMeans(train, c.models, prob, tau, alpha ?? null)),
      );
      const [tau, alpha] = c.thresholds[r.point[k]];
      assertClose(
        trainRewards[r.point[k]],
        Math.max(...trainRewards),
        { abs: 1e-12 },
        `${c.name}: θ* has the best train reward`,
      );
      assertClose(
        r.rewards[k],
        reward(routerMeans(test, c.models, prob, tau, alpha ?? null)),
        { abs: 1e-12 },
        `${c.name}: test reward at θ*`,
      );
    });
  }
});
