/** The panel layer (BasePanel + registerView) against a fake `vscode`: handshake, requests, export, restore. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fake, FakeWebviewPanel, Uri, useFakeVscode } from './fakes/fakeVscode';
import type { ViewProtocol } from '../../src/protocol/messages';
import type { PayloadSchemas } from '../../src/protocol/payloads/payloadSchemas';
import { empty, number, object } from '../../src/protocol/schema';

useFakeVscode();
// Imported after the fake is installed (these modules import `vscode`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BasePanel } = require('../../src/host/panels/basePanel') as typeof import('../../src/host/panels/basePanel');
/* eslint-disable @typescript-eslint/no-require-imports */
const { registerView } =
  require('../../src/host/panels/registerView') as typeof import('../../src/host/panels/registerView');
/* eslint-enable @typescript-eslint/no-require-imports */
type RequestHandlers<P extends ViewProtocol> = import('../../src/host/panels/basePanel').RequestHandlers<P>;
type HostServices = import('../../src/host/hostServices').HostServices;

interface TestProtocol extends ViewProtocol {
  requests: {
    double: { params: { x: number }; result: number };
    fail: { params: Record<string, never>; result: null };
  };
  hostNotifications: { hello: { n: number } };
  webviewNotifications: { ping: { at: number } };
}

const logLines: string[] = [];
let shown = 0;
const services = {
  context: { subscriptions: [] as { dispose(): void }[] },
  files: { grant: () => undefined, check: async (f: string) => ({ ok: true, path: f }) },
  extensionUri: Uri.file('/ext'),
  problems: {
    log: (l: string) => logLines.push(l),
    show: () => shown++,
    error: (c: string, e: unknown) => logLines.push(`${c}: ${String(e)}`),
  },
} as unknown as HostServices;

class TestPanel extends BasePanel<TestProtocol, { file: string }> {
  readyCalls = 0;
  pings: number[] = [];
  protected readonly requestHandlers: RequestHandlers<TestProtocol> = {
    double: ({ x }) => 2 * x,
    fail: () => {
      throw new Error('no such log');
    },
  };
  protected override readonly notificationHandlers = { ping: ({ at }: { at: number }) => void this.pings.push(at) };
  protected readonly payloads: PayloadSchemas<TestProtocol> = {
    requests: { double: object({ x: number() }), fail: empty },
    notifications: { ping: object({ at: number() }) },
  };
  constructor(panel: FakeWebviewPanel, state: { file: string }) {
    super(panel as never, services, state, 'testView');
    this.notify('hello', { n: 1 }); // before `ready`: must be queued
  }
  protected override onReady(): void {
    this.readyCalls++;
    this.notify('hello', { n: 2 });
  }
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));
const decode = (html: string): string => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"');
type Reply = { type: 'reply'; requestId: number; reply: unknown };
const repliesOf = (panel: FakeWebviewPanel): Map<number, unknown> =>
  new Map(panel.posted.filter((m): m is Reply => (m as Reply).type === 'reply').map((m) => [m.requestId, m.reply]));
async function waitForReplies(panel: FakeWebviewPanel, n: number): Promise<Map<number, unknown>> {
  for (let i = 0; i < 200 && repliesOf(panel).size < n; i++) await tick();
  return repliesOf(panel);
}

test('HTML with CSP and nonce, resources limited to media/build and media/css', () => {
  const panel = new FakeWebviewPanel('t', 'T');
  new TestPanel(panel, { file: '/a.jsonl' });
  const html = decode(panel.webview.html);
  assert.match(html, /content="default-src 'none'; script-src 'nonce-/);
  assert.match(
    html,
    /<script type="module" nonce="[^"]+" src="https:\/\/fake\.vscode-resource\/ext\/media\/build\/testView\.js">/,
  );
  const roots = (panel.webview.options as { localResourceRoots: Uri[] }).localResourceRoots.map((u) => u.fsPath);
  assert.deepEqual(roots, ['/ext/media/build', '/ext/media/css']);
  assert.match(panel.webview.html, /data-initial-state="\{&quot;file&quot;:&quot;\/a\.jsonl&quot;\}"/);
});

