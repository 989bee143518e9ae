/**
 * The "Eval Logs" tree on the fake `vscode`, over a real workspace folder and the real LogService
 * (its summaries computed in-process by the worker's own summarizeLog job): which files show as
 * logs, the items a user sees for a log and its models (labels, descriptions, icons, context
 * values, commands, escaped tooltips), unreadable and cancelled reads, and the refresh when files
 * change (debounced rescans on create/delete, a cache drop on change, settings changes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fake, MarkdownString, ThemeIcon, Uri } from './fakes/fakeVscode';
import { fakeHost } from './fakes/fakeHost';

const host = fakeHost();
/* eslint-disable @typescript-eslint/no-require-imports -- host modules load after the fake vscode is installed */
const { EvalLogTree } = require('../../src/host/logs/evalLogTree') as typeof import('../../src/host/logs/evalLogTree');
const { LogService } = require('../../src/host/logs/logService') as typeof import('../../src/host/logs/logService');
const { ProblemReporter } =
  require('../../src/host/problems/problemReporter') as typeof import('../../src/host/problems/problemReporter');
const { summarizeLog } =
  require('../../src/worker/jobs/summarizeLog') as typeof import('../../src/worker/jobs/summarizeLog');
const { COMMANDS, VIEWS } = require('../../src/host/commandIds') as typeof import('../../src/host/commandIds');
/* eslint-enable @typescript-eslint/no-require-imports */

type Node = import('../../src/host/logs/evalLogTree').LogTreeNode;
type Engine = import('../../src/host/engine/engineClient').EngineClient;
type Item = {
  label: string;
  description?: string;
  contextValue?: string;
  collapsibleState: number;
  iconPath?: unknown;
  tooltip?: unknown;
  command?: { command: string; arguments?: unknown[] };
};

// A workspace of its own: two logs (one in a sub-folder), a JSONL file that is no log, a log under
// node_modules, and a CSV of another extension than the glob's.
const ws = join(host.ws, 'tree-ws');
mkdirSync(join(ws, 'runs'), { recursive: true });
mkdirSync(join(ws, 'node_modules', 'pkg'), { recursive: true });
host.vs.workspace.workspaceFolders = [{ uri: Uri.file(ws) }];

/**
 * m-a: 3 of 4 correct at $0.002 a query; m-b: 2 of 4 at $0.001; m-c: 2 of 4 at $0.003 (m-a is
 * more accurate for less, so m-c is off the accuracy-versus-cost frontier); one line is not JSON.
 */
function nativeLog(): string {
  const rows: string[] = [];
  const correct: Record<string, boolean[]> = {
    'm-a': [true, true, true, false],
    'm-b': [true, false, true, false],
    'm-c': [false, true, false, true],
  };
  const cost: Record<string, number> = { 'm-a': 0.002, 'm-b': 0.001, 'm-c': 0.003 };
  for (const model of Object.keys(correct))
    correct[model].forEach((c, i) =>
      rows.push(JSON.stringify({ query_id: `q${i}`, model, correct: c, cost_usd: cost[model], latency_s: 1 })),
    );
  rows.splice(2, 0, 'this line is not JSON');
  return rows.join('\n') + '\n';
}
const mainLog = join(ws, 'runs', 'mmlu.jsonl');
const nameLog = join(ws, 'b **bold** [x](command:y).jsonl');
writeFileSync(mainLog, nativeLog());
writeFileSync(nameLog, '{"query_id":"q","model":"solo","correct":true}\n');
writeFileSync(join(ws, 'queries.jsonl'), '{"id":"a","question":"Q"}\n');
writeFileSync(join(ws, 'node_modules', 'pkg', 'x.jsonl'), '{"query_id":"q","model":"m","correct":true}\n');
writeFileSync(join(ws, 'notes.txt'), 'query_id,model,correct\nq,m,1\n');

/** An engine that runs the summarizeLog job in this process; `hold` makes the next reads wait for a signal. */
function inProcessEngine() {
  const runs: string[] = [];
  const engine = {
    run: (
      job: string,
      params: { file: string },
      opts: { token?: { onCancellationRequested(l: () => void): unknown } },
    ) => {
      assert.equal(job, 'summarizeLog');
      runs.push(params.file);
      const ac = new AbortController();
      opts.token?.onCancellationRequested(() => ac.abort());
      return summarizeLog(params as never, { signal: ac.signal, progress: () => undefined });
    },
  };
  return { engine: engine as unknown as Engine, runs };
}

