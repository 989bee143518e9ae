import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/shared/fs/writeFileAtomic';

test('writeFileAtomic: writes, replaces, leaves no temporary file, fails cleanly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crl-atomic-'));
  try {
    const f = join(dir, 'out.csv');
    await writeFileAtomic(f, 'a,b\r\n');
    await writeFileAtomic(f, Buffer.from('c,d\r\n'));
    assert.equal(readFileSync(f, 'utf8'), 'c,d\r\n');
    assert.deepEqual(readdirSync(dir), ['out.csv']);
    mkdirSync(join(dir, 'isdir'));
    writeFileSync(join(dir, 'isdir', 'x'), '');
    await assert.rejects(writeFileAtomic(join(dir, 'isdir'), 'x'), 'cannot replace a folder');
    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'f.csv'), 'x'));
    assert.deepEqual(readdirSync(dir).sort(), ['isdir', 'out.csv'], 'no temporary file left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
