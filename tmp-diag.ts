import { readEvalLog } from './src/engines/logs/readEvalLog';
import { cascadeDiagnostics } from './src/engines/tuning/cascadeDiagnostics';
(async () => {
  const models = ['llama3.2-1b','llama3.2-3b','llama3.1-8b','llama3.1-70b','llama3.1-405b'];
  const log = await readEvalLog(`/work/shared/data/eval-logs/mmlu-llama.jsonl`, {});
  const t = performance.now();
  const d = cascadeDiagnostics({ records: log.records, models });
  console.log((performance.now()-t).toFixed(0),'ms');
  console.log(d.marginals.map(m => `${m.model} cvm=${m.sqrtCvm.toFixed(3)} p=${m.pValue.toFixed(3)}`).join('\n'));
  console.log(d.copulas.map(c => `${c.from}>${c.to} th=${c.theta.toFixed(2)} tauTr=${c.tauTrain?.toFixed(2)} tauTe=${c.tauEval?.toFixed(2)} cvm=${c.sqrtCvmKendall.toFixed(4)} p=${c.pValue.toFixed(3)}`).join('\n'));
  console.log(d.markov.map(r => `${r.predicted}: markov ${r.markovLog10P?.toFixed(2)} ${r.ancestors.map(a => a.model+':'+a.log10P?.toFixed(2)).join(' ')}`).join('\n'));
  console.log(d.flags);
  console.log(JSON.stringify(d).length);
})();
