import { readEvalLog } from './src/engines/logs/readEvalLog';
import { prepareCascadeData } from './src/engines/tuning/prepareCascadeData';
import { fitMarkovCopulaModel, firstModelIntegral, pairIntegral, conditionalCdf, modelCdf } from './src/engines/tuning/markovCopulaModel';
(async () => {
  const log = await readEvalLog(`/work/shared/data/eval-logs/mmlu-llama.jsonl`, {});
  const models = ['llama3.2-1b','llama3.2-3b','llama3.1-8b','llama3.1-70b','llama3.1-405b'];
  const data = prepareCascadeData({ records: log.records, models });
  const model = fitMarkovCopulaModel({ models, phi: data.train.phi, cost: data.train.meanCost });
  const P = data.train.phi; const n = P[0].length;
  for (const t of [0.4,0.5,0.6,0.8]) {
    let e=0, c=0; for (let q=0;q<n;q++){ if (P[1][q]>t) e+=P[1][q]; if (P[1][q]<=t) c++; }
    console.log('first', t, firstModelIntegral(model,1,t).toFixed(4), (e/n).toFixed(4), 'cdf', modelCdf(model,1,t).toFixed(4), (c/n).toFixed(4));
  }
  for (const [i,j] of [[1,2],[2,3],[1,3]]) for (const [s,t] of [[0.5,0.7],[0.6,0.8],[0.7,-1]]) {
    let num=0, den=0, cnt=0; for (let q=0;q<n;q++){ if (P[i][q]<=s){ den++; if (P[j][q]>t) num+=P[j][q]; if (P[j][q]<=t) cnt++; } }
    console.log('pair',i,j,s,t, pairIntegral(model,i,j,s,t).toFixed(4), (num/den).toFixed(4), 'cond', conditionalCdf(model,i,j,s,t).toFixed(4), (cnt/den).toFixed(4), 'den', den);
  }
})();
