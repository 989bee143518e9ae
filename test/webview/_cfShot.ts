import { WebviewTestServer } from './harness';
import { tuneCascade, subCascades, cascadeDiagnostics } from '../../src/worker/jobs/cascadeJobs';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { cascadeLogInfo } from '../../src/protocol/cascadeFrontier';
import { realLog } from '../helpers/paths';
const ctx = { signal: new AbortController().signal, progress: () => undefined };
const FILE = realLog('mmlu-llama');
const main = async () => {
  let t = Date.now();
  const info = cascadeLogInfo(await summarizeLog({ file: FILE }, ctx));
  const sel = { cascade: ['llama3.2-1b', 'llama3.1-8b', 'llama3.1-405b'], methods: ['rt', 'grid', 'bo'] as ('rt'|'grid'|'bo')[], trainSplit: 'train', testSplit: 'test', lowSample: null, seed: 1 };
  const tune = await tuneCascade({ file: FILE, cascade: sel.cascade, methods: sel.methods, seed: 1 }, ctx);
  console.log('tune ms', Date.now() - t); t = Date.now();
  const sub = await subCascades({ file: FILE, models: sel.cascade, methods: sel.methods, seed: 1 }, ctx);
  console.log('sub ms', Date.now() - t); t = Date.now();
  const diag = await cascadeDiagnostics({ file: FILE, models: sel.cascade, seed: 1, bootstrapTests: 20 }, ctx);
  console.log('diag ms', Date.now() - t); t = Date.now();
  const server = await WebviewTestServer.start();
  const h = await server.open('cascadeFrontier', { initialState: { file: FILE }, savedState: { file: FILE, selection: sel, lastRun: sel, order: [], tab: 'frontier' } });
  await h.page.setViewportSize({ width: 1200, height: 2400 });
  await h.send({ type: 'notification', name: 'log', payload: { info } });
  const reply = async (method: string, result: unknown) => {
    for (let i = 0; i < 100; i++) {
      const m = (await h.posted()).filter((x) => x.type === 'request' && x.method === method).pop();
      if (m) { await h.send({ type: 'reply', requestId: m.requestId, reply: { ok: true, result } }); return; }
      await h.page.waitForTimeout(50);
    }
  };
  t = Date.now();
  await reply('tune', tune);
  await h.page.waitForFunction(() => document.getElementById('status')?.getAttribute('data-state') === 'done');
  console.log('render ms', Date.now() - t);
  const box = (await h.page.locator('[data-chart="frontier"] canvas').boundingBox())!;
  await h.page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
  await h.page.waitForTimeout(300);
  await h.page.screenshot({ path: '/tmp/cfshots/frontier.png', fullPage: true });
  await h.page.click('#tab-subcascades');
  await reply('subCascades', sub);
  await h.page.waitForTimeout(500);
  await h.page.screenshot({ path: '/tmp/cfshots/sub.png', fullPage: true });
  await h.page.click('#tab-diagnostics');
  await reply('diagnostics', diag);
  await h.page.waitForTimeout(800);
  await h.page.screenshot({ path: '/tmp/cfshots/diag.png', fullPage: true });
  console.log('errors', h.errors);
  await server.close();
};
void main();
