// Human in the loop and risk guarantee: how long the views wait for a recompute. Targets (ours, not
// the issue's): an α/δ change or a model change should come back within ~100 ms on logs of a few
// thousand queries, and within a few seconds at 100k queries; the utilisation slider never recomputes.
import { readEvalLog } from '../src/node/logs/readEvalLog';
import { pairAnswers } from '../src/engines/abstention/pairAnswers';
import { preparePairs } from '../src/engines/abstention/hitlSystem';
import { hitlTable } from '../src/engines/abstention/hitlTable';
import { latencyDrag } from '../src/engines/abstention/latencyDrag';
import { accuracyRejectionCurve } from '../src/engines/abstention/accuracyRejectionCurve';
import { guaranteeReport } from '../src/engines/riskGuarantee/guaranteeReport';
import { guaranteedThreshold } from '../src/engines/riskGuarantee/guaranteedThreshold';
import { clopperPearsonUpper } from '../src/engines/riskGuarantee/clopperPearsonUpper';
import { Rng } from '../src/engines/numeric/rng';
import { realLog } from '../test/helpers/paths';
import { FAST, SLOW, syntheticHitlRows, toRecords } from '../test/engines/abstention/syntheticHitlLog';

function timeMs(fn: () => void, reps: number): number {
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

const UTILIZATIONS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

function systemBench(
  label: string,
  records: ReturnType<typeof toRecords>,
  fast: string,
  reasoning: string,
  reasoningSignal: 'confidence' | 'output_tokens',
  reps: number,
): void {
  const paired = pairAnswers(records, {
    fast,
    reasoning,
    fastSignal: { name: 'confidence' },
    reasoningSignal: { name: reasoningSignal },
    split: label.startsWith('mmlu') ? 'test' : undefined,
  });
  const p = preparePairs(paired);
  const t = timeMs(() => {
    hitlTable(p, { utilizations: UTILIZATIONS });
    latencyDrag(p, { rejection: 0.1, utilizations: [0, ...UTILIZATIONS] });
  }, reps);
  const tCurve = timeMs(() => accuracyRejectionCurve(paired.reasoning, { maxRejection: 0.2, curveMax: 0.5 }), reps);
  console.log(
    `${label}: ${p.n} queries; Ask + 19 utilisations x 21 rejection rates + latency drag: median ${t.toFixed(1)} ms; one accuracy-rejection curve: ${tCurve.toFixed(2)} ms (target <= 100 ms at a few thousand queries)`,
  );
}

async function main(): Promise<void> {
  const mmlu = await readEvalLog(realLog('mmlu-qwen-oai'));
  systemBench('mmlu-qwen-oai test', mmlu.records, 'qwen2.5-72b-instruct', 'gpt-4o', 'confidence', 9);
  const big = toRecords(syntheticHitlRows({ n: 100_000, seed: 1 }));
  systemBench('synthetic reasoning log', big, FAST, SLOW, 'output_tokens', 3);

  const tGuarantee = timeMs(() => guaranteeReport(mmlu.records, { model: 'gpt-4o', alpha: 0.1, delta: 0.1 }), 9);
  console.log(
    `guarantee, mmlu-qwen-oai gpt-4o (285 calibration / 1531 test answers, with bound curve): median ${tGuarantee.toFixed(1)} ms (target <= 100 ms)`,
  );
  const rng = new Rng(3);
  const cal = Array.from({ length: 100_000 }, () => {
    const s = rng.uniform();
    return { certainty: s, correct: rng.uniform() > (1 - s) / 3 };
  });
  const tBig = timeMs(() => guaranteedThreshold(cal, { alpha: 0.1, delta: 0.1 }), 3);
  console.log(
    `guarantee scan over 100,000 calibration answers (distinct certainties, scan runs deep): median ${tBig.toFixed(0)} ms (target: a few seconds, in the worker)`,
  );
  let k = 0;
  const tCp = timeMs(() => {
    for (let i = 0; i < 1000; i++) clopperPearsonUpper((k = (k + 7) % 500), 5000, 0.05);
  }, 5);
  console.log(`Clopper-Pearson bound (n = 5000): ${((tCp / 1000) * 1000).toFixed(1)} us per call`);
}

void main();