test('posts wait for ready; every ready calls onReady; requests get exactly one reply', async () => {
  const panel = new FakeWebviewPanel('t', 'T');
  const p = new TestPanel(panel, { file: '/a.jsonl' });
  assert.deepEqual(panel.posted, [], 'nothing is posted before the webview is ready');
  panel.fromWebview({ type: 'ready' });
  await tick();
  assert.deepEqual(panel.posted, [
    { type: 'notification', name: 'hello', payload: { n: 1 } },
    { type: 'notification', name: 'hello', payload: { n: 2 } },
  ]);
  panel.fromWebview({ type: 'request', requestId: 7, method: 'double', params: { x: 21 } });
  panel.fromWebview({ type: 'request', requestId: 8, method: 'fail', params: {} });
  panel.fromWebview({ type: 'request', requestId: 9, method: 'nope', params: {} });
  const replies = await waitForReplies(panel, 3);
  assert.equal(panel.posted.length, 5, 'one reply per request');
  assert.deepEqual(replies.get(7), { ok: true, result: 42 });
  assert.deepEqual(replies.get(8), { ok: false, error: 'no such log' });
  assert.deepEqual(replies.get(9), { ok: false, error: 'unknown request "nope"' });
  panel.fromWebview({ type: 'notification', name: 'ping', payload: { at: 5 } });
  panel.fromWebview({ type: 'notification', name: 'showProblems', payload: {} });
  panel.fromWebview({ type: 'bogus' });
  assert.deepEqual(p.pings, [5]);
  assert.equal(shown, 1);
  assert.ok(logLines.some((l) => /dropped a malformed message/.test(l)));

  // Hidden then shown: the webview reloads and says ready again; posts in between are queued.
  panel.setVisible(false);
  const before = panel.posted.length;
  panel.fromWebview({ type: 'request', requestId: 10, method: 'double', params: { x: 1 } });
  await waitForReplies(panel, 4);
  assert.equal(panel.posted.length, before + 1, 'replies are not queued (the request came from a live page)');
  panel.setVisible(true);
  panel.fromWebview({ type: 'ready' });
  await tick();
  assert.equal(p.readyCalls, 2);
  p.dispose();
  assert.ok(panel.disposed);
});

test('exportFile: PNG checked and written atomically where the user chose; cancel gives null', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crl-export-'));
  try {
    const panel = new FakeWebviewPanel('t', 'T');
    new TestPanel(panel, { file: '/a.jsonl' });
    panel.fromWebview({ type: 'ready' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    fake.saveDialogAnswer = Uri.file(join(dir, 'chart.png'));
    panel.fromWebview({
      type: 'request',
      requestId: 1,
      method: 'exportFile',
      params: { format: 'png', suggestedName: 'chart.png', data: png.toString('base64') },
    });
    fake.saveDialogAnswer = undefined;
    await waitForReplies(panel, 1);
    panel.fromWebview({
      type: 'request',
      requestId: 2,
      method: 'exportFile',
      params: { format: 'csv', suggestedName: 'x.csv', data: 'a\r\n' },
    });
    panel.fromWebview({
      type: 'request',
      requestId: 3,
      method: 'exportFile',
      params: { format: 'png', suggestedName: 'x.png', data: Buffer.from('GIF89a').toString('base64') },
    });
    const replies = await waitForReplies(panel, 3);
    assert.deepEqual(replies.get(1), { ok: true, result: { savedTo: join(dir, 'chart.png') } });
    assert.deepEqual(readFileSync(join(dir, 'chart.png')), png);
    assert.deepEqual(replies.get(2), { ok: true, result: { savedTo: null } }, 'dialog cancelled');
    assert.deepEqual(replies.get(3), { ok: false, error: 'the chart image is not a PNG' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('registerView: one panel per key, restored after reload from the webview state, bad state dropped', async () => {
  const created: { state: { file: string }; panel: FakeWebviewPanel }[] = [];
  const view = registerView(services, {
    viewType: 'costRiskLab.test',
    title: (s: { file: string }) => `Test: ${s.file}`,
    key: (s) => s.file,
    parseState: (raw) =>
      typeof (raw as { file?: unknown })?.file === 'string' ? { file: (raw as { file: string }).file } : undefined,
    create: (panel, state) => {
      created.push({ state, panel: panel as unknown as FakeWebviewPanel });
      return new TestPanel(panel as unknown as FakeWebviewPanel, state);
    },
  });
  const a = view.show({ file: '/a' });
  assert.equal(view.show({ file: '/a' }), a, 'same key: the open panel is revealed');
  assert.notEqual(view.show({ file: '/b' }), a);
  assert.equal(created.length, 2);
  a.dispose();
  assert.notEqual(view.show({ file: '/a' }), a, 'a closed panel is opened anew');

  const serializer = fake.serializers.get('costRiskLab.test');
  assert.ok(serializer, 'a serializer is registered for the view type');
  const restored = new FakeWebviewPanel('costRiskLab.test', 'Test: /c');
  await serializer.deserializeWebviewPanel(restored, { file: '/c', split: 'train' });
  assert.deepEqual(created.at(-1)?.state, { file: '/c' });
  assert.match(restored.webview.html, /testView\.js/);
  const broken = new FakeWebviewPanel('costRiskLab.test', '?');
  await serializer.deserializeWebviewPanel(broken, { nope: 1 });
  assert.ok(broken.disposed, 'a panel whose state cannot be used is closed, not left blank');
  for (const d of services.context.subscriptions) d.dispose();
});
