/**
 * The Dataset Generator panel answering its webview on the fake `vscode` (real workspace files,
 * worker jobs answered by the test): Save to Library appends valid archetypes to the workspace
 * library and refuses invalid ones and Restricted Mode; Describe reads offline, or through VS Code's
 * language model with the model named, and says why a model was not used; a benchmark runs once at
 * a time and Cancel ends it with its own message; an export goes where the user picked, or nowhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake, FakeChatModel, Uri } from './fakes/fakeVscode';
import { ask, fakeHost } from './fakes/fakeHost';

const host = fakeHost();
const { ws, services, rec } = host;
/* eslint-disable @typescript-eslint/no-require-imports -- host modules load after the fake vscode is installed */
const { datasetGeneratorView, LIBRARY_FILE } =
  require('../../src/host/panels/datasetGeneratorPanel') as typeof import('../../src/host/panels/datasetGeneratorPanel');
const { BENCHMARK_CANCELLED } =
  require('../../src/protocol/datasetGenerator') as typeof import('../../src/protocol/datasetGenerator');
const { parseArchetypesJsonl } =
  require('../../src/engines/clusters/archetypeJsonl') as typeof import('../../src/engines/clusters/archetypeJsonl');
/* eslint-enable @typescript-eslint/no-require-imports */

type Token = { isCancellationRequested: boolean; onCancellationRequested(l: () => void): unknown };
/** What the worker answers next: a function of the job, its parameters and the cancellation token. */
let answer: (job: string, params: Record<string, unknown>, token: Token) => Promise<unknown> = () =>
  new Promise(() => undefined);
Object.assign(services.engine, {
  run: (job: string, params: Record<string, unknown>, opts: { token: Token }) => {
    rec.jobs.push({ job, params });
    return answer(job, params, opts.token);
  },
});

const panel = host.newPanel('costRiskLab.datasetGenerator');
datasetGeneratorView.create(panel as never, { archetype: null, seed: 1 }, services);
let id = 0;
const request = (method: string, params: unknown) => ask(panel, ++id, method, params);
const archetype = (name: string, n_clusters: number) => ({ name, n_clusters, dim: 2, n_samples: 100 * n_clusters });

test('Save to Library appends each archetype as one line of the workspace library; an invalid one is refused', async () => {
  const library = join(ws, LIBRARY_FILE);
  assert.deepEqual(await request('saveArchetype', { archetype: archetype('first', 3) }), {
    ok: true,
    result: { file: library },
  });
  assert.equal((await request('saveArchetype', { archetype: archetype('second', 5) })).ok, true);
  const parsed = parseArchetypesJsonl(readFileSync(library, 'utf8'));
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(
    parsed.archetypes.map((a) => [a.line, a.archetype.name, a.archetype.n_clusters, a.archetype.n_samples]),
    [
      [1, 'first', 3, 300],
      [2, 'second', 5, 500],
    ],
  );
  const bad = await request('saveArchetype', { archetype: archetype('bad', -2) });
  assert.equal(bad.ok, false);
  assert.match(bad.error ?? '', /n_clusters/);
  assert.equal(parseArchetypesJsonl(readFileSync(library, 'utf8')).archetypes.length, 2, 'the library is unchanged');
});

test('in Restricted Mode nothing is saved or exported', async () => {
  host.vs.workspace.isTrusted = false;
  try {
    const saved = await request('saveArchetype', { archetype: archetype('third', 4) });
    assert.equal(saved.ok, false);
    assert.match(saved.error ?? '', /Restricted Mode/);
    const exported = await request('exportDatasets', {
      archetype: archetype('third', 4),
      seed: 1,
      distort: false,
      sphere: false,
      count: 2,
      format: 'csv',
    });
    assert.equal(exported.ok, false);
  } finally {
    host.vs.workspace.isTrusted = true;
  }
  assert.equal(parseArchetypesJsonl(readFileSync(join(ws, LIBRARY_FILE), 'utf8')).archetypes.length, 2);
  assert.equal(rec.dialogs.length, 0, 'no folder dialog either');
});

