/**
 * The views the end-to-end suite does not screenshot, filled with real example data as a user sees
 * them after the first run: the view's bundle opened in headless Chromium, the host played by
 * running the real worker jobs on the bundled logs. Each scene lists the states worth looking at
 * (e.g. each tab of the Cascade Frontier); `show` brings one on screen. Used by the layout test
 * (narrow and wide editors); the other views' layout is checked by the end-to-end suite (see there).
 */
import {
  cascadeLogInfo,
  type CascadeFrontierProtocol,
  type CascadeSelection,
} from '../../src/protocol/cascadeFrontier';
import { cascadeDiagnostics, subCascades, tuneCascade } from '../../src/worker/jobs/cascadeJobs';
import { econData } from '../../src/worker/jobs/econData';
import { econMap } from '../../src/worker/jobs/econMap';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { realLog } from '../helpers/paths';
import type { ViewHarness, WebviewTestServer } from './harness';
import { jobCtx, waitForPosted } from './viewFixture';

/** One state of a view to look at, and how to bring it on screen (after `open`). */
export interface SceneState {
  name: string;
  show(h: ViewHarness): Promise<void>;
}

export interface ViewScene {
  view: string;
  /** Opens the view and feeds it its data; resolves once the first state is rendered. */
  open(server: WebviewTestServer): Promise<ViewHarness>;
  states: SceneState[];
}

const MMLU = realLog('mmlu-llama');
const nothingMore = [{ name: 'results', show: async (): Promise<void> => undefined }];

type CascadeRequests = CascadeFrontierProtocol['requests'];
/** Plays the Cascade Frontier's host for the next `method` request posted at index >= `after`. */
async function answerCascade(h: ViewHarness, method: keyof CascadeRequests & string, after: number): Promise<void> {
  const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === method, after, 600);
  const s = (req.params as { selection: CascadeSelection }).selection;
  const common = {
    file: MMLU,
    trainSplit: s.trainSplit,
    testSplit: s.testSplit,
    lowSample: s.lowSample ?? undefined,
    seed: s.seed,
  };
  const result =
    method === 'tune'
      ? await tuneCascade({ ...common, cascade: s.cascade, methods: s.methods, intervalReplicates: 200 }, jobCtx)
      : method === 'subCascades'
        ? await subCascades({ ...common, models: s.cascade, methods: s.methods }, jobCtx)
        : await cascadeDiagnostics({ ...common, models: s.cascade, bootstrapTests: 20 }, jobCtx);
  await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result } });
}
const cascadeDone = (h: ViewHarness): Promise<unknown> =>
  h.page.waitForFunction(() => document.getElementById('status')?.getAttribute('data-state') === 'done', null, {
    timeout: 60_000,
  });
/** Opens a Cascade Frontier tab and answers the request it makes for the last run. */
const cascadeTab =
  (tab: 'subcascades' | 'diagnostics', method: 'subCascades' | 'diagnostics') =>
  async (h: ViewHarness): Promise<void> => {
    const after = (await h.posted()).length;
    await h.page.click(`#tab-${tab}`);
    await answerCascade(h, method, after);
    await cascadeDone(h);
  };

export const VIEW_SCENES: ViewScene[] = [
  {
    view: 'cascadeFrontier',
    async open(server) {
      const info = cascadeLogInfo(await summarizeLog({ file: MMLU }, jobCtx));
      const h = await server.open('cascadeFrontier', { initialState: { file: MMLU } });
      await waitForPosted(h, (m) => m.type === 'ready');
      await h.send({ type: 'notification', name: 'log', payload: { info } });
      await h.page.waitForSelector('#models li');
      for (const m of ['llama3.2-3b', 'llama3.1-70b'])
        await h.page.click(`[data-model="${m}"] [data-control="checkbox"]`);
      const after = (await h.posted()).length;
      await h.page.click('#run');
      await answerCascade(h, 'tune', after);
      await cascadeDone(h);
      return h;
    },
    states: [
      { name: 'frontier tab', show: async () => undefined },
      { name: 'sub-cascades tab', show: cascadeTab('subcascades', 'subCascades') },
      { name: 'diagnostics tab', show: cascadeTab('diagnostics', 'diagnostics') },
    ],
  },
  {
    view: 'economicEvaluation',
    async open(server) {
      const data = await econData({ file: MMLU, abstention: true, routers: true }, jobCtx);
      const h = await server.open('economicEvaluation', { initialState: { file: MMLU } });
      await waitForPosted(h, (m) => m.type === 'ready');
      await h.send({ type: 'notification', name: 'data', payload: data });
      await h.page.waitForSelector('[data-recommended] strong');
      return h;
    },
    states: nothingMore,
  },
  {
    view: 'optimalModelMap',
    async open(server) {
      const map = await econMap({ file: MMLU, set: 'all' }, jobCtx);
      const kinds = { models: true, cascades: true, abstention: false, routers: false };
      const h = await server.open('optimalModelMap', {
        initialState: { file: MMLU, priceAbstain: 0, kinds, overhead: { cost: 0, latency: 0 } },
      });
      const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'compute');
      await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: map } });
      await h.page.waitForSelector('[data-table="map-shares"] tbody tr');
      return h;
    },
    states: nothingMore,
  },
];
