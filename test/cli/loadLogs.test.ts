import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLogs } from '../../src/cli/loadLogs';
import { CliReport } from '../../src/cli/cliReport';
import { RecordTable } from '../../src/engines/logs/recordTable';
import { realLog } from '../helpers/paths';

const TWO = ['llama3.1-8b', 'llama3.2-1b'];

test('recordsOf builds only the named models’ records from the table: the records of all, filtered', async () => {
  const file = realLog('mmlu-llama');
  // The log has train and test: no split is drawn, so nothing builds the records before recordsOf.
  const some = await loadLogs([file], {}, new CliReport(), { fit: {} });
  assert.ok(some.view instanceof RecordTable, 'read into a table, kept as it is');
  const chosen = some.recordsOf(TWO);
  const all = (await loadLogs([file], {}, new CliReport(), { fit: {} })).records;
  assert.equal(all.length, 9080);
  assert.deepEqual(
    chosen,
    all.filter((r) => TWO.includes(r.model)),
  );
  assert.equal(chosen.length, 2 * 1816);
  assert.deepEqual(some.models, ['llama3.2-1b', 'llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b']);
  assert.deepEqual([...new Set(all.map((r) => r.model))], some.models, 'in order of first appearance');
  // After the records were built, recordsOf filters them (the same objects).
  const built = await loadLogs([file], {}, new CliReport(), {});
  const every = built.records;
  assert.deepEqual(
    built.recordsOf(['llama3.1-405b']),
    every.filter((r) => r.model === 'llama3.1-405b'),
  );
  assert.equal(
    built.recordsOf(['llama3.1-405b'])[0],
    every.find((r) => r.model === 'llama3.1-405b'),
  );
});

test('recordsOf on a log without splits gives the drawn split, and a --where filter applies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'costrisk-loadlogs-'));
  try {
    const file = join(dir, 'nosplit.jsonl');
    const lines = readFileSync(realLog('mmlu-qwen-oai'), 'utf8').trim().split('\n');
    writeFileSync(
      file,
      lines
        .map((l) => {
          const o = JSON.parse(l) as Record<string, unknown>;
          delete o.split;
          return JSON.stringify(o);
        })
        .join('\n'),
    );
    const report = new CliReport();
    const logs = await loadLogs([file], {}, report, { fit: {} });
    assert.match(report.warnings.map((w) => w.message).join('\n'), /split at random/);
    const gpt = logs.recordsOf(['gpt-4o']);
    assert.deepEqual(
      gpt,
      logs.records.filter((r) => r.model === 'gpt-4o'),
    );
    assert.deepEqual([...new Set(gpt.map((r) => r.split))].sort(), ['test', 'train']);
    const where = await loadLogs([realLog('mmlu-qwen-oai')], { where: ['split=test'] }, new CliReport(), {});
    assert.ok(where.recordsOf(['gpt-4o']).every((r) => r.split === 'test' && r.model === 'gpt-4o'));
    assert.ok(where.recordsOf(['gpt-4o']).length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
