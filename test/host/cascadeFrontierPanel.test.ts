/** The Cascade Frontier panel against a fake `vscode`: log info on ready, job parameters, Cancel, bad selections. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter, FakeWebviewPanel, Uri, useFakeVscode } from './fakes/fakeVscode';
import { CANCELLED_MESSAGE, type CascadeSelection } from '../../src/protocol/cascadeFrontier';
import type { LogSummary } from '../../src/protocol/logSummary';

const vs = useFakeVscode();
// The fake covers the panel layer; this panel also reads settings and the log's workspace folder.
Object.assign(vs.workspace, {
  getConfiguration: () => ({ get: <T>(_k: string, d: T) => d }),
  getWorkspaceFolder: () => undefined,
});
/* eslint-disable @typescript-eslint/no-require-imports */
const { CascadeFrontierPanel, cascadeFrontierView } =
  require('../../src/host/panels/cascadeFrontierPanel') as typeof import('../../src/host/panels/cascadeFrontierPanel');
/* eslint-enable @typescript-eslint/no-require-imports */
type HostServices = import('../../src/host/hostServices').HostServices;

const model = (name: string, cost: number | null) => ({ model: name, accuracy: 0.5, mean_cost_usd: cost, n: 10 });
const summary = {
  file: '/logs/a.jsonl',
  splits: [
    { split: '', models: [model('big', 0.01), model('nocost', null), model('small', 0.001)] },
    { split: 'train', models: [] },
    { split: 'test', models: [] },
  ],
  skippedCount: 1,
  warningCount: 0,
  fatal: null,
  missingFields: [],
} as unknown as LogSummary;

interface Call {
  job: string;
  params: Record<string, unknown>;
  token: { isCancellationRequested: boolean; onCancellationRequested(l: () => void): { dispose(): void } };
  settle(v: unknown): void;
  fail(e: Error): void;
}
function setup(context: object = { subscriptions: [] }, file = '/logs/a.jsonl') {
  const calls: Call[] = [];
  const changed = new EventEmitter<string | undefined>();
  const services = {
    context,
    extensionUri: Uri.file('/ext'),
    problems: { log: () => undefined, show: () => undefined, error: () => undefined },
    logs: { summary: async () => summary, onDidChange: changed.event },
    engine: {
      run: (job: string, params: Record<string, unknown>, opts: { token: Call['token'] }) =>
        new Promise((resolve, reject) => {
          const call: Call = { job, params, token: opts.token, settle: resolve, fail: reject };
          opts.token.onCancellationRequested(() =>
            reject(Object.assign(new Error('Cancelled'), { name: 'AbortError' })),
          );
          calls.push(call);
        }),
    },
  } as unknown as HostServices;
  const panel = new FakeWebviewPanel('costRiskLab.cascadeFrontier', 'Cascade Frontier');
  const p = new CascadeFrontierPanel(panel as never, services, { file });
  return { panel, p, calls, changed, services };
}
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));
const sel: CascadeSelection = {
  cascade: ['small', 'big'],
  methods: ['rt', 'grid'],
  trainSplit: 'train',
  testSplit: 'test',
  lowSample: 30,
  seed: 7,
};

test('on ready: the models cheapest first (unknown cost last) and the splits', async () => {
  const { panel } = setup();
  panel.fromWebview({ type: 'ready' });
  await tick();
  const log = panel.posted.find((m) => (m as { name?: string }).name === 'log') as {
    payload: { info: { models: { model: string }[]; splits: string[]; skippedCount: number } };
  };
  assert.deepEqual(
    log.payload.info.models.map((m) => m.model),
    ['small', 'big', 'nocost'],
  );
  assert.deepEqual(log.payload.info.splits, ['train', 'test']);
  assert.equal(log.payload.info.skippedCount, 1);
});

