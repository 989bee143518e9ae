/**
 * What the host shows (output channel, notifications, webview replies and run status) never carries
 * the API key, URL credentials or raw control characters, whatever the endpoint or the log sends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hostileChar } from '../helpers/hostileText';
import { fake } from './fakes/fakeVscode';
import { ask, fakeHost } from './fakes/fakeHost';
import { displayLine, displayText, redactStrings } from '../../src/host/text/displayText';
import { rememberSecret } from '../../src/host/text/knownSecrets';
import { API_KEY_SECRET, formatStoredKey } from '../../src/host/llm/endpointKey';
import { formatProblems } from '../../src/host/problems/formatProblems';
import { DEFAULT_FORM, type CascadeRunStatus, type EndpointInfo } from '../../src/protocol/cascadeRunner';
import type { LogSummary } from '../../src/protocol/logSummary';

const host = fakeHost();
/* eslint-disable @typescript-eslint/no-require-imports */
const { ProblemReporter } =
  require('../../src/host/problems/problemReporter') as typeof import('../../src/host/problems/problemReporter');
const { CascadeRunnerPanel } =
  require('../../src/host/panels/cascadeRunnerPanel') as typeof import('../../src/host/panels/cascadeRunnerPanel');
const { HumanInTheLoopPanel } =
  require('../../src/host/panels/humanInTheLoopPanel') as typeof import('../../src/host/panels/humanInTheLoopPanel');
/* eslint-enable @typescript-eslint/no-require-imports */

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

test('displayLine / displayText: one clean line (or lines), bounded, a remembered key never shown (property)', () => {
  assert.equal(
    displayLine('model \u001b[2J\u0007\u0000x\r\ny\u202egnp.exe'),
    'model [2Jx ygnp.exe',
    'escapes, bell, NUL, line break and a right-to-left override removed',
  );
  assert.equal(displayText('a\r\nb\rc\u2028d\te'), 'a\nb\nc\nd e');
  assert.equal(displayLine('x'.repeat(50), 10), 'xxxxxxxxxx… (40 more characters)');
  fc.assert(
    fc.property(
      fc.string({ minLength: 8, maxLength: 40, unit: fc.constantFrom(...'abcdefghijklmnop0123456789-_') }),
      fc.string({ unit: hostileChar }),
      fc.string({ unit: hostileChar }),
      (key, before, after) => {
        rememberSecret(key);
        for (const out of [
          displayLine(`${before}${key}${after}`, 100_000),
          displayText(`${before}${key}${after}`, 100_000),
          redactStrings({ a: [`${before}${key}${after}`] }).a[0],
        ]) {
          assert.ok(!out.includes(key.trim()), 'the key is blanked');
        }
        const line = displayLine(`${before}\n${after}`, 100_000);
        assert.doesNotMatch(line, /[\n\r]/);
        assert.doesNotMatch(line, CONTROL);
        assert.doesNotMatch(displayText(`${before}${after}`, 100_000), CONTROL);
      },
    ),
    { numRuns: 300 },
  );
  const huge = Buffer.alloc(50_000_000, 'a').toString('latin1'); // a flat string, as a message from the worker is
  const t0 = performance.now();
  assert.ok(displayLine(huge).length < 2100);
  assert.ok(performance.now() - t0 < 500, 'a 50 MB message is clipped before it is cleaned');
});

test('output channel and notifications: an echoed Authorization header, URL credentials and terminal escapes are cleaned', () => {
  const reporter = new ProblemReporter();
  const before = fake.channel.length;
  reporter.log(
    'Cascade Runner: HTTP 401 from https://alice:hunter2@api.example/v1: {"headers":{"Authorization":"Bearer sk-proj-ABCDEFGH12345678"}}',
  );
  reporter.log('model \u001b]0;pwned\u0007\u001b[2J name\u0000\nforged line');
  rememberSecret('plainkey-0987654321');
  reporter.error('Dataset Generator', new Error('server said: invalid api key plainkey-0987654321'));
  const lines = fake.channel.slice(before);
  const all = lines.join('\n') + fake.errors.join('\n');
  for (const secret of ['hunter2', 'sk-proj-ABCDEFGH12345678', 'plainkey-0987654321'])
    assert.ok(!all.includes(secret), `${secret} is not shown`);
  assert.match(lines[0], /https:\/\/\*\*\*@api\.example\/v1.*Bearer \*\*\*/);
  assert.doesNotMatch(lines[1], CONTROL);
  assert.doesNotMatch(lines[1], /\n/, 'a line break in a name cannot forge a log line');
  assert.match(fake.errors.at(-1) ?? '', /^Cost-Risk Lab: Dataset Generator: server said: invalid api key \*\*\*$/);
  reporter.dispose();
});

