import { readEvalLog } from './src/engines/logs/readEvalLog';
import { tuneCascade } from './src/engines/tuning/tuneCascade';
import { subCascades } from './src/engines/tuning/subCascades';
(async () => {
  for (const b of ['mmlu','medmcqa']) {
    const { records } = await readEvalLog(`/work/shared/data/eval-logs/${b}-qwen-oai.jsonl`, {});
    const models = ['gpt-4o-mini','qwen2.5-32b-coder-instruct','qwen2.5-72b-instruct','gpt-4o'];
    const r = tuneCascade({ records, cascade: models, methods: ['rt','grid','bo'], bootstrap: 0 });
    console.log(b, 'mixed', JSON.stringify(r.auc), r.models.map(m => `${m.model} wMax=${m.marginal.wMax.toFixed(3)}`).join(' '), r.warnings.length);
    const { records: L } = await readEvalLog(`/work/shared/data/eval-logs/${b}-llama.jsonl`, {});
    const s = subCascades({ records: L, models: ['llama3.2-1b','llama3.2-3b','llama3.1-8b','llama3.1-70b','llama3.1-405b'], methods: ['rt','grid'], costMode: 'query' });
    const mean = (f: (c: any) => number) => s.cascades.reduce((a, c) => a + f(c), 0) / s.cascades.length;
    console.log(b, 'costMode query: rt', mean(c => c.auc.rt).toFixed(4), 'grid', mean(c => c.auc.grid).toFixed(4));
  }
})();
