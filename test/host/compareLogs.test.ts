/** Compare Two Logs against a fake `vscode`: which two logs the command takes, and what the panel asks the worker. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHost } from './fakes/fakeHost';
import { fake, Uri } from './fakes/fakeVscode';

const h = fakeHost();
/* eslint-disable @typescript-eslint/no-require-imports */
const { twoLogs, compareCommands } =
  require('../../src/host/commands/compareCommands') as typeof import('../../src/host/commands/compareCommands');
const { compareLogsView } =
  require('../../src/host/panels/compareLogsPanel') as typeof import('../../src/host/panels/compareLogsPanel');
/* eslint-enable @typescript-eslint/no-require-imports */

const b = join(h.ws, 'b.jsonl');
writeFileSync(b, '{"query_id":"q1","model":"m","correct":false}\n');
Object.assign(h.services.logs, {
  findLogs: async () => [
    { uri: Uri.file(h.log), adapter: 'native' },
    { uri: Uri.file(b), adapter: 'native' },
  ],
  peek: () => undefined,
});
/** Answers the log pickers in turn with these file names (then dismisses). */
function pickInTurn(...names: string[]): void {
  const queue = [...names];
  fake.quickPickAnswer = (items) => {
    const name = queue.shift();
    return name === undefined ? undefined : items.find((i) => i.label === name);
  };
}

test('Compare Two Logs: two selected logs are taken as they are; one selected, B is picked; from the palette, both', async () => {
  const picks = fake.quickPicks.length;
  // Explorer (and a tree with several items selected): the clicked item, then every selected one.
  assert.deepEqual(await twoLogs([Uri.file(b), [Uri.file(h.log), Uri.file(b)]], h.services), [h.log, b]);
  const tree = (file: string) => ({ kind: 'log', log: { uri: Uri.file(file) } });
  assert.deepEqual(await twoLogs([tree(b), [tree(b), tree(h.log)]], h.services), [b, h.log]);
  assert.equal(fake.quickPicks.length, picks, 'no question when two logs are selected');

  pickInTurn('b.jsonl');
  assert.deepEqual(await twoLogs([Uri.file(h.log), [Uri.file(h.log)]], h.services), [h.log, b]);
  assert.match(String((fake.quickPicks.at(-1)!.options as { title: string }).title), /run B \(A is a\.jsonl\)/);

  pickInTurn('a.jsonl', 'b.jsonl');
  assert.deepEqual(await twoLogs([], h.services), [h.log, b]);
  pickInTurn('a.jsonl');
  assert.equal(await twoLogs([], h.services), undefined, 'dismissing the second picker stops');
  pickInTurn();
  assert.equal(await twoLogs([], h.services), undefined);
});

test('Compare Two Logs: the command opens the panel on both logs; the panel asks the worker for both with the settings', async () => {
  const shown: unknown[] = [];
  const [cmd] = compareCommands(h.services, { compareLogs: { show: (s: unknown) => void shown.push(s) } } as never);
  await cmd.execute(Uri.file(h.log), [Uri.file(h.log), Uri.file(b)]);
  assert.deepEqual(shown, [{ file: h.log, fileB: b }]);

  h.settings.set('correctThreshold', 0.7);
  const panel = h.newPanel('costRiskLab.compareLogs');
  compareLogsView.create(panel as never, { file: h.log, fileB: b }, h.services);
  panel.fromWebview({ type: 'ready' });
  const jobs = h.rec.jobs.length;
  // The fake engine never answers: only the job asked for matters here.
  panel.fromWebview({
    type: 'request',
    requestId: 1,
    method: 'compare',
    params: { selection: { modelA: 'm', modelB: 'm' } },
  });
  await new Promise((r) => setImmediate(r));
  const job = h.rec.jobs[jobs];
  assert.equal(job.job, 'compareLogs');
  assert.deepEqual(
    [job.params.file, job.params.fileB, job.params.selection, job.params.correctThreshold],
    [h.log, b, { modelA: 'm', modelB: 'm' }, 0.7],
  );
  assert.equal(compareLogsView.title({ file: h.log, fileB: b }), 'Compare: a.jsonl vs b.jsonl');
  assert.deepEqual(compareLogsView.parseState({ file: h.log, fileB: b, selection: null }), { file: h.log, fileB: b });
  assert.equal(compareLogsView.parseState({ file: h.log }), undefined, 'both logs are needed to restore it');
  h.settings.delete('correctThreshold');
});
