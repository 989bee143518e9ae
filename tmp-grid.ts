import { readEvalLog } from './src/engines/logs/readEvalLog';
import { prepareCascadeData } from './src/engines/tuning/prepareCascadeData';
import { gridSearch } from './src/engines/tuning/gridSearch';
(async () => {
  const models = ['llama3.2-1b','llama3.2-3b','llama3.1-8b','llama3.1-70b','llama3.1-405b'];
  const log = await readEvalLog(`/work/shared/data/eval-logs/mmlu-llama.jsonl`, {});
  const data = prepareCascadeData({ records: log.records, models });
  for (let i = 0; i < 3; i++) { const t = performance.now(); const g = gridSearch({ train: data.train, cascade: [0,1,2,3,4] }); console.log('grid', g.points.length, (performance.now()-t).toFixed(0), 'ms'); }
})();
