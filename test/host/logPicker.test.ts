import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fake, useFakeVscode } from './fakes/fakeVscode';

const vscode = useFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pickEvalLog } = require('../../src/host/logs/logPicker') as typeof import('../../src/host/logs/logPicker');

const dir = mkdtempSync(join(tmpdir(), 'picker-'));
const a = join(dir, 'a.jsonl');
const b = join(dir, 'run.eval');
writeFileSync(a, 'x'.repeat(3000));
writeFileSync(b, 'y'.repeat(10));
type FoundLog = import('../../src/host/logs/findEvalLogs').FoundLog;
// The fake Uri has what the picker reads (fsPath).
const logs = [
  { uri: vscode.Uri.file(a), adapter: 'native' },
  { uri: vscode.Uri.file(b), adapter: 'inspect' },
] as unknown as FoundLog[];
const summaryOf = (models: string[]) => ({
  fatal: null,
  records: 12,
  splits: [{ models: models.map((model) => ({ model })) }],
});
const source = {
  findLogs: async () => logs,
  peek: (f: string) => (f === a ? (summaryOf(['m1', 'm2', 'm3', 'm4', 'm5']) as never) : undefined),
};

test('the workspace logs come first with size and (when read) their models; Browse… and the example last', async () => {
  fake.quickPickAnswer = (items) => items.find((i) => i.label === 'a.jsonl');
  assert.equal(await pickEvalLog(source, { title: 'Choose', exampleLog: '/ext/examples/mmlu-llama.jsonl' }), a);
  const shown = fake.quickPicks.at(-1)!.items;
  assert.deepEqual(
    shown.map((i) => i.label),
    ['a.jsonl', 'run.eval', '', '$(folder-opened) Browse…', '$(book) Open the example log'],
  );
  assert.equal(shown[2].kind, vscode.QuickPickItemKind.Separator);
  assert.match(shown[0].description ?? '', /2\.9 KB$/);
  assert.equal(shown[0].detail, 'eval log · 5 models: m1, m2, m3, m4, +1 · 12 records');
  assert.equal(shown[1].detail, 'Inspect AI log', 'not read yet: only its format, no read is started');
});

test('the example and Browse… entries; dismissing returns nothing; no log in the workspace still offers both', async () => {
  fake.quickPickAnswer = (items) => items.find((i) => /example/.test(i.label));
  assert.equal(await pickEvalLog(source, { title: 'Choose', exampleLog: '/ext/ex.jsonl' }), '/ext/ex.jsonl');
  fake.quickPickAnswer = (items) => items.find((i) => /Browse/.test(i.label));
  fake.openDialogAnswer = [vscode.Uri.file('/elsewhere/log.csv')];
  assert.equal(await pickEvalLog(source, { title: 'Choose', exampleLog: '/ext/ex.jsonl' }), '/elsewhere/log.csv');
  fake.quickPickAnswer = () => undefined;
  assert.equal(await pickEvalLog(source, { title: 'Choose', exampleLog: '/ext/ex.jsonl' }), undefined);
  await pickEvalLog(
    { findLogs: async (): Promise<FoundLog[]> => [], peek: () => undefined },
    { title: 'Choose', exampleLog: '/ext/ex.jsonl' },
  );
  const last = fake.quickPicks.at(-1)!;
  assert.deepEqual(
    last.items.map((i) => i.label),
    ['$(folder-opened) Browse…', '$(book) Open the example log'],
  );
  assert.match((last.options as { placeHolder: string }).placeHolder, /No eval log found/);
});
