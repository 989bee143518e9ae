import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrateModels } from '../../../src/engines/calibration/calibrateModels';
import { calibratorCovariate } from '../../../src/engines/calibration/fitCalibrator';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

// Thesis Table 2.2, MMLU and MedMCQA: test ECE in % with the transform (%ECE) and without it
// (%ECE_TF), 10 decile bins, logistic calibrators fitted on the ~300 training queries.
// One exception: Table 2.2 gives 3.1 for gpt-4o's MedMCQA %ECE where Table 2.1 (same quantity, same
// run) gives 2.8; we measure 2.80 and test against Table 2.1's value.
const TABLE_2_2: Record<string, Record<string, [ece: number, eceUntransformed: number]>> = {
  'mmlu-llama': {
    'llama3.2-1b': [3.8, 6.1],
    'llama3.2-3b': [4.0, 7.4],
    'llama3.1-8b': [4.1, 7.0],
    'llama3.1-70b': [2.4, 7.9],
    'llama3.1-405b': [2.9, 10.4],
  },
  'mmlu-qwen-oai': {
    'gpt-4o-mini': [4.7, 14.8],
    'qwen2.5-32b-coder-instruct': [5.3, 13.9],
    'qwen2.5-72b-instruct': [4.9, 10.9],
    'gpt-4o': [4.8, 11.2],
  },
  'medmcqa-llama': {
    'llama3.2-1b': [8.7, 9.8],
    'llama3.2-3b': [6.8, 10.0],
    'llama3.1-8b': [9.4, 14.1],
    'llama3.1-70b': [9.9, 12.5],
    'llama3.1-405b': [10.8, 14.2],
  },
  'medmcqa-qwen-oai': {
    'gpt-4o-mini': [5.3, 15.5],
    'qwen2.5-32b-coder-instruct': [6.2, 14.5],
    'qwen2.5-72b-instruct': [7.0, 16.1],
    'gpt-4o': [2.8, 12.6],
  },
};

// Tolerance 0.1 points: the table prints one decimal (±0.05), plus 0.05 for differences between our
// Newton fit and statsmodels' Logit on the same data. Measured worst misses: 0.05 with the
// transform, 0.08 without (qwen2.5-32b-coder-instruct on MMLU: 13.98 vs 13.9); the 18 Llama cells
// agree to the table's rounding.
const TOL = 0.1;

for (const [log, expected] of Object.entries(TABLE_2_2)) {
  test(`test ECE with and without the transform within ${TOL} points of thesis Table 2.2 (${log})`, async () => {
    const { records } = await readEvalLog(realLog(log as 'mmlu-llama'), {});
    const report = calibrateModels({ records });
    for (const [model, [ece, eceTf]] of Object.entries(expected)) {
      const m = report.models.find((r) => r.model === model)!;
      assertClose(100 * m.eceTest!, ece, { abs: TOL }, `${log} ${model} %ECE`);
      assertClose(100 * m.eceTestUntransformed!, eceTf, { abs: TOL }, `${log} ${model} %ECE_TF`);
    }
  });
}

test("the untransformed covariate is the raw log-probability (the thesis' code: no transform of its log-prob signal)", () => {
  assert.equal(calibratorCovariate({ logprob: -0.25, confidence: null }, 'multiple_choice', false), -0.25);
  assertClose(
    calibratorCovariate({ logprob: null, confidence: 0.5 }, 'multiple_choice', false),
    Math.log(0.5),
    { rel: 1e-15 },
    'log p from p',
  );
  // Certainty stays finite (log 1 = 0); p = 0 gives −∞, which eq. 2.18 clamps like any infinity.
  assert.equal(calibratorCovariate({ logprob: 0, confidence: null }, 'multiple_choice', false), 0);
  assert.equal(calibratorCovariate({ logprob: -Infinity, confidence: null }, 'multiple_choice', false), -Infinity);
});
