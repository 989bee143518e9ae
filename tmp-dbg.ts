import { readEvalLog } from './src/engines/logs/readEvalLog';
import { prepareCascadeData } from './src/engines/tuning/prepareCascadeData';
import { fitMarkovCopulaModel } from './src/engines/tuning/markovCopulaModel';
import { rationalTuning } from './src/engines/tuning/rationalTuning';
import { scoreOnTest } from './src/engines/tuning/scoreOnTest';
(async () => {
  const log = await readEvalLog(`/work/shared/data/eval-logs/mmlu-llama.jsonl`, {});
  const models = ['llama3.2-1b','llama3.2-3b','llama3.1-8b','llama3.1-70b','llama3.1-405b'];
  let t = performance.now();
  const data = prepareCascadeData({ records: log.records, models });
  console.log('prep', performance.now()-t); t = performance.now();
  const model = fitMarkovCopulaModel({ models, phi: data.train.phi, cost: data.train.meanCost });
  console.log('fit', performance.now()-t);
  console.log(model.marginals.map(m => JSON.stringify(m)).join('\n'));
  console.log(model.tau.map(r => r.map(v => v?.toFixed(3)).join(' ')).join('\n'));
  const cascade = (process.env.CASC ?? "1,2,3").split(",").map(Number);
  const rt = rationalTuning({ model, cascade });
  for (const p of rt.points) { const s = scoreOnTest(data.test, cascade, p.thresholds); console.log(p.lambda, p.thresholds.map(v=>v.toFixed(3)).join(','), (p.expectedCost*1e6).toFixed(1), p.expectedError.toFixed(3), (s.cost*1e6).toFixed(1), s.error.toFixed(3), p.expectedShares.map(v=>v.toFixed(2)).join(',')); }
})();
