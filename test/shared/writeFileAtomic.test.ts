import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/shared/fs/writeFileAtomic';

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

test('writeFileAtomicSync: writes chunks, replaces, leaves no temporary file; a failing source leaves the old file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crl-atomic-sync-'));
  try {
    const f = join(dir, 'out.npy');
    writeFileAtomicSync(f, Buffer.from('old'));
    writeFileAtomicSync(f, [Buffer.from('ab'), new Uint8Array(0), Buffer.from('cd')]);
    assert.equal(readFileSync(f, 'utf8'), 'abcd');
    writeFileAtomicSync(f, ['é', Buffer.from('x'), '']);
    assert.equal(readFileSync(f, 'utf8'), 'éx', 'text pieces as UTF-8');
    writeFileAtomicSync(f, 'ab');
    writeFileAtomicSync(f, [Buffer.from('ab'), 'cd']);
    assert.equal(readFileSync(f, 'utf8'), 'abcd');
    assert.deepEqual(readdirSync(dir), ['out.npy']);
    function* failing(): Generator<Uint8Array, void, void> {
      yield Buffer.from('half');
      throw new Error('cancelled');
    }
    assert.throws(() => writeFileAtomicSync(f, failing()), /cancelled/);
    assert.equal(readFileSync(f, 'utf8'), 'abcd', 'the target keeps its old content');
    mkdirSync(join(dir, 'isdir'));
    writeFileSync(join(dir, 'isdir', 'x'), '');
    assert.throws(() => writeFileAtomicSync(join(dir, 'isdir'), Buffer.from('x')), 'cannot replace a folder');
    assert.throws(() => writeFileAtomicSync(join(dir, 'missing', 'f.npy'), Buffer.from('x')));
    assert.deepEqual(readdirSync(dir).sort(), ['isdir', 'out.npy'], 'no temporary file left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
