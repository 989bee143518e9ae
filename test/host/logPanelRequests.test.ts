/**
 * The log panels answering their webviews on the fake `vscode`: each request runs the one worker
 * job that computes it, on the panel's own log with the settings in effect (a setting changed is
 * in the next job) and the request's fields passed through, and the reply is that job's result; a
 * job's failure is the reply's error. Requests that open things run the command on the panel's
 * log. A change of the panel's log (not another log's) tells the webview.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Uri } from './fakes/fakeVscode';
import { HITL_SELECTION } from './fakes/selections';
import { ask, fakeHost } from './fakes/fakeHost';

const host = fakeHost();
const { log, services, rec } = host;
/* eslint-disable @typescript-eslint/no-require-imports -- host modules load after the fake vscode is installed */
const { humanInTheLoopView } =
  require('../../src/host/panels/humanInTheLoopPanel') as typeof import('../../src/host/panels/humanInTheLoopPanel');
const { riskGuaranteeView } =
  require('../../src/host/panels/riskGuaranteePanel') as typeof import('../../src/host/panels/riskGuaranteePanel');
const { optimalModelMapView } =
  require('../../src/host/panels/optimalModelMapPanel') as typeof import('../../src/host/panels/optimalModelMapPanel');
const { economicEvaluationView } =
  require('../../src/host/panels/economicEvaluationPanel') as typeof import('../../src/host/panels/economicEvaluationPanel');
const { modelOverviewView } =
  require('../../src/host/panels/modelOverviewPanel') as typeof import('../../src/host/panels/modelOverviewPanel');
const { COMMANDS } = require('../../src/host/commandIds') as typeof import('../../src/host/commandIds');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The worker's next answer to any job: a result, or an error to fail with. */
let answer: unknown = null;
Object.assign(services.engine, {
  run: async (job: string, params: Record<string, unknown>) => {
    rec.jobs.push({ job, params });
    if (answer instanceof Error) throw answer;
    return answer;
  },
});
const invalidated: string[] = [];
Object.assign(services.logs, { invalidate: (f: string) => void invalidated.push(f) });

const kinds = { models: true, cascades: false, abstention: true, routers: false };
const overhead = { cost: 0.001, latency: 0.5 };
const hitlSelection = HITL_SELECTION;
const riskSelection = {
  model: 'a',
  strong: null,
  signal: 'auto',
  alpha: 0.1,
  delta: 0.05,
  calSplit: 'train',
  testSplit: 'test',
};

/** A panel, a request, the job it must run and the fields of the request that job must get. */
interface Case {
  def: { viewType: string; create(panel: never, state: never, services: typeof host.services): unknown };
  state: object;
  method: string;
  params: object;
  job: string;
  passed: Record<string, unknown>;
}
const CASES: Case[] = [
  {
    def: humanInTheLoopView,
    state: { file: log },
    method: 'analyse',
    params: { selection: hitlSelection },
    job: 'humanInTheLoop',
    passed: { selection: hitlSelection },
  },
  {
    def: humanInTheLoopView,
    state: { file: log },
    method: 'queryTable',
    params: { model: 'a', split: 'test', rejection: 0.1 },
    job: 'curvePointQueries',
    passed: { model: 'a', split: 'test', rejection: 0.1 },
  },
  {
    def: riskGuaranteeView,
    state: { file: log },
    method: 'compute',
    params: { selection: riskSelection },
    job: 'riskGuarantee',
    passed: { selection: riskSelection },
  },
  {
    def: optimalModelMapView,
    state: { file: log, priceAbstain: 0, kinds, overhead },
    method: 'compute',
    params: { priceAbstain: 2, kinds, overhead },
    job: 'econMap',
    passed: { abstain: 2, overhead, set: 'models', abstention: true, routers: false },
  },
  {
    def: optimalModelMapView,
    state: { file: log, priceAbstain: 0, kinds, overhead },
    method: 'queryTable',
    params: { priceAbstain: 2, kinds, overhead, priceError: 3, priceLatency: 0.1, candidate: 'a>b', point: 7 },
    job: 'mapCellQueries',
    passed: { candidate: 'a>b', point: 7, prices: { error: 3, latency: 0.1, abstain: 2 }, overhead },
  },
  {
    def: economicEvaluationView,
    state: { file: log },
    method: 'uncertain',
    params: { distributions: { error: { kind: 'logUniform', min: 1, max: 10 } }, kinds, overhead },
    job: 'econUncertain',
    passed: { distributions: { error: { kind: 'logUniform', min: 1, max: 10 } }, set: 'models', overhead },
  },
  {
    def: modelOverviewView,
    state: { file: log },
    method: 'queryTable',
    params: { model: 'a', split: 'test', where: { field: 'subject', value: 'law' } },
    job: 'queryTable',
    passed: { system: { kind: 'model', model: 'a', split: 'test' }, where: { field: 'subject', value: 'law' } },
  },
];