test('Describe: offline on request; with no language model it reads offline and says why; with one, the model is named', async () => {
  const offline = (await request('describe', { text: 'five clusters in 3 dimensions', useModel: false })) as {
    ok: boolean;
    result: {
      archetype: { n_clusters: number; dim: number };
      source: string;
      model: string | null;
      warnings: string[];
    };
  };
  assert.equal(offline.ok, true);
  assert.deepEqual(
    [offline.result.source, offline.result.model, offline.result.archetype.n_clusters, offline.result.archetype.dim],
    ['offline', null, 5, 3],
  );
  fake.chatModels.length = 0;
  const none = (await request('describe', { text: 'five clusters', useModel: true })) as typeof offline;
  assert.equal(none.result.source, 'offline');
  assert.match(none.result.warnings[0], /^no language model available .*: read offline$/);

  const reply = JSON.stringify({ name: 'from_model', n_clusters: 7, dim: 4, n_samples: 700 });
  const model = new FakeChatModel('gpt-test', () => reply);
  fake.chatModels.push(model);
  try {
    const viaModel = (await request('describe', { text: 'seven clusters in 4D', useModel: true })) as typeof offline;
    assert.deepEqual(
      [viaModel.result.source, viaModel.result.model, viaModel.result.archetype.n_clusters],
      ['llm', 'fake/gpt-test', 7],
    );
    assert.match(model.requests[0].messages.map((m) => m.content).join('\n'), /seven clusters in 4D/);
  } finally {
    fake.chatModels.length = 0;
  }
  const empty = await request('describe', { text: '   ', useModel: false });
  assert.deepEqual([empty.ok, empty.error], [false, 'the description is empty']);
});

test('a benchmark runs once at a time; Cancel ends it with its own message, and another may start', async () => {
  answer = (_job, _params, token) =>
    new Promise((_resolve, reject) =>
      token.onCancellationRequested(() => reject(Object.assign(new Error('Cancelled'), { name: 'AbortError' }))),
    );
  const params = { archetype: archetype('b', 3), seed: 2, count: 2, algorithms: ['kmeans'], shapes: ['convex'] };
  const first = request('benchmark', params);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(rec.jobs.at(-1)?.job, 'benchmarkClustering');
  assert.deepEqual(await request('benchmark', params), {
    ok: false,
    error: 'A benchmark is already running: cancel it first',
  });
  assert.deepEqual(await request('cancelBenchmark', {}), { ok: true, result: null });
  assert.deepEqual(await first, { ok: false, error: BENCHMARK_CANCELLED });
  answer = async () => ({ scores: [] });
  assert.deepEqual(await request('benchmark', params), { ok: true, result: { scores: [] } });
});

test('Export: dismissing the folder dialog writes nothing; a picked folder gets the data sets and a message', async () => {
  const params = { archetype: archetype('e', 3), seed: 3, distort: false, sphere: false, count: 2, format: 'csv' };
  const jobs = rec.jobs.length;
  fake.openDialogAnswer = undefined;
  assert.deepEqual(await request('exportDatasets', params), { ok: true, result: null });
  assert.equal(rec.jobs.length, jobs, 'no job without a folder');
  const out = join(ws, 'out');
  fake.openDialogAnswer = [Uri.file(out)];
  const files = [join(out, 'e_0.csv'), join(out, 'e_1.csv')];
  answer = async () => ({ files });
  assert.deepEqual(await request('exportDatasets', params), { ok: true, result: { files } });
  assert.equal(rec.jobs.at(-1)?.params.outDir, out);
  assert.equal(rec.jobs.at(-1)?.params.count, 2);
  assert.equal(fake.infoMessages.at(-1), `Cost-Risk Lab: wrote 2 data set(s) to ${out}`);
  assert.equal(existsSync(out), false, 'the worker writes the files, not the panel');
  fake.openDialogAnswer = undefined;
});

test('Export: the message opens the first CSV, and for NumPy files (binary) shows the first in its folder', async () => {
  const out = join(ws, 'out');
  fake.openDialogAnswer = [Uri.file(out)];
  for (const [format, button, command] of [
    ['csv', 'Open First', 'vscode.open'],
    ['npy', 'Reveal in File Explorer', 'revealFileInOS'],
  ] as const) {
    const file = join(out, `e_seed3.${format}`);
    answer = async () => ({ files: [file] });
    fake.infoAnswer = button;
    const params = { archetype: archetype('e', 3), seed: 3, distort: false, sphere: false, count: 1, format };
    assert.deepEqual(await request('exportDatasets', params), { ok: true, result: { files: [file] } });
    assert.equal(rec.jobs.at(-1)?.params.format, format);
    await new Promise((r) => setImmediate(r));
    const [id, uri] = rec.commands.at(-1) ?? [];
    assert.equal(id, command);
    assert.equal((uri as Uri).fsPath, file);
  }
  fake.infoAnswer = undefined;
  fake.openDialogAnswer = undefined;
});

test('Generate answers with the preview, and a reply without one is an error, not an empty chart', async () => {
  const params = { archetype: archetype('g', 3), seed: 4, distort: false, sphere: false };
  answer = async () => ({ preview: { points: [[0, 1]], labels: [0] } });
  assert.deepEqual(await request('generate', params), { ok: true, result: { points: [[0, 1]], labels: [0] } });
  answer = async () => ({ preview: null });
  assert.deepEqual(await request('generate', params), { ok: false, error: 'the worker returned no preview' });
});
