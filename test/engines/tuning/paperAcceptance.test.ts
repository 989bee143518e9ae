import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { subCascades, type SubCascadeResult } from '../../../src/engines/tuning/subCascades';
import { assertClose } from '../../helpers/assertClose';
import { FULL_REPRODUCTION } from '../../helpers/fullReproduction';
import { REFERENCE, realLog } from '../../helpers/paths';

interface RefEntry {
  cascade: string[];
  rt_auc: number;
  grid_auc: number;
  cost_range_usd_per_million_queries: [number, number];
}
const reference = JSON.parse(readFileSync(join(REFERENCE, 'paper-cascade-auc.json'), 'utf8')) as Record<
  'mmlu' | 'medmcqa',
  RefEntry[]
>;
const LLAMA = ['llama3.2-1b', 'llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b'];
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const results: Partial<Record<'mmlu' | 'medmcqa', SubCascadeResult>> = {};

/** All three methods on the 26 sub-cascades, seed 1 (RT and the grid do not depend on the seed). */
async function run(bench: 'mmlu' | 'medmcqa'): Promise<SubCascadeResult> {
  if (!results[bench]) {
    const { records } = await readEvalLog(realLog(`${bench}-llama`), {});
    results[bench] = subCascades({ records, models: LLAMA, methods: ['rt', 'grid', 'bo'], bootstrap: 0, seed: 1 });
  }
  return results[bench]!;
}

for (const bench of ['mmlu', 'medmcqa'] as const) {
  test(`${bench}: mean RT test AUC over the 26 Llama sub-cascades is within ±0.003 of the paper's`, async () => {
    const r = await run(bench);
    const ref = reference[bench];
    assert.equal(r.cascades.length, 26);
    // Same 26 cascades as the reference file.
    const keys = new Set(r.cascades.map((c) => c.cascade.join('>')));
    for (const e of ref) assert.ok(keys.has(e.cascade.join('>')), e.cascade.join('>'));
    // Source: ../shared/data/reference/paper-cascade-auc.json (MMLU 0.288, MedMCQA 0.381).
    // ±0.003 is the acceptance tolerance (≈1% of the AUC; the paper's RT−grid gaps are of that size).
    assertClose(
      mean(r.cascades.map((c) => c.auc.rt!)),
      mean(ref.map((e) => e.rt_auc)),
      { abs: 0.003 },
      `${bench} mean RT AUC`,
    );
    // The grid baseline reproduces the paper's grid as well (same candidates, same Pareto filter).
    assertClose(
      mean(r.cascades.map((c) => c.auc.grid!)),
      mean(ref.map((e) => e.grid_auc)),
      { abs: 0.003 },
      `${bench} mean grid AUC`,
    );
  });
}

for (const bench of ['mmlu', 'medmcqa'] as const) {
  test(`${bench}: every sub-cascade's RT and grid AUC within 0.01 of the paper's, and the λ sweep reaches the paper's cheap end`, async () => {
    const r = await run(bench);
    for (const e of reference[bench]) {
      const key = e.cascade.join('>');
      const ours = r.cascades.find((c) => c.cascade.join('>') === key)!;
      // 0.01 (one point of error, on average over the cost range) per cascade: the two
      // implementations' optima differ where a middle model's threshold is parked at its top, and
      // the interval's expensive end moves with RT's most accurate point. Measured worst: RT
      // 0.0092 (MMLU 3b→8b→70b→405b), grid 0.0084 (MMLU 3b→70b→405b, through the interval).
      assertClose(ours.auc.rt!, e.rt_auc, { abs: 0.01 }, `${bench} ${key} RT AUC`);
      assertClose(ours.auc.grid!, e.grid_auc, { abs: 0.01 }, `${bench} ${key} grid AUC`);
      // The cheap end of the shared interval is where both frontiers reach down to the first
      // model's cost (§2.3: the sweep stops there); a stalled optimiser leaves RT short of it (MMLU
      // 1b→3b→405b once ended at $37.4 per million queries instead of $19.24). Ours may reach
      // further down than the paper's, not more than 5% less far: measured worst +3.4% (MMLU
      // 3b→8b→70b→405b); the other cascades agree to 0.01% but two MedMCQA ones (3b→8b→70b and
      // 3b→8b→70b→405b), where ours reaches 16% and 12% further down.
      const paperLo = e.cost_range_usd_per_million_queries[0];
      assert.ok(
        ours.auc.interval![0] * 1e6 <= paperLo * 1.05,
        `${bench} ${key}: cheap end ${ours.auc.interval![0] * 1e6} vs paper ${paperLo}`,
      );
    }
  });
}