test('formatProblems: model names and reasons with line breaks and escapes stay on their own line', () => {
  const summary = {
    file: '/w/a.jsonl\u001b[2J',
    adapter: 'native',
    mtimeMs: 1,
    size: 1,
    records: 1,
    linesRead: 2,
    fatal: null,
    splits: [
      {
        split: '',
        label: 'all\nrecords',
        models: [],
        frontier: [],
        queries: 1,
        completeQueries: 1,
        notes: ['model "evil\n[2026-01-01T00:00:00.000Z] forged" answered 1 query'],
        extraFields: [],
      },
    ],
    skippedCount: 1,
    warningCount: 0,
    problems: [{ file: '/w/a.jsonl', line: 2, severity: 'error', reason: 'unknown model "m\u0007\r\nx"' }],
    problemsOmitted: 0,
    missingFields: ['conf\nidence'],
  } as unknown as LogSummary;
  const text = formatProblems(summary, new Date('2026-01-01T00:00:00Z'));
  assert.equal(text.split('\n').length, 4, 'head, one problem, missing fields, one note');
  assert.doesNotMatch(text, CONTROL);
  assert.equal(text.match(/\[2026-01-01T00:00:00\.000Z\]/g)?.length, 2, 'the forged timestamp stays inside its note');
});

test('a webview reply never carries the key an error message echoes', async () => {
  const { services } = host;
  const panel = host.newPanel('hitl');
  const failing = {
    ...services,
    engine: {
      run: async () =>
        Promise.reject(new Error('upstream: Authorization: Bearer abcdefghijklmnop and sk-abcdefgh12345678')),
    },
  } as unknown as typeof services;
  new HumanInTheLoopPanel(panel as never, failing, { file: host.log });
  const r = await ask(panel, 1, 'analyse', { selection: null });
  assert.equal(r.error, 'upstream: Authorization: Bearer *** and sk-***');
});

test('Cascade Runner: endpoint credentials, and a key echoed in failures, run status and errors, are blanked before the view', async () => {
  const { services, settings, secrets } = host;
  settings.set('llm.endpoint', 'https://bob:pa55word@127.0.0.1:9/v1');
  const key = 'k3y-without-known-shape-42';
  secrets.set(API_KEY_SECRET, formatStoredKey({ key, origin: 'https://127.0.0.1:9' }));
  let fail: (e: Error) => void = () => undefined;
  let update: (u: unknown) => void = () => undefined;
  const reporter = new ProblemReporter();
  const channelBefore = fake.channel.length;
  const svc = {
    ...services,
    problems: reporter,
    engine: {
      run: (_j: string, params: { apiKey: string | null }, opts: { onUpdate(u: unknown): void }) => (
        assert.equal(params.apiKey, key, 'the key itself still goes to the bound endpoint'),
        (update = opts.onUpdate),
        new Promise((_, reject) => (fail = reject))
      ),
    },
  } as unknown as typeof services;
  const panel = host.newPanel('runner');
  new CascadeRunnerPanel(panel as never, svc, { queriesFile: null });
  panel.fromWebview({ type: 'ready' });
  await tick();
  const endpoint = panel.posted
    .map((m) => m as { name?: string; payload: EndpointInfo })
    .find((m) => m.name === 'endpoint')?.payload;
  assert.equal(endpoint?.endpoint, 'https://***@127.0.0.1:9/v1');
  assert.deepEqual(
    await ask(panel, 1, 'start', { ...DEFAULT_FORM, queriesFile: 'q.jsonl', weakModel: 'w', strongModel: 's' }),
    { ok: true, result: null },
  );
  update({
    stage: 'online',
    done: 1,
    total: 2,
    onlineTotal: 2,
    points: [],
    failed: { malformed: 0, transport: 1, examples: [`HTTP 401: echo {"authorization":"Bearer ${key}"}`] },
  });
  fail(new Error(`HTTP 401: invalid key ${key}`));
  await tick();
  const posted = JSON.stringify(panel.posted);
  assert.ok(!posted.includes(key) && !posted.includes('pa55word'), 'nothing posted to the view carries a secret');
  const statuses = panel.posted
    .map((m) => m as { name?: string; payload: CascadeRunStatus })
    .filter((m) => m.name === 'run')
    .map((m) => m.payload);
  assert.deepEqual(statuses.at(-1), { phase: 'failed', message: 'HTTP 401: invalid key ***', points: [] });
  const channel = fake.channel.slice(channelBefore).join('\n');
  assert.match(channel, /Cascade Runner: HTTP 401: invalid key \*\*\*/);
  assert.ok(!channel.includes(key), 'nor does the output channel');
});
