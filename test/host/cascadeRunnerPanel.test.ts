/** The Cascade Runner panel against a fake `vscode`: endpoint info, job parameters, live status, save, cancel, refusals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter, fake, FakeChatModel, FakeWebviewPanel, Uri, useFakeVscode } from './fakes/fakeVscode';
import {
  DEFAULT_FORM,
  type CascadeFormValues,
  type CascadeRunStatus,
  type EndpointInfo,
} from '../../src/protocol/cascadeRunner';
import { FileAccess } from '../../src/host/fs/fileAccess';
import { API_KEY_SECRET, formatStoredKey } from '../../src/host/llm/endpointKey';

/** A real workspace folder holding the queries file (paths are checked against it, symlinks followed). */
const WS = realpathSync(mkdtempSync(join(tmpdir(), 'runner-ws-')));
writeFileSync(join(WS, 'q.jsonl'), '{"query_id":"a","question":"Q","answer":"1"}\n');

const vs = useFakeVscode();
const settings = new Map<string, unknown>();
const configChanged = new EventEmitter<{ affectsConfiguration(s: string): boolean }>();
const executed: unknown[][] = [];
Object.assign(vs.workspace, {
  getConfiguration: () => ({ get: <T>(k: string, d: T) => (settings.has(k) ? settings.get(k) : d) }),
  onDidChangeConfiguration: configChanged.event,
  workspaceFolders: [{ uri: Uri.file(WS) }],
});
Object.assign(vs.commands, { executeCommand: async (...args: unknown[]) => void executed.push(args) });
/* eslint-disable @typescript-eslint/no-require-imports */
const { CascadeRunnerPanel } =
  require('../../src/host/panels/cascadeRunnerPanel') as typeof import('../../src/host/panels/cascadeRunnerPanel');
/* eslint-enable @typescript-eslint/no-require-imports */
type HostServices = import('../../src/host/hostServices').HostServices;

interface Call {
  job: string;
  params: Record<string, unknown>;
  opts: {
    token: { isCancellationRequested: boolean; onCancellationRequested(l: () => void): void };
    onUpdate(u: unknown): void;
    onHostCall?: (method: string, params: unknown, signal: AbortSignal) => Promise<unknown>;
  };
  settle(v: unknown): void;
}
/** The panel on fake services; the key, when given, is stored bound to the endpoint the tests use. */
function setup(apiKey: string | null = 'sk-1') {
  const calls: Call[] = [];
  const secrets = new Map<string, string>(
    apiKey ? [[API_KEY_SECRET, formatStoredKey({ key: apiKey, origin: 'http://127.0.0.1:1234' })]] : [],
  );
  const services = {
    files: new FileAccess({ folders: () => [WS] }),
    context: {
      subscriptions: [],
      storageUri: Uri.file('/storage/ws'),
      secrets: {
        get: async (k: string) => secrets.get(k),
        store: async (k: string, v: string) => void secrets.set(k, v),
        onDidChange: new EventEmitter<{ key: string }>().event,
      },
    },
    extensionUri: Uri.file('/ext'),
    problems: { log: () => undefined, show: () => undefined, error: () => undefined },
    engine: {
      run: (job: string, params: Record<string, unknown>, opts: Call['opts']) =>
        new Promise((resolve, reject) => {
          opts.token.onCancellationRequested(() =>
            reject(Object.assign(new Error('Cancelled'), { name: 'AbortError' })),
          );
          calls.push({ job, params, opts, settle: resolve });
        }),
    },
  } as unknown as HostServices;
  const panel = new FakeWebviewPanel('costRiskLab.cascadeRunner', 'Cascade Runner');
  const p = new CascadeRunnerPanel(panel as never, services, { queriesFile: null });
  return { panel, p, calls };
}
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));
/** Waits (up to 2 s) until `ok()` holds: the host's file checks take their time on a busy machine. */
const until = async (ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !ok(); i++) await tick();
};
const notes = <T>(panel: FakeWebviewPanel, name: string): T[] =>
  panel.posted.filter((m) => (m as { name?: string }).name === name).map((m) => (m as { payload: T }).payload);
const form: CascadeFormValues = {
  ...DEFAULT_FORM,
  queriesFile: 'q.jsonl',
  weakModel: 'small',
  strongModel: 'big',
  repositoryFile: join(WS, 'repo.jsonl'),
};

