import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/engines/logs/readEvalLog';
import { subCascades, type SubCascadeResult } from '../../../src/engines/tuning/subCascades';
import { assertClose } from '../../helpers/assertClose';
import { REFERENCE, realLog } from '../../helpers/paths';

interface RefEntry {
  cascade: string[];
  rt_auc: number;
  grid_auc: number;
  cost_range_usd_per_million_queries: [number, number];
}
const reference = JSON.parse(readFileSync(join(REFERENCE, 'paper-cascade-auc.json'), 'utf8')) as Record<'mmlu' | 'medmcqa', RefEntry[]>;
const LLAMA = ['llama3.2-1b', 'llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b'];
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const results: Partial<Record<'mmlu' | 'medmcqa', SubCascadeResult>> = {};

async function run(bench: 'mmlu' | 'medmcqa'): Promise<SubCascadeResult> {
  if (!results[bench]) {
    const { records } = await readEvalLog(realLog(`${bench}-llama`), {});
    results[bench] = subCascades({ records, models: LLAMA, methods: ['rt', 'grid'], bootstrap: 0 });
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
    assertClose(mean(r.cascades.map((c) => c.auc.rt!)), mean(ref.map((e) => e.rt_auc)), { abs: 0.003 }, `${bench} mean RT AUC`);
    // The grid baseline reproduces the paper's grid as well (same candidates, same Pareto filter).
    assertClose(mean(r.cascades.map((c) => c.auc.grid!)), mean(ref.map((e) => e.grid_auc)), { abs: 0.003 }, `${bench} mean grid AUC`);
  });
}

for (const bench of ['mmlu', 'medmcqa'] as const) {
  test(`${bench}: the cheap end of the shared cost interval matches the paper's (the λ sweep reaches the first model's cost)`, async () => {
    const r = await run(bench);
    // The interval's low end is where both frontiers reach down to the first model's cost (§2.3: the
    // sweep stops there). A stalled optimiser leaves RT's frontier short of it (MMLU 1b→3b→405b once
    // ended at $37.4 per million queries instead of $19.24). 0.5%: the paper's figures have 4 decimals
    // of dollars per million queries; the cascades where it differs are those whose cheap end the
    // two implementations' optima set differently (MMLU 3b→8b→70b→405b; MedMCQA 3b→8b→70b and
    // 3b→8b→70b→405b).
    const differs: Record<'mmlu' | 'medmcqa', string[]> = {
      mmlu: ['llama3.2-3b>llama3.1-8b>llama3.1-70b>llama3.1-405b'],
      medmcqa: ['llama3.2-3b>llama3.1-8b>llama3.1-70b', 'llama3.2-3b>llama3.1-8b>llama3.1-70b>llama3.1-405b'],
    };
    const misses = reference[bench].filter((e) => {
      const ours = r.cascades.find((c) => c.cascade.join('>') === e.cascade.join('>'))!.auc.interval!;
      return Math.abs(ours[0] * 1e6 - e.cost_range_usd_per_million_queries[0]) > 0.005 * e.cost_range_usd_per_million_queries[0];
    });
    assert.deepEqual(misses.map((e) => e.cascade.join('>')), differs[bench]);
  });
}

test("RT's mean AUC is ≤ grid search's for cascades with k ≥ 3", async () => {
  const k3 = (r: SubCascadeResult, m: 'rt' | 'grid'): number => mean(r.cascades.filter((c) => c.cascade.length >= 3).map((c) => c.auc[m]!));
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
