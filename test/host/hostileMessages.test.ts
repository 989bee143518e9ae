/**
 * Every panel against a hostile webview (fake `vscode`, real files): malformed envelopes, prototype
 * names as message types and fields, wrong types, huge strings, paths out of the workspace. Each
 * is refused with a log line (and, for a request, an error reply), nothing throws, and no handler
 * runs: no worker job, command, file dialog or file access happens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake, FakeWebviewPanel, Uri } from './fakes/fakeVscode';
import { HITL_SELECTION } from './fakes/selections';
import { ask, fakeHost } from './fakes/fakeHost';
import { DEFAULT_FORM } from '../../src/protocol/cascadeRunner';

const host = fakeHost();
const { ws, outside, log, services, rec } = host;
host.settings.set('llm.endpoint', 'http://127.0.0.1:1/v1');
/* eslint-disable @typescript-eslint/no-require-imports */
const { cascadeFrontierView } =
  require('../../src/host/panels/cascadeFrontierPanel') as typeof import('../../src/host/panels/cascadeFrontierPanel');
const { cascadeRunnerView } =
  require('../../src/host/panels/cascadeRunnerPanel') as typeof import('../../src/host/panels/cascadeRunnerPanel');
const { datasetGeneratorView } =
  require('../../src/host/panels/datasetGeneratorPanel') as typeof import('../../src/host/panels/datasetGeneratorPanel');
const { economicEvaluationView } =
  require('../../src/host/panels/economicEvaluationPanel') as typeof import('../../src/host/panels/economicEvaluationPanel');
const { humanInTheLoopView } =
  require('../../src/host/panels/humanInTheLoopPanel') as typeof import('../../src/host/panels/humanInTheLoopPanel');
const { modelOverviewView } =
  require('../../src/host/panels/modelOverviewPanel') as typeof import('../../src/host/panels/modelOverviewPanel');
const { optimalModelMapView } =
  require('../../src/host/panels/optimalModelMapPanel') as typeof import('../../src/host/panels/optimalModelMapPanel');
const { riskGuaranteeView } =
  require('../../src/host/panels/riskGuaranteePanel') as typeof import('../../src/host/panels/riskGuaranteePanel');
const { compareLogsView } =
  require('../../src/host/panels/compareLogsPanel') as typeof import('../../src/host/panels/compareLogsPanel');
const { registerView } =
  require('../../src/host/panels/registerView') as typeof import('../../src/host/panels/registerView');
/* eslint-enable @typescript-eslint/no-require-imports */

const kinds = { models: true, cascades: true, abstention: false, routers: false };
const overhead = { cost: 0, latency: 0 };
const archetype = { name: 'three', n_clusters: 3, dim: 2, n_samples: 300 };
const exportFile = { format: 'csv', suggestedName: 'x.csv', data: 'a,b\n' };
/** Every panel, the state it opens on, and a valid example of each request it answers (mutated below). */
const PANELS = [
  {
    def: modelOverviewView,
    state: { file: log },
    requests: { reload: {}, openLog: {}, openAnalysis: { view: 'cascadeFrontier' }, exportFile },
  },
  {
    def: cascadeFrontierView,
    state: { file: log },
    requests: {
      tune: {
        selection: {
          cascade: ['a', 'b'],
          methods: ['rt'],
          trainSplit: 'train',
          testSplit: 'test',
          lowSample: null,
          seed: 1,
        },
      },
      cancel: {},
      exportFile,
    },
  },
  {
    def: humanInTheLoopView,
    state: { file: log },
    requests: {
      analyse: {
        selection: HITL_SELECTION,
      },
      queryTable: { model: 'a', split: 'test', rejection: 0.1 },
      openSource: { line: 3 },
      exportFile,
    },
  },
  {
    def: riskGuaranteeView,
    state: { file: log },
    requests: {
      compute: {
        selection: {
          model: 'a',
          strong: null,
          signal: 'auto',
          alpha: 0.1,
          delta: 0.1,
          calSplit: 'train',
          testSplit: 'test',
        },
      },
      exportFile,
    },
  },
  {
    def: economicEvaluationView,
    state: { file: log },
    requests: {
      openMap: { priceAbstain: 1, kinds, overhead },
      uncertain: { distributions: { error: { kind: 'logUniform', min: 1, max: 10 } }, kinds, overhead },
      exportFile,
    },
  },
  {
    def: optimalModelMapView,
    state: { file: log, priceAbstain: 0, kinds, overhead },
    requests: {
      compute: { priceAbstain: 0, kinds, overhead },
      queryTable: { priceAbstain: 0, kinds, overhead, priceError: 1, priceLatency: 0, candidate: 'a>b', point: 0 },
      openSource: { line: 3 },
      exportFile,
    },
  },
  {
    def: datasetGeneratorView,
    state: { archetype: null, seed: 1 },
    requests: {
      generate: { archetype, seed: 1, distort: false, sphere: false },
      describe: { text: 'three clusters', useModel: false },
      exportDatasets: { archetype, seed: 1, distort: false, sphere: false, count: 2, format: 'csv' },
      saveArchetype: { archetype },
      exportFile,
    },
  },
  {
    def: cascadeRunnerView,
    state: { queriesFile: null },
    requests: {
      browse: { purpose: 'queries' },
      start: { ...DEFAULT_FORM, queriesFile: 'q.jsonl', weakModel: 'w', strongModel: 's' },
      openLog: { file: log },
      exportFile,
    },
  },
  {
    def: compareLogsView,
    state: { file: log, fileB: log },
    requests: { compare: { selection: { modelA: 'a', modelB: 'b' } }, exportFile },
  },
] as const;

