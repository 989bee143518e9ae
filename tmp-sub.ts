import { readEvalLog } from './src/engines/logs/readEvalLog';
import { subCascades } from './src/engines/tuning/subCascades';
import { tuneCascade } from './src/engines/tuning/tuneCascade';
(async () => {
  const models = ['llama3.2-1b','llama3.2-3b','llama3.1-8b','llama3.1-70b','llama3.1-405b'];
  for (const b of ['mmlu','medmcqa']) {
    const log = await readEvalLog(`/work/shared/data/eval-logs/${b}-llama.jsonl`, {});
    let t = performance.now();
    const r = subCascades({ records: log.records, models, methods: ['rt','grid'] });
    const rt = r.cascades.map(c => c.auc.rt!), g = r.cascades.map(c => c.auc.grid!);
    const k3 = r.cascades.map((c,i)=>[c.cascade.length,i]).filter(([k])=>k>=3).map(([,i])=>i);
    console.log(b, 'mean rt', rt.reduce((a,c)=>a+c,0)/26, 'grid', g.reduce((a,c)=>a+c,0)/26, 'k>=3 rt', k3.reduce((a,i)=>a+rt[i],0)/k3.length, 'grid', k3.reduce((a,i)=>a+g[i],0)/k3.length, 'sec', r.seconds, (performance.now()-t)/1000);
    console.log(r.dominance.map(s => `${(s.costFrom*1e6).toFixed(0)}-${(s.costTo*1e6).toFixed(0)} ${s.cascade.join('>')}`).join('\n'));
    t = performance.now();
    const r2 = subCascades({ records: log.records, models, methods: ['rt'] });
    console.log('rt only all 26 sec', (performance.now()-t)/1000);
    t = performance.now();
    const one = tuneCascade({ records: log.records, cascade: models, methods: ['rt','grid','bo'] });
    console.log('5-model', JSON.stringify(one.auc), Object.values(one.methods).map(m => `${m!.method} ${m!.seconds.toFixed(3)}s n=${m!.points.length}`).join(' | '), (performance.now()-t)/1000);
    const low = tuneCascade({ records: log.records, cascade: models, methods: ['rt','grid','bo'], lowSample: 30, seed: 3 });
    console.log('low', low.trainQueries, JSON.stringify(low.auc), low.problems, low.warnings);
    void r2;
  }
})();
