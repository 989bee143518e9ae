import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { runCli } from '../helpers/runCli';
import { jobCtx } from '../webview/viewFixture';

let dir = '';
let log = '';
let byHand = '';
const SUBJECTS = ['anatomy', 'virology', 'law'];
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'summary-slice-'));
  log = join(dir, 'subjects.jsonl');
  byHand = join(dir, 'anatomy-only.jsonl');
  const rows = [];
  for (let q = 0; q < 90; q++)
    for (const [k, model] of ['small', 'large'].entries())
      rows.push({
        query_id: `q${q}`,
        model,
        subject: SUBJECTS[q % 3],
        correct: (q * (k + 3)) % 5 < 2 + k,
        cost_usd: 0.001 * (k + 1) * (1 + (q % 4)),
        latency_s: 0.2 + 0.1 * k + (q % 3) / 10,
        split: q % 2 ? 'train' : 'test',
      });
  writeFileSync(log, rows.map((r) => JSON.stringify(r)).join('\n'));
  writeFileSync(
    byHand,
    rows
      .filter((r) => r.subject === 'anatomy')
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('summarizeLog with a slice: the models equal costrisk summary --where and the log filtered by hand; the fields equal costrisk fields', async () => {
  const sliced = await summarizeLog({ file: log, where: { field: 'subject', value: 'anatomy' } }, jobCtx);
  assert.deepEqual(sliced.where, { field: 'subject', value: 'anatomy' });
  const cli = JSON.parse((await runCli('summary', log, '--where', 'subject=anatomy', '--json')).out) as {
    models: unknown[];
  };
  assert.deepEqual(sliced.splits[0].models, cli.models);
  const hand = await summarizeLog({ file: byHand }, jobCtx);
  assert.deepEqual(sliced.splits[0].models, hand.splits[0].models);
  assert.deepEqual(
    sliced.splits.map((s) => s.split),
    ['', 'test', 'train'],
  );
  const cliTest = JSON.parse(
    (await runCli('summary', log, '--where', 'subject=anatomy', '--split', 'test', '--json')).out,
  ) as { models: unknown[] };
  assert.deepEqual(sliced.splits[1].models, cliTest.models);
  assert.equal(
    sliced.splits[0].models.reduce((n, m) => n + m.n, 0),
    60,
    '30 anatomy queries × 2 models',
  );

  const fields = JSON.parse((await runCli('fields', log, '--json')).out) as { fields: unknown[] };
  assert.deepEqual(sliced.fields, fields.fields, 'the fields of the whole log, not of the slice');
  assert.equal(sliced.records, 180);
});

test('summarizeLog with a slice the log does not have: every record, and a warning naming the values', async () => {
  const s = await summarizeLog({ file: log, where: { field: 'subject', value: 'chemistry' } }, jobCtx);
  assert.equal(s.where, null);
  assert.equal(
    s.splits[0].models.reduce((n, m) => n + m.n, 0),
    180,
  );
  assert.match(
    s.problems.at(-1)?.reason ?? '',
    /field "subject" has no value "chemistry"; its values: .*anatomy.*; every record is shown$/,
  );
  assert.equal(s.warningCount, 1);
});
