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
/** Answers the format Quick Pick with `label`, and the prices Quick Pick with `prices` (default: the report's defaults). */
const choose = (label: string, prices = "The report's default prices") => {
  fake.quickPickAnswer = (items) => items.find((i) => i.label === label || i.label === prices);
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
    fake.quickPicks.at(-2)!.items.map((i) => i.label),
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
    const label = ['run.jsonl', 'HTML', "The report's default prices"][picks - 1];
    return items.find((i) => i.label === label);
  };
  assert.equal(await exportReport(undefined, h.services), target.fsPath);
  assert.equal(picks, 3, 'the log picker, the format, then the prices');
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

/** The report's settings table row `name` of a Markdown report. */
const settingRow = (text: string, name: string): string | undefined =>
  text.split('\n').find((l) => l.startsWith(`| ${name.replace(/_/g, '\\_')} |`));

test("Export Report: the Economic Evaluation's prices of the same log are offered, used and listed in the report", async () => {
  useEngine();
  const { rememberEconPrices } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../src/host/panels/econPricesInUse') as typeof import('../../src/host/panels/econPricesInUse');
  rememberEconPrices(log, { error: 2.5, latency: 0.01, abstain: 0 });
  choose('Markdown', "The Economic Evaluation's prices");
  fake.saveDialogAnswer = Uri.file(join(h.ws, 'econ-prices.md'));
  const path = await exportReport(Uri.file(log), h.services);
  assert.ok(path);
  const pricePick = fake.quickPicks.at(-1)!;
  assert.deepEqual(
    pricePick.items.map((i) => i.label),
    ["The Economic Evaluation's prices", "The report's default prices", 'Enter prices…'],
  );
  assert.equal(
    (pricePick.items[0] as { description?: string }).description,
    '$2.50 per error; $0.01 per second of latency; abstention not priced',
  );
  assert.deepEqual(runs.at(-1)!.params.rewardPrices, { error: [2.5], latency: [0.01], abstain: null });
  const text = readFileSync(path, 'utf8');
  assert.equal(
    settingRow(text, 'price of error λ_E ($ per wrong answer)'),
    '| price of error λ\\_E ($ per wrong answer) | $2.50 |',
  );
  assert.equal(
    settingRow(text, 'price of latency λ_L ($ per minute)'),
    '| price of latency λ\\_L ($ per minute) | $0.6 |',
  );
  assert.match(text, /\*\*At λ\\_E = \$2\.50 per error, λ\\_L = \$0\.6 per minute, λ\\_A = \$0 per abstention\*\*/);
  // Another log has no Economic Evaluation prices: only the defaults and typed prices are offered.
  const other = join(h.ws, 'other.jsonl');
  writeFileSync(other, readFileSync(log));
  fake.saveDialogAnswer = Uri.file(join(h.ws, 'other.md'));
  await exportReport(Uri.file(other), h.services);
  assert.deepEqual(
    fake.quickPicks.at(-1)!.items.map((i) => i.label),
    ["The report's default prices", 'Enter prices…'],
  );
});

test('Export Report: typed prices are checked as they are typed, used, and a priced abstention adds the models with abstention', async () => {
  useEngine();
  choose('Markdown', 'Enter prices…');
  const boxes: { prompt?: string; value?: string; validateInput?: (t: string) => string | undefined }[] = [];
  const answers = ['1, $10', '0 0.002', '0.5'];
  Object.assign(h.vs.window, {
    showInputBox: async (o: (typeof boxes)[number]) => (boxes.push(o), answers[boxes.length - 1]),
  });
  fake.saveDialogAnswer = Uri.file(join(h.ws, 'typed.md'));
  const path = await exportReport(Uri.file(log), h.services);
  assert.ok(path);
  assert.equal(boxes.length, 3);
  assert.equal(boxes[0].value, '2.5', "the Economic Evaluation's price of this log (previous test), to edit");
  assert.equal(boxes[0].validateInput!('1, abc'), '"abc" is not a price of error (a number ≥ 0, in dollars).');
  assert.equal(boxes[0].validateInput!('-1'), '"-1" is not a price of error (a number ≥ 0, in dollars).');
  assert.equal(boxes[0].validateInput!(''), 'Give at least one price of error.');
  assert.equal(boxes[0].validateInput!('1e400'), '"1e400" is not a price of error (a number ≥ 0, in dollars).');
  assert.equal(boxes[0].validateInput!(Array.from({ length: 21 }, () => '1').join(',')), 'At most 20 price of errors.');
  assert.equal(boxes[0].validateInput!('0.01 1 100'), undefined);
  assert.equal(boxes[2].validateInput!(''), undefined, 'no price of abstention is allowed');
  assert.equal(boxes[2].validateInput!('1, 2'), 'Give one price of abstention.');
  assert.deepEqual(runs.at(-1)!.params.rewardPrices, { error: [1, 10], latency: [0, 0.002], abstain: 0.5 });
  const text = readFileSync(path, 'utf8');
  assert.equal(
    settingRow(text, 'price of error λ_E ($ per wrong answer)'),
    '| price of error λ\\_E ($ per wrong answer) | $1, $10 |',
  );
  assert.equal(
    settingRow(text, 'price of abstention λ_A ($ per abstention)'),
    '| price of abstention λ\\_A ($ per abstention) | $0.5 |',
  );
  // 2 × 2 price combinations, each with its recommendation.
  assert.equal(text.match(/^\*\*At λ\\_E = /gm)?.length, 4);
  assert.match(text, /\+abstain/, 'models with abstention are candidates once abstention has a price');
  // Dismissing a box stops without a job.
  const jobs = runs.length;
  answers[1] = undefined as unknown as string;
  boxes.length = 0;
  assert.equal(await exportReport(Uri.file(log), h.services), null);
  assert.equal(runs.length, jobs);
});

test('exportReport job: unusable prices are one-line report errors, never a crash', async () => {
  const ctx: JobContext = { signal: new AbortController().signal, progress: () => undefined };
  for (const [prices, message] of [
    [{ error: [], latency: [0], abstain: null }, /prices of error must be 1 to 20 values, got 0/],
    [{ error: [1], latency: [Number.NaN], abstain: null }, /prices of latency must be finite numbers ≥ 0, got NaN/],
    [{ error: [1], latency: [0], abstain: -1 }, /price of abstention must be finite numbers ≥ 0, got -1/],
  ] as const)
    await assert.rejects(
      exportReportJob(
        {
          file: log,
          format: 'markdown',
          rewardPrices: { ...prices, error: [...prices.error], latency: [...prices.latency] },
        },
        ctx,
      ),
      (err: Error) => err.name === 'ReportInputError' && message.test(err.message),
    );
});