test('without an endpoint: the view is told so, and a run is refused with the setting to fix', async () => {
  settings.clear();
  const { panel, calls } = setup();
  panel.fromWebview({ type: 'ready' });
  await tick();
  assert.deepEqual(notes<EndpointInfo>(panel, 'endpoint')[0], {
    endpoint: null,
    hasApiKey: true,
    timeoutSeconds: 30,
    defaultModel: 'gpt-4o-mini',
  });
  assert.deepEqual(notes<CascadeRunStatus>(panel, 'run'), [{ phase: 'idle' }]);
  panel.fromWebview({ type: 'request', requestId: 1, method: 'start', params: form });
  assert.deepEqual(await panel.replyTo(1), {
    ok: false,
    error:
      "No language-model endpoint is set: set costRiskLab.llm.endpoint (Open Settings), or use VS Code's language models",
  });
  assert.equal(calls.length, 0);
  settings.set('llm.endpoint', 'http://127.0.0.1:1234/v1');
  configChanged.fire({ affectsConfiguration: (s) => s === 'costRiskLab' });
  await tick();
  assert.equal(
    notes<EndpointInfo>(panel, 'endpoint').at(-1)?.endpoint,
    'http://127.0.0.1:1234/v1',
    'a settings change is posted at once',
  );
});

test('a run: worker parameters, live status from the job, the result kept for Save Eval Log and Open in Model Overview', async () => {
  settings.clear();
  settings.set('llm.endpoint', 'http://127.0.0.1:1234/v1');
  settings.set('llm.timeoutSeconds', 12);
  const { panel, calls } = setup();
  panel.fromWebview({ type: 'ready' });
  panel.fromWebview({ type: 'request', requestId: 1, method: 'start', params: form });
  assert.deepEqual(
    await panel.replyTo(1),
    { ok: true, result: null },
    'start answers at once; the run reports through `run`',
  );
  assert.equal(calls[0].job, 'interCascadeRun');
  const {
    form: sent,
    endpoint,
    apiKey,
    timeoutS,
  } = calls[0].params as {
    form: { queriesFile: string; repositoryFile: string; k: number; thresholds: unknown };
  } & Record<string, unknown>;
  assert.deepEqual(
    [sent.queriesFile, sent.repositoryFile, sent.k, sent.thresholds],
    [join(WS, 'q.jsonl'), join(WS, 'repo.jsonl'), 2, { mode: 'manual', weak: 0.7, strong: 0 }],
    'a relative path starts at the workspace folder',
  );
  assert.deepEqual([endpoint, apiKey, timeoutS], ['http://127.0.0.1:1234/v1', 'sk-1', 12]);
  panel.fromWebview({ type: 'request', requestId: 2, method: 'start', params: form });
  assert.deepEqual(await panel.replyTo(2), { ok: false, error: 'A run is already in progress: cancel it first' });

  const point = {
    queries: 5,
    strongCallRate: 0.2,
    weakKeptAccuracy: 0.8,
    overallAccuracy: 1,
    repositorySize: 1,
    costUsd: 0.01,
  };
  calls[0].opts.onUpdate({
    stage: 'online',
    done: 5,
    total: 10,
    onlineTotal: 10,
    points: [point],
    failed: { malformed: 0, transport: 0, examples: [] },
  });
  assert.deepEqual(notes<CascadeRunStatus>(panel, 'run').at(-1), {
    phase: 'running',
    stage: 'online',
    done: 5,
    total: 10,
    onlineTotal: 10,
    points: [point],
    failed: { malformed: 0, transport: 0, examples: [] },
  });
  const summary = { queriesFile: join(WS, 'q.jsonl'), n: 10 };
  calls[0].settle({
    summary,
    points: [point],
    trace: [],
    log: { text: '{"query_id":"a"}\n', records: 1 },
    repository: [{ queryId: 'a', query: 'Q', answer: '1', strategy: 'S', confidence: 0.9 }],
  });
  await tick();
  assert.deepEqual(notes<CascadeRunStatus>(panel, 'run').at(-1), {
    phase: 'done',
    summary,
    points: [point],
    trace: [],
  });

  // a reload of the webview gets the finished run again
  const before = panel.posted.length;
  panel.fromWebview({ type: 'ready' });
  await tick();
  assert.equal(
    (panel.posted.slice(before).find((m) => (m as { name?: string }).name === 'run') as { payload: CascadeRunStatus })
      .payload.phase,
    'done',
  );

  const dir = mkdtempSync(join(tmpdir(), 'runner-panel-'));
  fake.saveDialogAnswer = Uri.file(join(dir, 'run.jsonl'));
  panel.fromWebview({ type: 'request', requestId: 3, method: 'saveLog', params: {} });
  assert.deepEqual(await panel.replyTo(3), { ok: true, result: { file: join(dir, 'run.jsonl'), records: 1 } });
  assert.equal(readFileSync(join(dir, 'run.jsonl'), 'utf8'), '{"query_id":"a"}\n');
  fake.saveDialogAnswer = Uri.file(join(dir, 'strategies.jsonl'));
  panel.fromWebview({ type: 'request', requestId: 4, method: 'saveRepository', params: {} });
  assert.deepEqual(await panel.replyTo(4), { ok: true, result: { file: join(dir, 'strategies.jsonl'), entries: 1 } });
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'strategies.jsonl'), 'utf8')), {
    query_id: 'a',
    query: 'Q',
    answer: '1',
    strategy: 'S',
    confidence: 0.9,
  });
  panel.fromWebview({ type: 'request', requestId: 5, method: 'openLog', params: { file: join(dir, 'run.jsonl') } });
  await panel.replyTo(5);
  assert.deepEqual(executed.at(-1), ['costRiskLab.analyzeEvalLog', Uri.file(join(dir, 'run.jsonl'))]);
  fake.saveDialogAnswer = undefined;
});

