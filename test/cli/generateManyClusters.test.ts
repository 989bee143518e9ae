import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';

// A regression of size: it runs the same code as generate.test.ts's small archetypes, a thousand times
// over, so this file runs without coverage instrumentation (scripts/coveredElsewhere.mjs).

test('costrisk generate: 1,000 clusters are allowed and made', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-many-'));
  try {
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify({ n_clusters: 1000, n_samples: 2000 }));
    // 499,500 pair overlaps, once spread into Math.max and overflowing the stack.
    const many = await runCli('generate', '--archetype', file, '--out', join(dir, 'many'));
    assert.equal(many.code, 0, many.err);
    assert.match(many.out, /2000 x 2, sizes .*, max pair overlap 0\.0\d+/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
