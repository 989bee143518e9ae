import { readEvalLog } from './src/engines/logs/readEvalLog';
import { subCascades } from './src/engines/tuning/subCascades';
(async () => {
  const models = ['llama3.2-1b','llama3.2-3b','llama3.1-8b','llama3.1-70b','llama3.1-405b'];
  for (const b of ['mmlu','medmcqa']) {
    const log = await readEvalLog(`/work/shared/data/eval-logs/${b}-llama.jsonl`, {});
    const r = subCascades({ records: log.records, models, methods: ['rt','grid'] });
    const rt = r.cascades.map(c => c.auc.rt!), g = r.cascades.map(c => c.auc.grid!);
    const k3 = r.cascades.map((c,i)=>[c.cascade.length,i]).filter(([k])=>k>=3).map(([,i])=>i);
    console.log(b, 'mean rt', (rt.reduce((a,c)=>a+c,0)/26).toFixed(4), 'grid', (g.reduce((a,c)=>a+c,0)/26).toFixed(4), 'k>=3 rt', (k3.reduce((a,i)=>a+rt[i],0)/k3.length).toFixed(4), 'grid', (k3.reduce((a,i)=>a+g[i],0)/k3.length).toFixed(4), 'rt secs', r.cascades.reduce((a,c)=>a+c.methods.rt!.seconds,0).toFixed(2));
  }
})();
