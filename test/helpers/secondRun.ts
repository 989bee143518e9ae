import { after, before } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes a "second run" of a JSONL log, as after a prompt change: every 50th line dropped (queries
 * only one run answered), every 7th answer's correctness flipped, every cost 10% higher. The
 * changes depend only on the line number, so a test can recompute them.
 */
export function writeSecondRun(from: string, to: string): void {
  const lines = readFileSync(from, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i % 50 === 0) return;
    const r = JSON.parse(line) as Record<string, unknown>;
    if (i % 7 === 0) r.correct = !r.correct;
    if (typeof r.cost_usd === 'number') r.cost_usd *= 1.1;
    out.push(JSON.stringify(r));
  });
  writeFileSync(to, out.join('\n') + '\n');
}

/**
 * A temporary folder, made before the calling file's tests and removed after them, that holds
 * `after`: a second run of `baseline` (writeSecondRun). Read the fields inside tests.
 */
export function secondRunFolder(baseline: string, prefix: string): { dir: string; after: string } {
  const folder = { dir: '', after: '' };
  before(() => {
    folder.dir = mkdtempSync(join(tmpdir(), prefix));
    folder.after = join(folder.dir, 'after.jsonl');
    writeSecondRun(baseline, folder.after);
  });
  after(() => rmSync(folder.dir, { recursive: true, force: true }));
  return folder;
}
