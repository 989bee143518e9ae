import type { EvalRecord } from '../../../src/engines/logs/types';
import { Rng } from '../../../src/engines/numeric/rng';
import { normalQuantile } from '../../../src/engines/numeric/normalDistribution';

/**
 * Records of a synthetic k-model chain: a latent query difficulty z drives every model's
 * log-odds of being right (stronger models get larger offsets) and its confidence signal, so
 * confidences are correlated along the chain as in the thesis' Llama data.
 */
export function syntheticCascadeRecords(opts: {
  k: number;
  nTrain: number;
  nTest: number;
  seed: number;
}): EvalRecord[] {
  const rng = new Rng(opts.seed);
  const out: EvalRecord[] = [];
  const n = opts.nTrain + opts.nTest;
  for (let q = 0; q < n; q++) {
    const z = normalQuantile(rng.uniformOpen());
    const split = q < opts.nTrain ? 'train' : 'test';
    for (let m = 0; m < opts.k; m++) {
      const skill = -0.5 + 1.0 * m;
      const eta = skill + 1.5 * z + 0.8 * normalQuantile(rng.uniformOpen());
      const p = 1 / (1 + Math.exp(-eta));
      const correct = rng.uniform() < p;
      const conf = 1 / (1 + Math.exp(-(1.3 * eta + 1)));
      out.push({
        queryId: `q${q}`,
        model: `m${m}`,
        score: correct ? 1 : 0,
        correct,
        logprob: Math.log(conf),
        confidence: conf,
        costUsd: 1e-5 * Math.pow(4, m),
        inputTokens: null,
        outputTokens: null,
        reasoningTokens: null,
        cacheReadTokens: null,
        cacheWriteTokens: null,
        costSource: 'log',
        epochs: 1,
        latencyS: null,
        split,
        task: 'synthetic',
        taskType: 'multiple_choice',
        signal: 'answer_logprob',
        reasoning: null,
        question: '',
        file: 'synthetic',
        line: q * opts.k + m + 1,
      });
    }
  }
  return out;
}