test('tune, subCascades and diagnostics run their worker jobs with the selection; results come back', async () => {
  const { panel, calls } = setup();
  panel.fromWebview({ type: 'ready' });
  panel.fromWebview({ type: 'request', requestId: 1, method: 'tune', params: { selection: sel } });
  panel.fromWebview({ type: 'request', requestId: 2, method: 'subCascades', params: { selection: sel } });
  panel.fromWebview({ type: 'request', requestId: 3, method: 'diagnostics', params: { selection: sel } });
  await tick();
  assert.deepEqual(
    calls.map((c) => c.job),
    ['tuneCascade', 'subCascades', 'cascadeDiagnostics'],
  );
  const common = {
    file: '/logs/a.jsonl',
    priceDatabase: true,
    keepEpochs: false,
    trainFraction: 0.5,
    splitSeed: 1,
    trainSplit: 'train',
    testSplit: 'test',
    lowSample: 30,
    seed: 7,
  };
  const { prices, priceFile, correctThreshold, ...rest } = calls[0].params;
  assert.deepEqual(rest, { ...common, cascade: ['small', 'big'], methods: ['rt', 'grid'], intervalReplicates: 2000 });
  assert.deepEqual(
    [prices, priceFile, correctThreshold],
    [{}, null, 0.5],
    'the price and correctness settings (defaults here) go with every job',
  );
  assert.deepEqual(calls[1].params.models, ['small', 'big']);
  assert.equal(calls[2].params.methods, undefined, 'diagnostics take no methods');
  calls[0].settle({ cascade: ['small', 'big'] });
  assert.deepEqual(await panel.replyTo(1), { ok: true, result: { cascade: ['small', 'big'] } });
});

test('Cancel stops every run of the panel, and the reply says so plainly; closing the panel cancels too', async () => {
  const { panel, p, calls } = setup();
  panel.fromWebview({ type: 'ready' });
  panel.fromWebview({ type: 'request', requestId: 1, method: 'tune', params: { selection: sel } });
  await tick();
  panel.fromWebview({ type: 'request', requestId: 2, method: 'cancel', params: {} });
  assert.deepEqual(await panel.replyTo(1), { ok: false, error: CANCELLED_MESSAGE });
  assert.deepEqual(await panel.replyTo(2), { ok: true, result: null });
  panel.fromWebview({ type: 'request', requestId: 3, method: 'diagnostics', params: { selection: sel } });
  await tick();
  p.dispose();
  assert.equal(calls[1].token.isCancellationRequested, true, 'closing the view cancels its work');
});

test('a malformed or unrunnable selection is refused with a message, without starting a job', async () => {
  const { panel, calls } = setup();
  panel.fromWebview({ type: 'ready' });
  panel.fromWebview({
    type: 'request',
    requestId: 1,
    method: 'tune',
    params: { selection: { ...sel, cascade: ['small'] } },
  });
  panel.fromWebview({
    type: 'request',
    requestId: 2,
    method: 'tune',
    params: { selection: { ...sel, methods: ['magic'] } },
  });
  panel.fromWebview({
    type: 'request',
    requestId: 3,
    method: 'tune',
    params: { selection: { ...sel, testSplit: 'train' } },
  });
  assert.deepEqual(await panel.replyTo(1), { ok: false, error: 'Choose at least two models for a cascade.' });
  assert.deepEqual(await panel.replyTo(2), {
    ok: false,
    error: 'invalid request "tune": params.selection.methods[0]: expected one of "rt", "grid", "bo", got "magic"',
  });
  assert.deepEqual(await panel.replyTo(3), {
    ok: false,
    error: 'The training and test splits are both "train": choose different splits.',
  });
  assert.equal(calls.length, 0);
});

test('a change of the log on disk tells the webview its results are stale', async () => {
  const { panel, changed } = setup();
  panel.fromWebview({ type: 'ready' });
  changed.fire('/logs/other.jsonl');
  changed.fire('/logs/a.jsonl');
  await tick();
  assert.equal(panel.posted.filter((m) => (m as { name?: string }).name === 'logChanged').length, 1);
});

