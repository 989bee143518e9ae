/**
 * The palette and tree commands on the fake `vscode`: registration, what each does with the log it
 * is invoked on (explorer Uri, "Eval Logs" tree node, a view's own argument), and a failing command
 * reported once instead of failing silently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fake, Uri } from './fakes/fakeVscode';
import { fakeHost } from './fakes/fakeHost';

const host = fakeHost();
const handlers = new Map<string, (...args: unknown[]) => unknown>();
Object.assign(host.vs.commands, {
  registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
    assert.ok(!handlers.has(id), `${id} registered twice`);
    handlers.set(id, fn);
    return { dispose: () => handlers.delete(id) };
  },
});

/* eslint-disable @typescript-eslint/no-require-imports -- host modules load after the fake vscode is installed */
const { registerCommands } =
  require('../../src/host/commands/hostCommand') as typeof import('../../src/host/commands/hostCommand');
const { logCommands } =
  require('../../src/host/commands/logCommands') as typeof import('../../src/host/commands/logCommands');
const { econCommands } =
  require('../../src/host/commands/econCommands') as typeof import('../../src/host/commands/econCommands');
const { cacheCommands } =
  require('../../src/host/commands/cacheCommands') as typeof import('../../src/host/commands/cacheCommands');
const { COMMANDS } = require('../../src/host/commandIds') as typeof import('../../src/host/commandIds');
/* eslint-enable @typescript-eslint/no-require-imports */

type Views = import('../../src/host/views').Views;
type Tree = import('../../src/host/logs/evalLogTree').EvalLogTree;

/** Views that record what they were asked to show, by view name. */
function recordingViews(): { views: Views; shown: [string, unknown][] } {
  const shown: [string, unknown][] = [];
  const view = (name: string) => ({ show: (state: unknown) => void shown.push([name, state]) });
  const views = new Proxy({}, { get: (_t, name) => view(String(name)) }) as unknown as Views;
  return { views, shown };
}

const run = (id: string, ...args: unknown[]): unknown => {
  const h = handlers.get(id);
  assert.ok(h, `${id} is registered`);
  return h(...args);
};

test('a command that throws is reported once (command id and error) and resolves to undefined', async () => {
  const before = host.rec.lines.length;
  const subs = host.services.context.subscriptions.length;
  registerCommands(host.services, [
    {
      id: COMMANDS.refreshLogs,
      execute: () => {
        throw new Error('boom');
      },
    },
    { id: COMMANDS.showProblems, execute: async (x) => `ran with ${String(x)}` },
  ]);
  assert.equal(host.services.context.subscriptions.length, subs + 2, 'one disposable per command');
  assert.equal(await run(COMMANDS.refreshLogs), undefined);
  assert.deepEqual(host.rec.lines.slice(before), [`Command ${COMMANDS.refreshLogs} failed: Error: boom`]);
  assert.equal(await run(COMMANDS.showProblems, 7), 'ran with 7');
  for (const d of host.services.context.subscriptions.splice(subs)) d.dispose();
  assert.equal(handlers.size, 0, 'disposing unregisters');
});

test('log commands: the log a command was invoked on opens in the view; refresh, problems, open file', async () => {
  const { views, shown } = recordingViews();
  let refreshed = 0;
  let problemsShown = 0;
  const tree = { refresh: () => void refreshed++ } as unknown as Tree;
  const problems = { ...host.services.problems, show: () => void problemsShown++ };
  const services = { ...host.services, problems } as unknown as typeof host.services;
  const subs = host.services.context.subscriptions.length;
  registerCommands(services, logCommands(services, views, tree));

  await run(COMMANDS.analyzeEvalLog, Uri.file(host.log));
  await run(COMMANDS.analyzeEvalLog, [Uri.file(host.log), Uri.file('/elsewhere.jsonl')]);
  await run(COMMANDS.analyzeEvalLog, { kind: 'log', log: { uri: Uri.file(host.log) } });
  await run(COMMANDS.openExampleLog);
  assert.deepEqual(shown, [
    ['modelOverview', { file: host.log }],
    ['modelOverview', { file: host.log }],
    ['modelOverview', { file: host.log }],
    ['modelOverview', { file: join(host.services.extensionUri.fsPath, 'examples', 'mmlu-llama.jsonl') }],
  ]);
  await run(COMMANDS.refreshLogs);
  await run(COMMANDS.showProblems);
  assert.deepEqual([refreshed, problemsShown], [1, 1]);
  const commandsBefore = host.rec.commands.length;
  await run(COMMANDS.openLogFile, { kind: 'model', file: host.log });
  const [opened] = host.rec.commands.slice(commandsBefore);
  assert.equal(opened[0], 'vscode.open');
  assert.equal((opened[1] as Uri).fsPath, host.log);
  for (const d of host.services.context.subscriptions.splice(subs)) d.dispose();
});

test("Optimal-Model Map: opened from the Economic Evaluation with that view's prices and kinds, else on a log with the defaults", async () => {
  const { views, shown } = recordingViews();
  const subs = host.services.context.subscriptions.length;
  registerCommands(host.services, econCommands(host.services, views));
  const kinds = { models: true, cascades: false, abstention: true, routers: false };
  await run(COMMANDS.openOptimalModelMap, {
    kind: 'econ',
    file: host.log,
    priceAbstain: 0.25,
    kinds,
    overhead: { cost: 0.001, latency: 0.5 },
  });
  await run(COMMANDS.openOptimalModelMap, Uri.file(host.log));
  await run(COMMANDS.openEconomicEvaluation, Uri.file(host.log));
  assert.equal(shown.length, 3);
  assert.equal(shown[0][0], 'optimalModelMap');
  assert.deepEqual(
    { ...(shown[0][1] as object), kind: undefined },
    { kind: undefined, file: host.log, priceAbstain: 0.25, kinds, overhead: { cost: 0.001, latency: 0.5 } },
  );
  assert.deepEqual(shown[1], [
    'optimalModelMap',
    {
      file: host.log,
      priceAbstain: 0,
      kinds: { models: true, cascades: true, abstention: false, routers: false },
      overhead: { cost: 0, latency: 0 },
    },
  ]);
  assert.deepEqual(shown[2], ['economicEvaluation', { file: host.log }]);
  for (const d of host.services.context.subscriptions.splice(subs)) d.dispose();
});

test('Clear Cached Results empties the worker cache and says so once', async () => {
  let cleared = 0;
  const engine = { clearCache: async () => void cleared++ };
  const subs = host.services.context.subscriptions.length;
  registerCommands(host.services, cacheCommands({ engine } as never));
  const infos = fake.infoMessages.length;
  await run(COMMANDS.clearResultCache);
  assert.equal(cleared, 1);
  assert.equal(fake.infoMessages.length, infos + 1);
  assert.match(fake.infoMessages[infos], /cached results cleared/);
  for (const d of host.services.context.subscriptions.splice(subs)) d.dispose();
});
