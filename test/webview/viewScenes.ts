/**
 * Every view filled with real example data, as a user sees it after the first run: the view's
 * bundle opened in headless Chromium, the host played by running the real worker jobs on the
 * bundled logs. Each scene lists the states worth looking at (e.g. each tab of the Cascade
 * Frontier); `show` brings one on screen. Used by the layout test (narrow and wide editors).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_ARCHETYPES } from '../../src/engines/clusters/exampleArchetypes';
import {
  cascadeLogInfo,
  type CascadeFrontierProtocol,
  type CascadeSelection,
} from '../../src/protocol/cascadeFrontier';
import type { GenerateParams } from '../../src/protocol/datasetGenerator';
import type { GuaranteeSelection } from '../../src/protocol/riskGuarantee';
import type { HitlSelection } from '../../src/protocol/humanInTheLoop';
import { cascadeDiagnostics, subCascades, tuneCascade } from '../../src/worker/jobs/cascadeJobs';
import { econData } from '../../src/worker/jobs/econData';
import { econMap } from '../../src/worker/jobs/econMap';
import { generateDatasets } from '../../src/worker/jobs/generateDatasets';
import { humanInTheLoop } from '../../src/worker/jobs/humanInTheLoop';
import { interCascadeRun } from '../../src/worker/jobs/interCascadeRun';
import { riskGuarantee } from '../../src/worker/jobs/riskGuarantee';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { arithmeticQueries, arithmeticReply, arithmeticRunForm } from '../helpers/arithmeticModels';
import { startMockChatServer } from '../helpers/mockChatServer';
import { realLog } from '../helpers/paths';
import type { ViewHarness, WebviewTestServer } from './harness';
import { answerSelectionRequest, jobCtx, waitForPosted } from './viewFixture';

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
/** The summary of the MMLU log, computed once for the scenes that start from it. */
let mmluSummary: ReturnType<typeof summarizeLog> | undefined;
const summarizeMmlu = (): ReturnType<typeof summarizeLog> => (mmluSummary ??= summarizeLog({ file: MMLU }, jobCtx));
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

/** The Cascade Runner's finished run: a real run of the worker job against a local mock endpoint. */
async function cascadeRun(): Promise<{ summary: unknown; points: unknown; trace: unknown }> {
  const dir = mkdtempSync(join(tmpdir(), 'layout-runner-'));
  const mock = await startMockChatServer((req) => arithmeticReply(req, (q) => q.startsWith('What is 16 plus')));
  try {
    const queriesFile = join(dir, 'q.jsonl');
    writeFileSync(queriesFile, arithmeticQueries(24));
    return await interCascadeRun(
      {
        form: arithmeticRunForm(queriesFile),
        endpoint: mock.url,
        apiKey: null,
        timeoutS: 10,
        prices: { small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } },
      },
      { ...jobCtx, update: () => undefined },
    );
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const VIEW_SCENES: ViewScene[] = [
  {
    view: 'modelOverview',
    async open(server) {
      const summary = await summarizeMmlu();
      const h = await server.open('modelOverview', { initialState: { file: MMLU } });
      await waitForPosted(h, (m) => m.type === 'ready');
      await h.send({ type: 'notification', name: 'summary', payload: { summary } });
      await h.page.waitForSelector('[data-table="models"] tbody tr');
      return h;
    },
    states: nothingMore,
  },
  {
    view: 'cascadeFrontier',
    async open(server) {
      const info = cascadeLogInfo(await summarizeMmlu());
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
  {
    view: 'humanInTheLoop',
    async open(server) {
      const h = await server.open('humanInTheLoop', { initialState: { file: MMLU } });
      await answerSelectionRequest<HitlSelection | null, unknown>(h, 'analyse', humanInTheLoop, MMLU);
      await h.page.waitForSelector('[data-table="hitl-summary"] tbody tr');
      return h;
    },
    states: nothingMore,
  },
  {
    view: 'riskGuarantee',
    async open(server) {
      const h = await server.open('riskGuarantee', { initialState: { file: MMLU } });
      await answerSelectionRequest<GuaranteeSelection | null, unknown>(h, 'compute', riskGuarantee, MMLU);
      await h.page.waitForSelector('[data-table] tbody tr');
      return h;
    },
    states: nothingMore,
  },
  {
    view: 'datasetGenerator',
    async open(server) {
      const h = await server.open('datasetGenerator', {
        initialState: { archetype: EXAMPLE_ARCHETYPES[0].archetype, seed: 1 },
      });
      const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'generate');
      const r = await generateDatasets(req.params as GenerateParams, jobCtx);
      await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: r.preview } });
      await h.page.waitForFunction(() => /overlaps/.test(document.querySelector('p.headline')?.textContent ?? ''));
      return h;
    },
    states: nothingMore,
  },
  {
    view: 'cascadeRunner',
    async open(server) {
      const run = await cascadeRun();
      const h = await server.open('cascadeRunner', { initialState: { queriesFile: '/work/queries/arithmetic.jsonl' } });
      await waitForPosted(h, (m) => m.type === 'ready');
      await h.send({
        type: 'notification',
        name: 'endpoint',
        payload: {
          endpoint: 'http://127.0.0.1:5000/v1',
          hasApiKey: false,
          timeoutSeconds: 30,
          defaultModel: 'gpt-4o-mini',
        },
      });
      await h.send({ type: 'notification', name: 'run', payload: { phase: 'done', ...run } });
      await h.page.waitForSelector('[data-table="cascade-trace"] tbody tr');
      return h;
    },
    states: nothingMore,
  },
];