test('Cancel ends the run as cancelled with the points so far; a bad form is refused without a job', async () => {
  settings.clear();
  settings.set('llm.endpoint', 'http://127.0.0.1:1234/v1');
  const { panel, calls } = setup(null);
  panel.fromWebview({ type: 'ready' });
  panel.fromWebview({
    type: 'request',
    requestId: 1,
    method: 'start',
    params: { ...form, mode: 'guarantee', alpha: '0' },
  });
  assert.deepEqual(await panel.replyTo(1), {
    ok: false,
    error: 'α must be a number between 0 and 1 (exclusive), got "0"',
  });
  panel.fromWebview({ type: 'request', requestId: 2, method: 'saveLog', params: {} });
  assert.deepEqual(await panel.replyTo(2), {
    ok: false,
    error: 'No finished run in this session: run the cascade first',
  });
  panel.fromWebview({ type: 'request', requestId: 3, method: 'start', params: form });
  await panel.replyTo(3);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].params.apiKey, null, 'no key stored: none sent');
  panel.fromWebview({ type: 'request', requestId: 4, method: 'cancel', params: {} });
  await panel.replyTo(4);
  await tick();
  assert.deepEqual(notes<CascadeRunStatus>(panel, 'run').at(-1), { phase: 'cancelled', points: [] });
});

test('Estimate Cost runs the estimate job with the run\'s parameters; a run stopped by the budget ends as "stopped"; the journal lives in the workspace storage', async () => {
  settings.clear();
  settings.set('llm.endpoint', 'http://127.0.0.1:1234/v1');
  const { panel, calls } = setup();
  panel.fromWebview({ type: 'ready' });
  panel.fromWebview({ type: 'request', requestId: 1, method: 'estimate', params: { ...form, budgetUsd: '0.5' } });
  await until(() => calls.length > 0);
  assert.equal(calls[0]?.job, 'interCascadeEstimate', JSON.stringify(panel.posted.at(-1)));
  assert.equal((calls[0].params.form as { budgetUsd: number }).budgetUsd, 0.5);
  const estimate = {
    calls: { low: 10, high: 20 },
    tokens: { low: 1, high: 2 },
    usd: null,
    unpriced: ['small'],
    method: 'm',
  };
  calls[0].settle(estimate);
  assert.deepEqual(await panel.replyTo(1), { ok: true, result: estimate });
  panel.fromWebview({ type: 'request', requestId: 2, method: 'estimate', params: { ...form, budgetUsd: 'lots' } });
  assert.deepEqual(await panel.replyTo(2), {
    ok: false,
    error: 'Budget must be a positive number of dollars (or empty: no budget), got "lots"',
  });

  panel.fromWebview({ type: 'request', requestId: 3, method: 'start', params: form });
  assert.deepEqual(await panel.replyTo(3), { ok: true, result: null });
  assert.equal(calls[1].params.journalDir, join('/storage/ws', 'cascade-journals'));
  const summary = {
    queriesFile: '/ws/q.jsonl',
    n: 4,
    stopped: { reason: 'budget', message: 'the budget of $0.50 would be passed' },
  };
  calls[1].settle({ summary, points: [], trace: [], log: { text: '', records: 0 }, repository: [] });
  await tick();
  assert.deepEqual(notes<CascadeRunStatus>(panel, 'run').at(-1), { phase: 'stopped', summary, points: [], trace: [] });
});

