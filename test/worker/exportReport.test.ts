import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportReport, ReportInputError } from '../../src/worker/jobs/exportReport';
import type { JobContext } from '../../src/worker/workerProtocol';
import { runCli } from '../helpers/runCli';
import { realLog } from '../helpers/paths';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'worker-report-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ctx = (): JobContext & { fractions: number[] } => {
  const fractions: number[] = [];
  return { signal: new AbortController().signal, progress: (f) => fractions.push(f), fractions };
};

/** The report's time stamp is the only part that may differ between two runs on the same log. */
const undated = (text: string): string => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>');

test("exportReport job: the worker's HTML and Markdown reports equal costrisk report's on the same log", async () => {
  const log = realLog('medmcqa-qwen-oai');
  const html = join(dir, 'r.html');
  const md = join(dir, 'r.md');
  const cli = await runCli('report', log, '--out', html, '--markdown', md);
  assert.equal(cli.code, 0, cli.err);
  const c = ctx();
  const page = await exportReport({ file: log, format: 'html' }, c);
  const cliPage = readFileSync(html, 'utf8');
  assert.notEqual(undated(cliPage), cliPage, 'the time stamp is there to be masked');
  assert.equal(undated(page.text), undated(cliPage));
  assert.equal(c.fractions.at(-1), 1);
  assert.ok(
    c.fractions.every((f, i) => i === 0 || f >= c.fractions[i - 1]),
    'progress never goes back',
  );
  const summary = await exportReport({ file: log, format: 'markdown' }, ctx());
  assert.equal(undated(summary.text), undated(readFileSync(md, 'utf8')));
  // The headlines are the CLI's text output after "wrote …".
  assert.deepEqual(page.headlines, cli.out.split('\n').slice(1));
  assert.equal(page.headlines.length, 3, 'one per default price of error');
});

test('exportReport job: the extension settings are the report settings; a log it cannot use is a ReportInputError', async () => {
  const log = realLog('medmcqa-qwen-oai');
  const r = await exportReport(
    {
      file: log,
      format: 'markdown',
      correctThreshold: 0.7,
      inspectScorer: 'match',
      prices: { x: { input: 1, output: 2 } },
    },
    ctx(),
  );
  assert.match(r.text, /\| correct when score ≥ \| 0\.7 \|/);
  assert.match(r.text, /\| Inspect AI scorer \| match \|/);
  assert.match(r.text, /\| token prices from the settings \| \{"x":\{"input":1,"output":2\}\} \|/);

  const missing = join(dir, 'missing.jsonl');
  await assert.rejects(exportReport({ file: missing, format: 'html' }, ctx()), (e: Error) => {
    assert.ok(e instanceof ReportInputError);
    assert.match(e.message, /missing\.jsonl/);
    return true;
  });
  // Two models that never answered the same test query: no system can be compared on test.
  const oneModel = join(dir, 'disjoint.jsonl');
  const rows = Array.from({ length: 30 }, (_, q) =>
    JSON.stringify({
      query_id: `q${q}`,
      model: q % 2 ? 'a' : 'b',
      correct: q % 3 === 0,
      split: q < 15 ? 'train' : 'test',
    }),
  );
  writeFileSync(oneModel, rows.join('\n'));
  await assert.rejects(exportReport({ file: oneModel, format: 'html' }, ctx()), (e: Error) => {
    assert.ok(e instanceof ReportInputError);
    assert.match(e.message, /no query was answered by every model/);
    return true;
  });
  const cli = await runCli('report', oneModel, '--out', join(dir, 'one.html'));
  assert.equal(cli.code, 2, 'the CLI refuses the same log as a user error');
  assert.match(cli.err, /no query was answered by every model/);
});

test("exportReport job at the user's prices: the Markdown equals costrisk report's with the same --price-* flags", async () => {
  const log = realLog('medmcqa-qwen-oai');
  const md = join(dir, 'priced.md');
  const cli = await runCli(
    'report',
    log,
    '--out',
    join(dir, 'priced.html'),
    '--markdown',
    md,
    '--price-error',
    '0.5,20',
    '--price-latency',
    '0.001',
    '--price-abstain',
    '0.2',
  );
  assert.equal(cli.code, 0, cli.err);
  const r = await exportReport(
    { file: log, format: 'markdown', rewardPrices: { error: [0.5, 20], latency: [0.001], abstain: 0.2 } },
    ctx(),
  );
  assert.equal(undated(r.text), undated(readFileSync(md, 'utf8')));
  assert.equal(r.headlines.length, 2, 'one per price of error');
  assert.match(r.text, /\+ abstain/, 'the priced abstention brings in the models with abstention');
});
