import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { subCascades } from '../../../src/engines/tuning/subCascades';
import { FULL_REPRODUCTION } from '../../helpers/fullReproduction';
import { realLog } from '../../helpers/paths';

// Thesis Table 2.8 (low-sample limit, n ≤ 30): mean test AUC over the 26 Llama sub-cascades,
// RT vs grid search: MMLU 0.293 vs 0.308, MedMCQA 0.399 vs 0.416, from one balanced draw per
// benchmark. We repeat the protocol (one draw of target 30 per log over all five models, calibrators
// and models fitted on it, all 26 sub-cascades scored on the full test split) for DRAWS seeds and
// compare paired by cascade, leaving out the cascades where a frontier collapses to one test cost
// (no shared interval, about one in 60).
const DRAWS = FULL_REPRODUCTION ? 20 : 3;
const LLAMA = ['llama3.2-1b', 'llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b'];
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function rtMinusGrid(bench: 'mmlu' | 'medmcqa'): Promise<number> {
  const { records } = await readEvalLog(realLog(`${bench}-llama`), {});
  const diffs: number[] = [];
  for (let seed = 1; seed <= DRAWS; seed++) {
    const r = subCascades({ records, models: LLAMA, methods: ['rt', 'grid'], bootstrap: 0, seed, lowSample: 30 });
    const paired = r.cascades.filter((c) => c.auc.rt != null && c.auc.grid != null);
    assert.ok(paired.length >= 22, `${bench} seed ${seed}: only ${paired.length} cascades with a shared interval`);
    diffs.push(mean(paired.map((c) => c.auc.rt! - c.auc.grid!)));
  }
  return mean(diffs);
}

test(`low-sample limit (n ≤ 30, ${DRAWS} draws): Rational Tuning ahead of grid search pooled and on MedMCQA; a tie on MMLU`, async () => {
  const mmlu = await rtMinusGrid('mmlu');
  const med = await rtMinusGrid('medmcqa');
  // Measured mean RT − grid AUC (full run, 20 draws): MMLU +0.0011 (RT ahead in 8 of 20 draws),
  // MedMCQA −0.0026 (15 of 20); reduced run (3 draws): +0.0002 and −0.0035. The thesis' single
  // draw: −0.015 and −0.017. Its direction holds pooled and on MedMCQA, by less; on MMLU the two
  // tie (see docs/cascade-tuning.md, "What to expect").
  assert.ok(mmlu + med < 0, `pooled RT − grid ${(mmlu + med) / 2}`);
  assert.ok(med < 0, `MedMCQA RT − grid ${med}`);
  // MMLU: a tie within ±0.004 (1.3% of the AUC; the draw-to-draw sd of the difference is 0.004).
  assert.ok(Math.abs(mmlu) <= 0.004, `MMLU RT − grid ${mmlu}`);
});