test("VS Code's language models: no endpoint or key needed; the view lists the chat models; the job gets the host's lm.chat; token confidence refused", async () => {
  settings.clear();
  const mini = new FakeChatModel('copilot-mini', () => '{"answer": "1", "confidence": 0.5}');
  fake.chatModels = [mini, new FakeChatModel('copilot-big', () => '')];
  const { panel, calls } = setup(null);
  panel.fromWebview({ type: 'ready' });
  panel.fromWebview({ type: 'request', requestId: 1, method: 'chatModels', params: {} });
  assert.deepEqual(await panel.replyTo(1), {
    ok: true,
    result: [
      { id: 'copilot-mini', name: 'Fake copilot-mini', vendor: 'fake', family: 'copilot-mini', maxInputTokens: 128000 },
      { id: 'copilot-big', name: 'Fake copilot-big', vendor: 'fake', family: 'copilot-big', maxInputTokens: 128000 },
    ],
  });
  const lmForm: CascadeFormValues = {
    ...form,
    provider: 'vscode',
    weakModel: 'copilot-mini',
    strongModel: 'copilot-big',
  };
  panel.fromWebview({
    type: 'request',
    requestId: 2,
    method: 'start',
    params: { ...lmForm, confidence: 'tokens', embeddingModel: 'emb' },
  });
  assert.deepEqual(await panel.replyTo(2), {
    ok: false,
    error:
      "VS Code's language models give no token log-probabilities: use the confidence the model states; VS Code's language models offer no embeddings: leave the embedding model empty (queries are matched by words)",
  });
  panel.fromWebview({
    type: 'request',
    requestId: 3,
    method: 'start',
    params: { ...lmForm, compare: 'plain,random', match: 'numeric', tolerance: '0.01' },
  });
  assert.deepEqual(await panel.replyTo(3), { ok: true, result: null }, 'no endpoint setting needed');
  const {
    form: sent,
    endpoint,
    apiKey,
  } = calls[0].params as { form: { provider: string; compare: string[]; match: unknown } } & Record<string, unknown>;
  assert.deepEqual(
    [sent.provider, sent.compare, sent.match, endpoint, apiKey],
    ['vscode', ['plain', 'random'], { mode: 'numeric', relTol: 0.01 }, 'vscode.lm', null],
  );
  const relay = calls[0].opts.onHostCall;
  assert.equal(typeof relay, 'function', "the job gets the host's methods");
  const reply = await relay?.(
    'lm.chat',
    {
      model: 'copilot-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Question: 1?' },
      ],
    },
    new AbortController().signal,
  );
  assert.deepEqual(reply, { content: '{"answer": "1", "confidence": 0.5}', inputTokens: 3 + 3, outputTokens: 9 });
  assert.deepEqual(mini.requests.at(-1)?.messages, [
    { role: 'user', content: 'Be brief.' },
    { role: 'user', content: 'Question: 1?' },
  ]);
  await assert.rejects(
    relay?.('lm.chat', { model: 'copilot-mini', messages: 'hi' }, new AbortController().signal) ?? Promise.resolve(),
    /lm\.chat: malformed request/,
  );
  await assert.rejects(
    relay?.('fs.read', {}, new AbortController().signal) ?? Promise.resolve(),
    /the host offers no method "fs\.read"/,
  );
  fake.chatModels = [];
});
