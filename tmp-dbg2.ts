import { readEvalLog } from './src/engines/logs/readEvalLog';
import { prepareCascadeData } from './src/engines/tuning/prepareCascadeData';
import { fitMarkovCopulaModel } from './src/engines/tuning/markovCopulaModel';
import { evaluateCascade } from './src/engines/tuning/evaluateCascade';
import { gridSearch } from './src/engines/tuning/gridSearch';
import { fitBetaMixture } from './src/engines/copula/betaMixture';
import { kendallTau } from './src/engines/copula/kendallTau';
(async () => {
  const log = await readEvalLog(`/work/shared/data/eval-logs/mmlu-llama.jsonl`, {});
  const models = ['llama3.2-1b','llama3.2-3b','llama3.1-8b','llama3.1-70b','llama3.1-405b'];
  const data = prepareCascadeData({ records: log.records, models });
  let t = performance.now();
  for (const p of data.train.phi) fitBetaMixture(p.map(v => Math.min(0.999, Math.max(0.001, v))));
  console.log('EM', performance.now()-t); t = performance.now();
  for (let i=0;i<5;i++) for (let j=i+1;j<5;j++) kendallTau(data.train.phi[i], data.train.phi[j]);
  console.log('tau', performance.now()-t); t = performance.now();
  const model = fitMarkovCopulaModel({ models, phi: data.train.phi, cost: data.train.meanCost });
  console.log('fit', performance.now()-t);
  const cascade = [1,2,3];
  const g = gridSearch({ train: data.train, cascade });
  const scale = cascade.reduce((s,m)=>s+model.cost[m],0);
  for (const lambda of [0.05, 0.2]) {
    let best = Infinity, bt: number[] = [];
    for (const p of g.points) { const e = evaluateCascade(model, cascade, p.thresholds); const o = 1-e.pCorrect + lambda*e.expectedCost/scale; if (o<best) {best=o; bt=p.thresholds;} }
    const e2 = evaluateCascade(model, cascade, [0.737, 0.999]);
    console.log(lambda, 'grid best under model', best, bt, 'rt-ish', 1-e2.pCorrect + lambda*e2.expectedCost/scale);
  }
  // model vs empirical train for a few thresholds
  for (const th of [[0.5,0.7],[0.6,0.8],[0.45,0.6],[0.7,0.9]]) {
    const e = evaluateCascade(model, cascade, th);
    let sphi=0, sc=0; const n = data.train.queryIds.length; const cum=[model.cost[1], model.cost[1]+model.cost[2], scale];
    for (let q=0;q<n;q++){ let i=0; while(i<2 && !(data.train.phi[cascade[i]][q]>th[i])) i++; sphi+=data.train.phi[cascade[i]][q]; sc+=cum[i]; }
    console.log(th, 'model', (1-e.pCorrect).toFixed(4), (e.expectedCost*1e6).toFixed(1), 'empirical', (1-sphi/n).toFixed(4), (sc/n*1e6).toFixed(1));
  }
})();
