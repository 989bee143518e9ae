import { readEvalLog } from './src/engines/logs/readEvalLog';
import { prepareCascadeData } from './src/engines/tuning/prepareCascadeData';
import { fitMarkovCopulaModel } from './src/engines/tuning/markovCopulaModel';
import { rationalTuning } from './src/engines/tuning/rationalTuning';
import { gridSearch } from './src/engines/tuning/gridSearch';
import { scoreOnTest } from './src/engines/tuning/scoreOnTest';
import { errorCostAuc, sharedCostInterval } from './src/engines/tuning/errorCostAuc';
import { readFileSync } from 'node:fs';
const ref = JSON.parse(readFileSync('/work/shared/data/reference/paper-cascade-auc.json','utf8'));
const mode = (process.argv[2] ?? 'mean') as 'mean'|'query';
(async () => {
for (const bench of ['mmlu','medmcqa']) {
  const log = await readEvalLog(`/work/shared/data/eval-logs/${bench}-llama.jsonl`, {});
  const models = ['llama3.2-1b','llama3.2-3b','llama3.1-8b','llama3.1-70b','llama3.1-405b'];
  const t0 = performance.now();
  const data = prepareCascadeData({ records: log.records, models });
  const model = fitMarkovCopulaModel({ models, phi: data.train.phi, cost: data.train.meanCost });
  const t1 = performance.now();
  let srt = 0, sg = 0, prt=0, pg=0; let trt = 0, tg = 0;
  for (const e of ref[bench]) {
    const cascade = e.cascade.map((m: string) => models.indexOf(m));
    let a = performance.now();
    const rt = rationalTuning({ model, cascade });
    trt += performance.now() - a; a = performance.now();
    const gr = gridSearch({ train: data.train, cascade });
    tg += performance.now() - a;
    const curve = (pts: any[]) => pts.map((p) => { const s = scoreOnTest(data.test, cascade, p.thresholds, mode); return { cost: s.cost, error: s.error }; });
    const cr = curve(rt.points), cg = curve(gr.points);
    const iv = sharedCostInterval([cr, cg])!;
    const ar = errorCostAuc(cr, iv[0], iv[1])!, ag = errorCostAuc(cg, iv[0], iv[1])!;
    srt += ar; sg += ag; prt += e.rt_auc; pg += e.grid_auc;
    console.log(bench, e.cascade.map((m:string)=>m.split('-')[1]).join('>'), ar.toFixed(4), e.rt_auc, ag.toFixed(4), e.grid_auc, (iv[0]*1e6).toFixed(2), (iv[1]*1e6).toFixed(2), e.cost_range_usd_per_million_queries.join('-'), rt.points.length, gr.points.length, e.rt_frontier_points, e.grid_frontier_points);
  }
  console.log(bench, 'MEAN rt', (srt/26).toFixed(4), 'paper', (prt/26).toFixed(4), 'grid', (sg/26).toFixed(4), 'paper', (pg/26).toFixed(4), 'fit ms', (t1-t0).toFixed(0), 'rt ms', trt.toFixed(0), 'grid ms', tg.toFixed(0));
}
})();