test("RT's mean AUC is ≤ grid search's for cascades with k ≥ 3", async () => {
  const k3 = (r: SubCascadeResult, m: 'rt' | 'grid'): number =>
    mean(r.cascades.filter((c) => c.cascade.length >= 3).map((c) => c.auc[m]!));
  const mmlu = await run('mmlu');
  const med = await run('medmcqa');
  // Pooled over both benchmarks, as the thesis reports its k ≥ 3 comparison (Fig. 2.6): strict.
  assert.ok(k3(mmlu, 'rt') + k3(med, 'rt') <= k3(mmlu, 'grid') + k3(med, 'grid'), 'pooled k ≥ 3: RT ≤ grid');
  // MedMCQA alone: strict (paper: 0.3576 vs 0.3621).
  assert.ok(k3(med, 'rt') <= k3(med, 'grid'), `MedMCQA k ≥ 3: RT ${k3(med, 'rt')} vs grid ${k3(med, 'grid')}`);
  // MMLU alone is a tie in the paper (0.26426 vs 0.26430, Table 2.7: %Δ = +0.02); we allow RT to
  // exceed grid by at most 0.001 (0.4% of the AUC) there. Measured: +0.0006.
  assert.ok(k3(mmlu, 'rt') <= k3(mmlu, 'grid') + 0.001, `MMLU k ≥ 3: RT ${k3(mmlu, 'rt')} vs grid ${k3(mmlu, 'grid')}`);
});

// Thesis Table 2.7, column BO: mean test AUC of the Bayesian-optimisation baseline (HEBO, four
// suggestions per round until the best loss changes by < 1e-5) over the 26 Llama sub-cascades.
const PAPER_BO = { mmlu: 0.294, medmcqa: 0.389 };
// Thesis §2.4 "Computational Scaling": HEBO's mean rounds to convergence per λ by cascade length.
const PAPER_ROUNDS: Record<number, number> = { 2: 2.9, 4: 5.3, 5: 4.0 };
// BO depends on its seed (sd of the 26-cascade mean over seeds: 0.0016 on both benchmarks). Full
// run: the mean of seeds 1–10 within 0.003 (the acceptance; the table's rounding included);
// measured 0.2965 (MMLU) and 0.3893 (MedMCQA). Reduced run: seed 1 alone, within 0.006 (0.003 plus
// two seed standard deviations); measured 0.2957 and 0.3921.
const BO_SEEDS = FULL_REPRODUCTION ? 10 : 1;
const BO_TOL = FULL_REPRODUCTION ? 0.003 : 0.006;

for (const bench of ['mmlu', 'medmcqa'] as const) {
  test(`${bench}: the BO baseline's mean AUC is within ${BO_TOL} of the paper's (${BO_SEEDS} seed(s)) and states its evaluations`, async () => {
    const first = await run(bench);
    const runs = [first];
    if (BO_SEEDS > 1) {
      const { records } = await readEvalLog(realLog(`${bench}-llama`), {});
      for (let seed = 2; seed <= BO_SEEDS; seed++)
        runs.push(subCascades({ records, models: LLAMA, methods: ['bo'], bootstrap: 0, seed }));
    }
    const boMean = mean(runs.map((r) => mean(r.cascades.map((c) => c.auc.bo!))));
    assertClose(boMean, PAPER_BO[bench], { abs: BO_TOL }, `${bench} mean BO AUC`);
    // Table 2.7's direction: Rational Tuning ahead of BO.
    assert.ok(mean(first.cascades.map((c) => c.auc.rt!)) < boMean, `${bench}: RT ahead of BO`);
    // Every BO result carries its effort: whole rounds of 4, at least 2 and at most 25 per λ.
    const rounds = new Map<number, number[]>();
    for (const c of first.cascades) {
      const bo = c.methods.bo!;
      assert.equal(bo.evaluations % 4, 0, `${c.cascade.join('>')}: whole rounds`);
      assert.ok(
        bo.lambdas! > 0 && bo.evaluations >= 8 * bo.lambdas! && bo.evaluations <= 100 * bo.lambdas!,
        `${c.cascade.join('>')}: ${bo.evaluations} evaluations for ${bo.lambdas} λ`,
      );
      rounds.set(c.cascade.length, [...(rounds.get(c.cascade.length) ?? []), bo.evaluations / (4 * bo.lambdas!)]);
    }
    // Rounds per λ near the thesis' HEBO figures (averaged over its six benchmarks): ±1 round for
    // k = 2 and 4 (10 and 5 cascades), ±1.5 for k = 5 (a single cascade). Measured seed 1: MMLU
    // 2.94, 4.64, 3.58 and MedMCQA 3.01, 4.55, 2.74 for k = 2, 4, 5 (seeds 1–10: 2.95, 4.52, 3.56
    // and 2.94, 4.40, 3.66).
    for (const [k, paper] of Object.entries(PAPER_ROUNDS))
      assertClose(mean(rounds.get(Number(k))!), paper, { abs: k === '5' ? 1.5 : 1 }, `${bench} rounds per λ, k = ${k}`);
  });
}