let id = 0;
/** Opens the panel the case names and asks its request. */
async function askCase(c: Case) {
  const panel = host.newPanel(c.def.viewType);
  c.def.create(panel as never, c.state as never, services);
  return { panel, reply: await ask(panel, ++id, c.method, c.params) };
}

test('each request runs its job on the panel’s log with the request’s fields, and replies with the result', async () => {
  for (const c of CASES) {
    answer = { from: c.job };
    const { reply } = await askCase(c);
    const label = `${c.def.viewType} ${c.method}`;
    assert.deepEqual(reply, { ok: true, result: { from: c.job } }, label);
    const { job, params } = rec.jobs.at(-1)!;
    assert.equal(job, c.job, label);
    assert.equal(params.file, log, label);
    // Plain JSON: the payload schemas hand handlers null-prototype objects.
    const plain = JSON.parse(JSON.stringify(params)) as Record<string, unknown>;
    for (const [k, v] of Object.entries(c.passed)) assert.deepEqual(plain[k], v, `${label}: ${k}`);
  }
});

test('the settings in effect go with every job; a changed setting is in the next one', async () => {
  answer = null;
  await askCase(CASES[2]);
  assert.equal(rec.jobs.at(-1)!.params.correctThreshold, 0.5);
  host.settings.set('correctThreshold', 0.8);
  try {
    await askCase(CASES[2]);
    assert.equal(rec.jobs.at(-1)!.params.correctThreshold, 0.8);
  } finally {
    host.settings.delete('correctThreshold');
  }
});

test("a job's failure is the reply's error, in one line", async () => {
  answer = new Error('the log has no model "a"');
  const { reply } = await askCase(CASES[0]);
  assert.deepEqual(reply, { ok: false, error: 'the log has no model "a"' });
  answer = null;
});

test('no candidate kind chosen: refused before any job', async () => {
  const jobs = rec.jobs.length;
  const none = { models: false, cascades: false, abstention: false, routers: false };
  const { reply } = await askCase({ ...CASES[3], params: { priceAbstain: 2, kinds: none, overhead } });
  assert.equal(reply.ok, false);
  assert.equal(rec.jobs.length, jobs);
});

test("Model Overview: Refresh drops the log's cached summary; Open Log and the next analyses run their commands on the log", async () => {
  const panel = host.newPanel(modelOverviewView.viewType);
  modelOverviewView.create(panel as never, { file: log }, services);
  assert.deepEqual(await ask(panel, ++id, 'reload', {}), { ok: true, result: null });
  assert.deepEqual(invalidated, [log]);
  rec.commands.length = 0;
  await ask(panel, ++id, 'openLog', {});
  await ask(panel, ++id, 'openAnalysis', { view: 'riskGuarantee' });
  await ask(panel, ++id, 'openAnalysis', { view: 'cascadeFrontier' });
  assert.deepEqual(rec.commands, [
    ['vscode.open', Uri.file(log)],
    [COMMANDS.openRiskGuarantee, Uri.file(log)],
    [COMMANDS.openCascadeFrontier, Uri.file(log)],
  ]);
});

test('Economic Evaluation: Open Map opens the Optimal-Model Map on this log with the prices and kinds in use', async () => {
  const panel = host.newPanel(economicEvaluationView.viewType);
  economicEvaluationView.create(panel as never, { file: log }, services);
  rec.commands.length = 0;
  assert.deepEqual(await ask(panel, ++id, 'openMap', { priceAbstain: 4, kinds, overhead }), { ok: true, result: null });
  assert.deepEqual(rec.commands, [
    [COMMANDS.openOptimalModelMap, { kind: 'econ', file: log, priceAbstain: 4, kinds, overhead }],
  ]);
});

test("a change of the panel's log tells its webview; another log's change does not", async () => {
  const panels = [humanInTheLoopView, riskGuaranteeView].map((def) => {
    const p = host.newPanel(def.viewType);
    def.create(p as never, { file: log } as never, services);
    p.fromWebview({ type: 'ready' });
    return p;
  });
  const map = host.newPanel(optimalModelMapView.viewType);
  optimalModelMapView.create(map as never, CASES[3].state as never, services);
  map.fromWebview({ type: 'ready' });
  host.logsChanged.fire(join(host.ws, 'other.jsonl'));
  host.logsChanged.fire(log);
  await new Promise((r) => setTimeout(r, 20));
  const named = (p: { posted: unknown[] }) =>
    p.posted.map(
      (m) =>
        (m as { name?: string; payload?: unknown }).name && [
          (m as { name: string }).name,
          (m as { payload: unknown }).payload,
        ],
    );
  assert.deepEqual(named(panels[0]), [['logChanged', { file: log }]]);
  assert.deepEqual(named(panels[1]), [['logChanged', { file: log }]]);
  assert.deepEqual(named(map), [['stale', { file: log }]]);
});
