import { readFileSync, writeFileSync } from 'node:fs';

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