/** The host state a panel's HTML hands its webview (`<body data-initial-state>`). */
function initialState(panel: FakeWebviewPanel): unknown {
  const m = /data-initial-state="([^"]*)"/.exec(panel.webview.html);
  assert.ok(m, 'the page carries an initial state');
  return JSON.parse(
    m[1]
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

test('a panel opened again on a log gets its last finished run (kept in the workspace state); a failed run is not kept', async () => {
  const kept = new Map<string, unknown>();
  const context = {
    subscriptions: [],
    workspaceState: {
      get: (k: string) => kept.get(k),
      update: async (k: string, v: unknown) => void kept.set(k, v),
      keys: () => [...kept.keys()],
    },
  };
  const first = setup(context);
  first.panel.fromWebview({ type: 'ready' });
  first.panel.fromWebview({ type: 'request', requestId: 1, method: 'diagnostics', params: { selection: sel } });
  await tick();
  first.calls[0].settle({ flags: [], problems: [] });
  assert.equal(((await first.panel.replyTo(1)) as { ok: boolean }).ok, true);
  first.p.dispose();
  const reopened = new FakeWebviewPanel('costRiskLab.cascadeFrontier', 'Cascade Frontier');
  cascadeFrontierView.create(reopened as never, { file: '/logs/a.jsonl' }, first.services).dispose();
  assert.deepEqual(initialState(reopened), { file: '/logs/a.jsonl', reopen: { lastRun: sel, tab: 'diagnostics' } });

  const other = setup(context, '/logs/b.jsonl');
  other.panel.fromWebview({ type: 'ready' });
  other.panel.fromWebview({ type: 'request', requestId: 1, method: 'tune', params: { selection: sel } });
  await tick();
  other.calls[0].fail(new Error('the log has no test split'));
  assert.equal(((await other.panel.replyTo(1)) as { ok: boolean }).ok, false);
  const fresh = new FakeWebviewPanel('costRiskLab.cascadeFrontier', 'Cascade Frontier');
  cascadeFrontierView.create(fresh as never, { file: '/logs/b.jsonl' }, other.services).dispose();
  assert.deepEqual(initialState(fresh), { file: '/logs/b.jsonl' });
  // A garbled stored value is no crash: the webview checks what it gets (parseSelection).
  kept.set('cascadeFrontier.lastRuns', 'garbage');
  const garbled = new FakeWebviewPanel('costRiskLab.cascadeFrontier', 'Cascade Frontier');
  cascadeFrontierView.create(garbled as never, { file: '/logs/a.jsonl' }, other.services).dispose();
  assert.deepEqual(initialState(garbled), { file: '/logs/a.jsonl' });
});

test('queryTable runs the worker job for the chosen point; openSource opens this log at the line, and only a line-per-record log', async () => {
  const { panel, calls } = setup();
  const opened: unknown[][] = [];
  Object.assign(vs.commands, { executeCommand: async (...args: unknown[]) => void opened.push(args) });
  panel.fromWebview({ type: 'ready' });
  panel.fromWebview({
    type: 'request',
    requestId: 1,
    method: 'queryTable',
    params: { selection: sel, thresholds: [0.25] },
  });
  panel.fromWebview({
    type: 'request',
    requestId: 2,
    method: 'queryTable',
    params: { selection: sel, thresholds: [0.25, 0.5] },
  });
  panel.fromWebview({
    type: 'request',
    requestId: 3,
    method: 'queryTable',
    params: { selection: sel, thresholds: ['x'] },
  });
  panel.fromWebview({ type: 'request', requestId: 4, method: 'openSource', params: { line: 42 } });
  panel.fromWebview({ type: 'request', requestId: 5, method: 'openSource', params: { line: 0 } });
  await tick();
  assert.deepEqual(
    calls.map((c) => c.job),
    ['queryTable'],
  );
  assert.deepEqual(calls[0].params.system, {
    kind: 'cascade',
    cascade: ['small', 'big'],
    thresholds: [0.25],
    trainSplit: 'train',
    testSplit: 'test',
    lowSample: 30,
    seed: 7,
  });
  assert.equal(calls[0].params.file, '/logs/a.jsonl');
  assert.deepEqual(await panel.replyTo(2), { ok: false, error: 'A cascade of 2 models has 1 threshold(s); got 2.' });
  assert.match(
    ((await panel.replyTo(3)) as { error: string }).error,
    /params\.thresholds\[0\]: expected a finite number/,
  );
  assert.deepEqual(await panel.replyTo(4), { ok: true, result: null });
  const [command, uri, options] = opened[0] as [string, { fsPath: string }, { selection: { startLine: number } }];
  assert.deepEqual(
    [command, uri.fsPath, options.selection.startLine],
    ['vscode.open', '/logs/a.jsonl', 41],
    'line 42 is the 0-based line 41',
  );
  assert.match(((await panel.replyTo(5)) as { error: string }).error, /params\.line: expected an integer >= 1/);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { openLogLine } =
    require('../../src/host/panels/openLogLine') as typeof import('../../src/host/panels/openLogLine');
  /* eslint-enable @typescript-eslint/no-require-imports */
  await assert.rejects(
    openLogLine('/logs/run.eval', 3),
    /run\.eval holds samples, not one record per line: there is no line to open\./,
  );
  assert.equal(opened.length, 1);
  Object.assign(vs.commands, { executeCommand: async () => undefined });
});