type Any = Record<string, unknown>;
const open = (def: (typeof PANELS)[number]['def'], state: unknown) => {
  const panel = new FakeWebviewPanel(def.viewType, def.viewType);
  (def.create as (p: never, s: unknown, svc: typeof services) => unknown)(panel as never, state, services);
  return panel;
};
const sideEffects = () => rec.jobs.length + rec.commands.length + rec.dialogs.length;
const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
  'x'.repeat(100_000),
];
/** Fields whose values are checked further down by an engine validator (jsonData, dictionaries): swapped as a whole only. */
const OPAQUE = new Set(['archetype', 'distributions']);

/** Every (place, hostile params) made from valid params: a wrong type at each field, element and level, and a huge string in each string. */
function* mutations(v: unknown, path: string[] = []): Generator<[string, (root: unknown) => unknown]> {
  const at = (root: unknown, value: unknown): unknown => {
    if (path.length === 0) return value;
    const copy = structuredClone(root) as Any;
    let o: Any = copy;
    for (const k of path.slice(0, -1)) o = o[k] as Any;
    o[path[path.length - 1]] = value;
    return copy;
  };
  const where = path.join('.') || '(params)';
  const wrong =
    typeof v === 'string'
      ? 12345
      : typeof v === 'number'
        ? '12345'
        : typeof v === 'boolean'
          ? 'true'
          : Array.isArray(v)
            ? { 0: 'a', length: 1 }
            : v === null
              ? {}
              : [v];
  yield [`${where} as ${typeof wrong}`, (root) => at(root, wrong)];
  if (typeof v === 'string' && where !== 'data') yield [`${where} huge`, (root) => at(root, 'x'.repeat(1_000_001))];
  if (typeof v === 'string') yield [`${where} with NUL and ESC`, (root) => at(root, `${v}\u0000\u001b[2J`)];
  if (typeof v === 'number') for (const n of [Number.NaN, Infinity]) yield [`${where} ${n}`, (root) => at(root, n)];
  if (Array.isArray(v) && v.length) yield* mutations(v[0], [...path, '0']);
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && !OPAQUE.has(path[path.length - 1] ?? ''))
    for (const [k, x] of Object.entries(v)) yield* mutations(x, [...path, k]);
}
/** Strings that may legitimately hold control characters (free text) or whose NUL/ESC variant is still a valid value. */
const FREE_TEXT = new Set(['text', 'data', 'suggestedName', 'trainSplit', 'testSplit']);

