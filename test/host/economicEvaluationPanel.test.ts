/** The Economic Evaluation panel against a fake `vscode`: the bootstrap request runs in the worker and the newest one wins. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter, FakeWebviewPanel, Uri, useFakeVscode } from './fakes/fakeVscode';

const vs = useFakeVscode();
Object.assign(vs.workspace, {
  getConfiguration: () => ({ get: <T>(_k: string, d: T) => d }),
  getWorkspaceFolder: () => undefined,
});
/* eslint-disable @typescript-eslint/no-require-imports */
const { EconomicEvaluationPanel } =
  require('../../src/host/panels/economicEvaluationPanel') as typeof import('../../src/host/panels/economicEvaluationPanel');
const { econPricesOf } =
  require('../../src/host/panels/econPricesInUse') as typeof import('../../src/host/panels/econPricesInUse');
/* eslint-enable @typescript-eslint/no-require-imports */
type HostServices = import('../../src/host/hostServices').HostServices;

interface Call {
  job: string;
  params: Record<string, unknown>;
  cancelled: boolean;
  settle(v: unknown): void;
}

function setup() {
  const calls: Call[] = [];
  const services = {
    context: { subscriptions: [] },
    extensionUri: Uri.file('/ext'),
    problems: { log: () => undefined, show: () => undefined, error: () => undefined },
    logs: { onDidChange: new EventEmitter<string | undefined>().event },
    engine: {
      run: (
        job: string,
        params: Record<string, unknown>,
        opts: { token: { onCancellationRequested(l: () => void): unknown } },
      ) =>
        new Promise((resolve, reject) => {
          const call: Call = { job, params, cancelled: false, settle: resolve };
          opts.token.onCancellationRequested(() => {
            call.cancelled = true;
            reject(Object.assign(new Error('Cancelled'), { name: 'AbortError' }));
          });
          calls.push(call);
        }),
    },
  } as unknown as HostServices;
  const panel = new FakeWebviewPanel('costRiskLab.economicEvaluation', 'Economic Evaluation');
  new EconomicEvaluationPanel(panel as never, services, { file: '/logs/a.jsonl' });
  return { panel, calls };
}
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));
const kinds = { models: true, cascades: true, abstention: false, routers: true };
const overhead = { cost: 0.002, latency: 0.1 };

test('bootstrap requests run econBootstrap on the econData source with the prices and kinds; a newer one cancels the older', async () => {
  const { panel, calls } = setup();
  panel.fromWebview({ type: 'ready' });
  await tick();
  assert.deepEqual(
    calls.map((c) => c.job),
    ['econData'],
  );
  panel.fromWebview({
    type: 'request',
    requestId: 1,
    method: 'bootstrap',
    params: { prices: { error: 1, latency: 0, abstain: 0 }, kinds, overhead },
  });
  await tick();
  panel.fromWebview({
    type: 'request',
    requestId: 2,
    method: 'bootstrap',
    params: { prices: { error: 10, latency: 0, abstain: 0 }, kinds, overhead },
  });
  await tick();
  const boots = calls.filter((c) => c.job === 'econBootstrap');
  assert.equal(boots.length, 2);
  // Every kind is prepared (the econData cache), the view's kinds filter the candidates in the job.
  assert.equal(boots[0].params.set, 'all');
  assert.equal(boots[0].params.routers, true);
  assert.equal(boots[0].params.abstention, true);
  assert.deepEqual(boots[1].params.overhead, overhead, "the routers' overhead goes to the job");
  assert.deepEqual(boots[1].params.prices, { error: 10, latency: 0, abstain: 0 });
  assert.deepEqual(boots[1].params.kinds, kinds);
  assert.equal(boots[0].cancelled, true, 'the older bootstrap is cancelled');
  assert.equal(boots[1].cancelled, false);
  boots[1].settle({ candidates: [] });
  assert.equal(
    ((await panel.replyTo(1)) as { ok: boolean }).ok,
    false,
    'the cancelled one answers with an error the view ignores',
  );
  assert.deepEqual(await panel.replyTo(2), { ok: true, result: { candidates: [] } });
  assert.deepEqual(
    econPricesOf('/logs/a.jsonl'),
    { error: 10, latency: 0, abstain: 0 },
    'the prices shown last are offered to Export Report',
  );
});
