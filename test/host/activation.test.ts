/**
 * `activate()` on the fake `vscode`: it registers every command package.json contributes (and no
 * other), both tree views with their options, a reload serializer for every webview panel type;
 * the engine worker starts only when the Eval Logs view first shows (not at activation), a command
 * reaches that worker, and disposing the subscriptions undoes every registration and stops it.
 * The worker here is a stand-in script at the extension's dist/worker.js that notes its start and
 * answers `clearCache`, so the test needs no build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake, Uri } from './fakes/fakeVscode';
import { fakeHost } from './fakes/fakeHost';
import { ROOT } from '../helpers/paths';

const host = fakeHost();
/* eslint-disable @typescript-eslint/no-require-imports -- host modules load after the fake vscode is installed */
const { activate, deactivate } = require('../../src/extension') as typeof import('../../src/extension');
const { COMMANDS, PANELS, VIEWS } = require('../../src/host/commandIds') as typeof import('../../src/host/commandIds');
const { EvalLogTree } = require('../../src/host/logs/evalLogTree') as typeof import('../../src/host/logs/evalLogTree');
const { ArchetypeLibraryTree } =
  require('../../src/host/archetypes/archetypeLibraryTree') as typeof import('../../src/host/archetypes/archetypeLibraryTree');
/* eslint-enable @typescript-eslint/no-require-imports */

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> };
  activationEvents: string[];
};

// The extension folder: a worker that notes its start in a file and answers clearCache.
const ext = join(host.ws, '..', 'ext');
const started = join(ext, 'worker-started');
mkdirSync(join(ext, 'dist'), { recursive: true });
writeFileSync(
  join(ext, 'dist', 'worker.js'),
  `const { parentPort } = require('node:worker_threads');
require('node:fs').appendFileSync(${JSON.stringify(started)}, 'started\\n');
parentPort.on('message', (m) => {
  if (m.type === 'clearCache') parentPort.postMessage({ type: 'result', id: m.id, result: null });
});
`,
);

const state = new Map<string, unknown>();
const context = {
  subscriptions: [] as { dispose(): unknown }[],
  extensionUri: Uri.file(ext),
  globalStorageUri: Uri.file(join(ext, 'storage')),
  workspaceState: {
    get: <T>(k: string) => state.get(k) as T | undefined,
    update: async (k: string, v: unknown) => void state.set(k, v),
    keys: () => [...state.keys()],
  },
  secrets: (host.services.context as unknown as { secrets: unknown }).secrets,
};
const waitFor = async (what: string, cond: () => boolean, ms = 10_000) => {
  for (let t = 0; t < ms; t += 25) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting for ${what}`);
};

activate(context as never);

test('every command package.json contributes is registered, and nothing else', () => {
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual([...fake.commandHandlers.keys()].sort(), contributed);
  assert.deepEqual(contributed, Object.values(COMMANDS).sort());
});

test('both tree views, with their providers and options', () => {
  const declared = Object.values(pkg.contributes.views).flatMap((v) => v.map((x) => x.id));
  assert.deepEqual([...fake.treeViews.keys()].sort(), declared.sort());
  const logs = fake.treeViews.get(VIEWS.evalLogs)!;
  assert.ok(logs.options.treeDataProvider instanceof EvalLogTree);
  assert.equal(logs.options.showCollapseAll, true);
  assert.equal(logs.options.canSelectMany, true, 'Compare Two Logs works on a selection of two');
  assert.ok(fake.treeViews.get(VIEWS.archetypeLibrary)!.options.treeDataProvider instanceof ArchetypeLibraryTree);
});

test('every webview panel type can be restored after a reload (a serializer and its activation event)', () => {
  assert.deepEqual([...fake.serializers.keys()].sort(), Object.values(PANELS).sort());
  for (const p of Object.values(PANELS)) assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${p}`), p);
});

test('the worker starts when the Eval Logs view first shows, not at activation; a command reaches it', async () => {
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(existsSync(started), false, 'activation alone starts no worker');
  fake.treeViews.get(VIEWS.evalLogs)!.setVisible(true);
  await waitFor('the worker to start', () => existsSync(started));
  await fake.commandHandlers.get(COMMANDS.clearResultCache)!();
  assert.deepEqual(fake.infoMessages.slice(-1), [
    'Cost-Risk Lab: cached results cleared; views compute their results again.',
  ]);
  fake.treeViews.get(VIEWS.evalLogs)!.setVisible(false);
  fake.treeViews.get(VIEWS.evalLogs)!.setVisible(true);
  assert.equal(readFileSync(started, 'utf8'), 'started\n', 'one worker, started once');
});

test('Open Example Log opens the bundled example in the Model Overview', async () => {
  await fake.commandHandlers.get(COMMANDS.openExampleLog)!();
  const panel = fake.created.at(-1)!;
  assert.equal(panel.viewType, PANELS.modelOverview);
  assert.match(panel.title, /mmlu-llama\.jsonl/);
  panel.dispose();
});

test('a command that fails shows one error naming the command, and resolves instead of throwing', async () => {
  const before = fake.errors.length;
  const execute = host.vs.commands.executeCommand;
  Object.assign(host.vs.commands, {
    executeCommand: async () => {
      throw new Error('no editor for this file');
    },
  });
  try {
    const log = Uri.file(host.log);
    assert.equal(await fake.commandHandlers.get(COMMANDS.openLogFile)!(log), undefined);
  } finally {
    Object.assign(host.vs.commands, { executeCommand: execute });
  }
  assert.deepEqual(fake.errors.slice(before), [
    `Cost-Risk Lab: Command ${COMMANDS.openLogFile} failed: no editor for this file`,
  ]);
});

test('disposing the subscriptions undoes every registration; deactivate has nothing left to do', () => {
  const watchers = fake.watchers.slice();
  for (const d of context.subscriptions) d.dispose();
  assert.equal(fake.commandHandlers.size, 0);
  assert.equal(fake.serializers.size, 0);
  assert.ok([...fake.treeViews.values()].every((v) => v.disposed));
  assert.ok(watchers.length >= 2 && watchers.every((w) => w.disposed), 'the logs and archetype watchers stop');
  assert.equal(deactivate(), undefined);
});