const { engine, runs } = inProcessEngine();
const problems = new ProblemReporter();
const logs = new LogService(engine, problems);
const tree = new EvalLogTree(logs);
const treeWatcher = fake.watchers.at(-1)!;
const changes: (Node | undefined)[] = [];
tree.onDidChangeTreeData((n) => changes.push(n));
const item = (n: Node) => tree.getTreeItem(n) as unknown as Item;
const waitFor = async (what: string, cond: () => boolean, ms = 5000) => {
  for (let t = 0; t < ms; t += 20) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
};

test('the logs of the workspace, sorted by path: not the JSONL that is no log, not node_modules, not other extensions', async () => {
  const roots = await tree.getChildren();
  assert.deepEqual(
    roots.map((n) => item(n).label),
    ['b **bold** [x](command:y).jsonl', 'mmlu.jsonl'],
  );
  const it = item(roots[1]);
  assert.equal(it.contextValue, 'evalLog');
  assert.equal(it.collapsibleState, host.vs.TreeItemCollapsibleState.Collapsed);
  assert.equal(it.description, 'runs', 'its folder relative to the workspace, nothing read yet');
  assert.deepEqual(it.command, {
    command: COMMANDS.analyzeEvalLog,
    title: 'Analyze Eval Log',
    arguments: [Uri.file(mainLog)],
  });
  assert.equal(item(roots[0]).description, '', 'at the workspace root: no folder');
  assert.deepEqual(
    fake.progress.map((p) => p.location),
    [{ viewId: VIEWS.evalLogs }],
    'the scan shows its progress on the view',
  );
  assert.deepEqual(await tree.getChildren(), roots, 'the same nodes again: no rescan, same identities');
  assert.equal(fake.progress.length, 1);
});

test('a log expands into its models (accuracy, cost per query, frontier star) and a skipped-line entry', async () => {
  const [, log] = await tree.getChildren();
  const children = await tree.getChildren(log);
  const items = children.map(item);
  assert.deepEqual(
    items.map((i) => [i.label, i.description, (i.iconPath as ThemeIcon).id, i.contextValue]),
    [
      ['m-a', '0.750 · $0.002/query', 'star-full', 'evalLogModel'],
      ['m-b', '0.500 · $0.001/query', 'star-full', 'evalLogModel'],
      ['m-c', '0.500 · $0.003/query', 'circle-outline', 'evalLogModel'],
      ['1 skipped line, 0 warnings', undefined, 'warning', 'evalLogInfo'],
    ],
  );
  assert.deepEqual(items[0].command, {
    command: COMMANDS.analyzeEvalLog,
    title: 'Analyze Eval Log',
    arguments: [Uri.file(mainLog)],
  });
  assert.equal(items[3].command?.command, COMMANDS.showProblems);
  const md = items[2].tooltip as MarkdownString;
  assert.match(md.value, /\| accuracy \| 0\.500 \|/);
  assert.match(md.value, /\| cost per query \| \$0\.003 \(from the log\) \|/);
  assert.match(md.value, /\| queries \(n\) \| 4 \|/);
  assert.match(md.value, /Off the frontier/);
  assert.equal(md.isTrusted, false);
  // Once read, the log's own item says so (the tree is told to redraw it).
  await waitFor('the log redrawn', () => changes.includes(log));
  assert.equal(item(log).description, 'runs · 3 models, 1 skipped line');
  assert.match((item(log).tooltip as MarkdownString).value, /12 records · splits: none/);
  assert.match(
    fake.channel.join('\n'),
    /mmlu\.jsonl:3: error: not valid JSON/,
    'the skipped line is reported with its place',
  );
});

test("a log's name is Markdown-escaped in its tooltip: no bold, no command link", async () => {
  const [log] = await tree.getChildren();
  await tree.getChildren(log);
  const md = item(log).tooltip as MarkdownString;
  assert.equal(md.value.split('\n')[0], '**b \\*\\*bold\\*\\* \\[x\\]\\(command\\:y\\)\\.jsonl**');
  assert.equal(md.isTrusted, false);
  assert.equal(md.supportHtml, false);
});

