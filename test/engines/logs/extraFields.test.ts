/** "anything else: kept" (eval-log format v1): other numeric and boolean fields become `extra` metrics. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';

test('native JSONL and CSV keep other numbers and booleans as extra metrics; strings and objects are not kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'extra-'));
  try {
    const jsonl = join(dir, 'log.jsonl');
    writeFileSync(
      jsonl,
      [
        '{"query_id": 1, "model": "m", "correct": true, "toxicity": 0.02, "pii_leak": false, "note": "fine", "meta": {"a": 1}, "cost_usd": 0.001}',
        '{"query_id": 2, "model": "m", "correct": false, "toxicity": NaN, "pii_leak": true}',
        '{"query_id": 3, "model": "m", "correct": true}',
      ].join('\n'),
    );
    const log = await readEvalLog(jsonl);
    assert.deepEqual(
      log.records.map((r) => r.extra),
      [{ toxicity: 0.02, pii_leak: false }, { pii_leak: true }, undefined],
      'NaN is not a measurement; no extras: no property',
    );
    assert.equal(log.records[0].costUsd, 0.001, 'known fields are not extras');

    const csv = join(dir, 'log.csv');
    writeFileSync(csv, 'query_id,model,correct,toxicity,pii_leak,note\n1,m,true,0.02,false,fine\n2,m,false,,TRUE,ok\n');
    const c = await readEvalLog(csv);
    assert.deepEqual(
      c.records.map((r) => r.extra),
      [{ toxicity: 0.02, pii_leak: false }, { pii_leak: true }],
    );
    assert.ok(
      c.warnings.some(
        (w) =>
          w.reason ===
          'other column(s) toxicity, pii_leak, note: numbers and true/false values are kept as extra metrics, anything else is not used',
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
