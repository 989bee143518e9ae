import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHost } from './fakes/fakeHost';
import { fake, Uri } from './fakes/fakeVscode';
import type { JobContext } from '../../src/worker/workerProtocol';

const h = fakeHost();
/* eslint-disable @typescript-eslint/no-require-imports */
const { exportReport } =
  require('../../src/host/commands/reportCommands') as typeof import('../../src/host/commands/reportCommands');
const { exportReport: exportReportJob } =
  require('../../src/worker/jobs/exportReport') as typeof import('../../src/worker/jobs/exportReport');
/* eslint-enable @typescript-eslint/no-require-imports */

// Two models on 60 queries, half train and half test: small enough for the real job in a unit test.
const log = join(h.ws, 'run.jsonl');
writeFileSync(
  log,
  Array.from({ length: 120 }, (_, i) => {
    const q = i >> 1;
    const strong = i % 2 === 1;
    return JSON.stringify({
      query_id: `q${q}`,
      model: strong ? 'big' : 'small',
      correct: strong ? q % 5 !== 0 : q % 3 === 0,
      cost_usd: strong ? 0.01 : 0.001,
      confidence: ((q * 7) % 10) / 10,
      split: q < 30 ? 'train' : 'test',
    });
  }).join('\n'),
);

interface Run {
  job: string;
  params: Record<string, unknown>;
  opts: { title: string; progress?: unknown };
}
const runs: Run[] = [];
/** The engine runs `answer` (default: the real job, in process). */
function useEngine(answer?: (params: Record<string, unknown>) => Promise<unknown>): void {
  Object.assign(h.services.engine, {
    run: (job: string, params: Record<string, unknown>, opts: Run['opts']) => {
      runs.push({ job, params, opts });
      const ctx: JobContext = { signal: new AbortController().signal, progress: () => undefined };
      return answer ? answer(params) : exportReportJob(params as never, ctx);
    },
  });
}
const saveOptions: { defaultUri?: Uri; filters?: Record<string, string[]> }[] = [];
Object.assign(h.vs.window, {
  showSaveDialog: async (o: (typeof saveOptions)[number]) => (saveOptions.push(o), fake.saveDialogAnswer),
});
const choose = (label: string) => {
  fake.quickPickAnswer = (items) => items.find((i) => i.label === label);
};
/** Lets the "saved" message's button handler run. */
const settle = () => new Promise((r) => setImmediate(r));