test('malformed envelopes and prototype names as message types: dropped with a log line, no reply, nothing run', async () => {
  for (const p of PANELS) {
    const panel = open(p.def, p.state);
    const before = { lines: rec.lines.length, effects: sideEffects() };
    const garbage: unknown[] = [
      null,
      undefined,
      42,
      'ready',
      [],
      {},
      { type: '__proto__' },
      { type: 'constructor' },
      { type: 'toString' },
      { type: 'request' },
      { type: 'request', requestId: -1, method: 'reload', params: {} },
      { type: 'request', requestId: 1.5, method: 'reload', params: {} },
      { type: 'request', requestId: 2 ** 60, method: 'reload', params: {} },
      { type: 'request', requestId: 1, method: 7, params: {} },
      { type: 'notification', name: 5, payload: {} },
      { type: 'notification', name: 'x' },
      JSON.parse('{"__proto__": {"type": "ready"}}'),
    ];
    for (const g of garbage) panel.fromWebview(g);
    for (const name of PROTOTYPE_NAMES) panel.fromWebview({ type: 'notification', name, payload: {} });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(panel.posted.length, 0, `${p.def.viewType}: nothing to reply to`);
    assert.equal(
      rec.lines.length - before.lines,
      garbage.length + PROTOTYPE_NAMES.length,
      `${p.def.viewType}: one log line per dropped message`,
    );
    assert.ok(
      rec.lines.slice(before.lines).every((l) => l.length < 1000 && /dropped/.test(l)),
      'each line short and plain',
    );
    let id = 1;
    for (const method of PROTOTYPE_NAMES) {
      const r = await ask(panel, id++, method, {});
      assert.equal(r.ok, false);
      assert.match(r.error ?? '', /^unknown request "/);
      assert.ok((r.error ?? '').length < 200, 'a huge method name is not echoed whole');
    }
    assert.equal(sideEffects(), before.effects, `${p.def.viewType}: no handler ran`);
  }
});

test('wrong types, NaN, Infinity, huge strings and control characters in every field of every request: refused, nothing run', async () => {
  let refusals = 0;
  for (const p of PANELS) {
    const panel = open(p.def, p.state);
    let id = 1;
    for (const [method, valid] of Object.entries(p.requests)) {
      for (const bad of [null, 'x', 1, true, []]) {
        const r = await ask(panel, id++, method, bad);
        assert.match(r.error ?? '', /^invalid request/, `${method}(${JSON.stringify(bad)})`);
      }
      for (const [where, make] of mutations(valid)) {
        if (/with NUL and ESC$/.test(where) && FREE_TEXT.has(where.split(' ')[0].split('.').pop() ?? '')) continue;
        const before = { effects: sideEffects(), lines: rec.lines.length };
        const r = await ask(panel, id++, method, make(valid));
        assert.equal(r.ok, false, `${p.def.viewType}.${method}: ${where} must be refused`);
        assert.match(r.error ?? '', /^invalid request "/, `${p.def.viewType}.${method}: ${where}`);
        assert.equal(sideEffects(), before.effects, `${p.def.viewType}.${method}: ${where}: no handler ran`);
        assert.equal(rec.lines.length, before.lines + 1, 'one log line');
        refusals++;
      }
    }
  }
  assert.ok(refusals > 150, `${refusals} hostile requests refused`);
});

test('prototype keys as field names: ignored, never reach a handler, never pollute Object.prototype', async () => {
  const panel = open(humanInTheLoopView, { file: log });
  const sel = PANELS[2].requests.analyse.selection;
  const params = JSON.parse(
    `{"selection": ${JSON.stringify(sel).replace(/^\{/, '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, ')}, "__proto__": {"polluted": true}}`,
  ) as unknown;
  panel.fromWebview({ type: 'request', requestId: 1, method: 'analyse', params });
  await new Promise((r) => setTimeout(r, 20));
  const job = rec.jobs.at(-1);
  assert.equal(job?.job, 'humanInTheLoop');
  assert.deepEqual(
    Object.keys(job?.params.selection as object).sort(),
    Object.keys(sel).sort(),
    'only the known fields',
  );
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);
});

test('Cascade Runner: absolute paths, `..` and symlinks out of the workspace are refused before any job; a picked file is allowed', async () => {
  const panel = open(cascadeRunnerView, { queriesFile: null });
  const form = PANELS[7].requests.start;
  let id = 1;
  const jobs = rec.jobs.length;
  for (const [field, value] of [
    ['queriesFile', '/etc/passwd'],
    ['queriesFile', join(outside, 'secret.jsonl')],
    ['queriesFile', '../outside/secret.jsonl'],
    ['queriesFile', 'link-out.jsonl'],
    ['queriesFile', 'dir-out/secret.jsonl'],
    ['repositoryFile', join(outside, 'repo.jsonl')],
    ['repositoryFile', 'dir-out/repo.jsonl'],
    ['repositoryFile', 'link-out.jsonl'],
  ]) {
    const r = await ask(panel, id++, 'start', { ...form, [field]: value });
    assert.match(
      r.error ?? '',
      /^(Queries|Repository) file refused: .*outside the workspace folders/,
      `${field} = ${value}`,
    );
  }
  for (const file of ['/etc/passwd', join(outside, 'secret.jsonl'), 'link-out.jsonl', '../outside/secret.jsonl']) {
    const r = await ask(panel, id++, 'openLog', { file });
    assert.match(r.error ?? '', /^Not opened: .*outside the workspace folders/, file);
  }
  assert.equal(rec.jobs.length, jobs, 'no run started');
  assert.equal(rec.commands.length, 0, 'no log opened');

  // The same outside file, chosen in VS Code's own dialog, is the user's choice.
  fake.openDialogAnswer = [Uri.file(join(outside, 'secret.jsonl'))];
  assert.deepEqual(await ask(panel, id++, 'browse', { purpose: 'queries' }), {
    ok: true,
    result: { file: join(outside, 'secret.jsonl') },
  });
  fake.openDialogAnswer = undefined;
  assert.deepEqual(await ask(panel, id++, 'start', { ...form, queriesFile: join(outside, 'secret.jsonl') }), {
    ok: true,
    result: null,
  });
  assert.equal((rec.jobs.at(-1)?.params.form as { queriesFile: string }).queriesFile, join(outside, 'secret.jsonl'));
});

test('a reloaded log panel whose saved state names a file out of the workspace is not restored; an allowed one is', async () => {
  const def = { ...modelOverviewView, viewType: 'costRiskLab.restoreTest' };
  const view = registerView(services, def);
  const serializer = fake.serializers.get('costRiskLab.restoreTest');
  assert.ok(serializer);
  writeFileSync(join(outside, 'other.jsonl'), '{}\n');
  symlinkSync(join(outside, 'other.jsonl'), join(ws, 'link-other.jsonl'));
  for (const file of [
    '/etc/passwd',
    join(outside, 'other.jsonl'),
    join(ws, 'link-other.jsonl'),
    join(ws, '..', 'outside', 'other.jsonl'),
  ]) {
    const restored = new FakeWebviewPanel(def.viewType, 'x');
    const lines = rec.lines.length;
    await serializer.deserializeWebviewPanel(restored, { file });
    assert.ok(restored.disposed, `${file}: not restored`);
    assert.match(rec.lines.slice(lines).join('\n'), /did not restore a panel: .*outside the workspace folders/);
  }
  const inside = new FakeWebviewPanel(def.viewType, 'x');
  await serializer.deserializeWebviewPanel(inside, { file: log });
  assert.ok(!inside.disposed, 'a log in the workspace is restored');
  // A log the user opened through a command (e.g. picked in the open dialog) stays restorable.
  view.show({ file: join(outside, 'other.jsonl') });
  const granted = new FakeWebviewPanel(def.viewType, 'x');
  await serializer.deserializeWebviewPanel(granted, { file: join(outside, 'other.jsonl') });
  assert.ok(!granted.disposed);
});

test('Model Overview: an analysis name from the prototype cannot pick a command', async () => {
  const panel = open(modelOverviewView, { file: log });
  for (const view of ['constructor', '__proto__', 'toString']) {
    const r = await ask(panel, 1, 'openAnalysis', { view });
    assert.match(r.error ?? '', /params\.view: expected one of "cascadeFrontier"/);
  }
  assert.equal(rec.commands.filter((c) => typeof c[0] !== 'string').length, 0);
});