test('an unreadable log shows why, and a failed or cancelled read says so instead of crashing', async () => {
  const bad = join(ws, 'gone.jsonl');
  writeFileSync(bad, '{"query_id":"q","model":"m","correct":true}\n');
  tree.refresh();
  const roots = await tree.getChildren();
  const node = roots.find((n) => item(n).label === 'gone.jsonl')!;
  rmSync(bad); // deleted between the scan and the expand
  const [info] = await tree.getChildren(node);
  assert.equal(item(info).contextValue, 'evalLogInfo');
  assert.match(item(info).label, /^Could not be read: /);
  assert.equal(item(info).command?.command, COMMANDS.showProblems);
  await waitFor('the log redrawn', () => changes.includes(node));
  assert.match(item(node).description ?? '', /unreadable$/);

  const failing = new EvalLogTree({
    ...logs,
    onDidChange: logs.onDidChange,
    invalidate: () => undefined,
    summary: async () => {
      throw new Error('worker exploded\n    at secret.js:1');
    },
  } as unknown as InstanceType<typeof LogService>);
  const cancelled = new EvalLogTree({
    onDidChange: logs.onDidChange,
    invalidate: () => undefined,
    summary: async () => {
      throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    },
  } as unknown as InstanceType<typeof LogService>);
  const logNode: Node = { kind: 'log', log: { uri: Uri.file(mainLog) as never, adapter: 'native' } };
  const [f] = await failing.getChildren(logNode);
  assert.equal(item(f).label, 'Could not read this log');
  assert.equal(((failing.getTreeItem(f) as unknown as Item).iconPath as ThemeIcon).id, 'error');
  const [c] = await cancelled.getChildren(logNode);
  assert.deepEqual(
    [(cancelled.getTreeItem(c) as unknown as Item).label, (c as { tooltip: string }).tooltip],
    ['Reading cancelled', 'Refresh to read it again.'],
  );
  failing.dispose();
  cancelled.dispose();
});

test('file changes: a new or deleted log rescans once after the burst; an edit re-reads only that log; node_modules is ignored', async () => {
  const watcher = treeWatcher;
  assert.equal(watcher.glob, '**/*.{jsonl,json,csv,eval}');
  const scans = fake.progress.length;
  const added = join(ws, 'runs', 'new.jsonl');
  writeFileSync(added, '{"query_id":"q","model":"m-new","correct":false}\n');
  changes.length = 0;
  for (let i = 0; i < 5; i++) watcher.fire('create', added);
  watcher.fire('create', join(ws, 'node_modules', 'pkg', 'y.jsonl'));
  await waitFor('the debounced refresh', () => changes.includes(undefined));
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(changes.filter((c) => c === undefined).length, 1, 'five events, one refresh');
  const roots = await tree.getChildren();
  assert.equal(fake.progress.length, scans + 1, 'one rescan');
  assert.deepEqual(
    roots.map((n) => item(n).label),
    ['b **bold** [x](command:y).jsonl', 'mmlu.jsonl', 'new.jsonl'],
  );

  // An edit: no rescan; the cached summary is dropped, the next expand reads the new content.
  const log = roots[1];
  const before = runs.length;
  writeFileSync(mainLog, nativeLog().replace(/"model":"m-c"/g, '"model":"m-d"'));
  changes.length = 0;
  watcher.fire('change', mainLog);
  assert.deepEqual(changes, [log], 'only that log is redrawn');
  const models = (await tree.getChildren(log)).map((n) => item(n).label);
  assert.deepEqual(models.slice(0, 3), ['m-a', 'm-b', 'm-d']);
  assert.equal(runs.length, before + 1);
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(fake.progress.length, scans + 1, 'an edit does not rescan');
});

test('a settings change re-creates the watcher with the new glob and rescans; dispose stops watching', async () => {
  const old = treeWatcher;
  host.settings.set('logGlob', '**/*.csv');
  changes.length = 0;
  host.configChanged.fire({ affectsConfiguration: (s) => s === 'costRiskLab' });
  assert.equal(old.disposed, true);
  assert.equal(fake.watchers.at(-1)!.glob, '**/*.csv');
  assert.ok(changes.includes(undefined));
  assert.deepEqual(await tree.getChildren(), [], 'no CSV log in this workspace');
  host.settings.delete('logGlob');
  tree.dispose();
  assert.equal(fake.watchers.at(-1)!.disposed, true);
  logs.dispose();
  problems.dispose();
});