test('Export Report: Markdown from the tree item, with the extension settings, written atomically', async () => {
  useEngine();
  h.settings.set('correctThreshold', 0.6);
  choose('Markdown');
  fake.saveDialogAnswer = Uri.file(join(h.ws, 'run-report.md'));
  fake.infoAnswer = 'Open';
  const before = h.rec.commands.length;
  const path = await exportReport({ kind: 'log', log: { uri: Uri.file(log) } }, h.services);
  assert.equal(path, join(h.ws, 'run-report.md'));
  assert.deepEqual(
    fake.quickPicks.at(-1)!.items.map((i) => i.label),
    ['HTML', 'Markdown'],
  );
  assert.equal(saveOptions.at(-1)!.defaultUri?.fsPath, join(h.ws, 'run-report.md'), 'beside the log, named after it');
  assert.deepEqual(saveOptions.at(-1)!.filters, { Markdown: ['md'] });
  const run = runs.at(-1)!;
  assert.equal(run.job, 'exportReport');
  assert.deepEqual([run.params.file, run.params.format, run.params.correctThreshold], [log, 'markdown', 0.6]);
  assert.equal(run.opts.progress, 'notification', 'progress with a Cancel button');
  const text = readFileSync(path, 'utf8');
  assert.match(text, /^## Cost-Risk Lab report$/m);
  assert.ok(text.includes(createHash('sha256').update(readFileSync(log)).digest('hex')), 'the log hash');
  assert.match(text, /\| correct when score ≥ \| 0\.6 \|/);
  assert.match(fake.infoMessages.at(-1)!, /^Cost-Risk Lab: saved run-report\.md\. At λ_E = \$0\.01 per error/);
  await settle();
  assert.deepEqual(h.rec.commands.slice(before), [['vscode.open', fake.saveDialogAnswer]]);
  assert.deepEqual(
    readdirSync(h.ws).filter((f) => f.endsWith('.tmp')),
    [],
    'no temporary file left',
  );
  h.settings.delete('correctThreshold');
});

test('Export Report: HTML offers Open in Browser; the palette asks for the log first', async () => {
  useEngine();
  const target = Uri.file(join(h.ws, 'page.html'));
  fake.saveDialogAnswer = target;
  fake.infoAnswer = 'Open in Browser';
  Object.assign(h.services.logs, {
    findLogs: async () => [{ uri: Uri.file(log), adapter: 'native' }],
    peek: () => undefined,
  });
  let picks = 0;
  fake.quickPickAnswer = (items) => {
    picks++;
    return picks === 1 ? items.find((i) => i.label === 'run.jsonl') : items.find((i) => i.label === 'HTML');
  };
  assert.equal(await exportReport(undefined, h.services), target.fsPath);
  assert.equal(picks, 2, 'the log picker, then the format');
  const page = readFileSync(target.fsPath, 'utf8');
  assert.match(page, /^<!DOCTYPE html>/i);
  assert.doesNotMatch(page, /<script/i);
  await settle();
  assert.equal(fake.openedExternally.at(-1), target);
});

test('Export Report: stops without a job when a question is dismissed or the workspace is not trusted', async () => {
  useEngine();
  const jobs = runs.length;
  choose('nothing');
  assert.equal(await exportReport(Uri.file(log), h.services), null);
  choose('HTML');
  fake.saveDialogAnswer = undefined;
  assert.equal(await exportReport(Uri.file(log), h.services), null);
  const picks = fake.quickPicks.length;
  h.vs.workspace.isTrusted = false;
  try {
    assert.equal(await exportReport(Uri.file(log), h.services), null);
  } finally {
    h.vs.workspace.isTrusted = true;
  }
  assert.equal(fake.quickPicks.length, picks, 'no question asked in Restricted Mode');
  assert.match(fake.warnings.at(-1)!.message, /Saving files needs a trusted workspace/);
  assert.equal(runs.length, jobs);
});

test('Export Report: cancelled, refused and unwritable reports write nothing and say why in one line; a bug is not hidden', async () => {
  choose('HTML');
  const target = join(h.ws, 'never.html');
  fake.saveDialogAnswer = Uri.file(target);
  const failing = (name: string, message: string) => () => Promise.reject(Object.assign(new Error(message), { name }));
  const errors = fake.errors.length;
  useEngine(failing('AbortError', 'Cancelled'));
  assert.equal(await exportReport(Uri.file(log), h.services), null);
  assert.equal(fake.errors.length, errors, 'cancelling is not an error');
  useEngine(failing('ReportInputError', 'no query was answered by every model (a, b) in split "test"'));
  assert.equal(await exportReport(Uri.file(log), h.services), null);
  assert.equal(
    fake.errors.at(-1),
    'Cost-Risk Lab: no report: no query was answered by every model (a, b) in split "test"',
  );
  useEngine(failing('TypeError', 'x is undefined'));
  await assert.rejects(exportReport(Uri.file(log), h.services), /x is undefined/);
  assert.throws(() => readFileSync(target), /ENOENT/);

  useEngine(async () => ({ text: '<p>r</p>', headlines: [] }));
  fake.saveDialogAnswer = Uri.file(join(h.ws, 'no-such-folder', 'r.html'));
  assert.equal(await exportReport(Uri.file(log), h.services), null);
  assert.match(fake.errors.at(-1)!, /^Cost-Risk Lab: cannot write .*no-such-folder.*r\.html \(ENOENT\)$/);
});
