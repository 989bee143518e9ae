// The coverage of src/ per directory (at most three levels deep: src/host/commands,
// src/engines/logs), summed from c8's json-summary report, as a table for the end of `npm test`.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';

const KINDS = ['lines', 'branches', 'functions'];

/** Covered / total lines, branches and functions per directory, cut to `depth` path segments. */
function sumByDirectory(summary, depth) {
  const dirs = new Map();
  for (const [file, s] of Object.entries(summary)) {
    if (file === 'total') continue;
    const dir = relative(process.cwd(), file).split(sep).slice(0, -1).slice(0, depth).join('/');
    const acc = dirs.get(dir) ?? Object.fromEntries(KINDS.map((k) => [k, { covered: 0, total: 0 }]));
    for (const k of KINDS) {
      acc[k].covered += s[k].covered;
      acc[k].total += s[k].total;
    }
    dirs.set(dir, acc);
  }
  return dirs;
}

/**
 * The table's text: one row per directory (three levels: src/engines/logs) with its files' lines,
 * branches and functions covered, then one row per area with its subdirectories (src/host/**),
 * then the total.
 * @param {string} summaryFile c8's coverage-summary.json (absolute file paths as keys, and "total")
 * @returns {string}
 */
export function coverageByDirectory(summaryFile) {
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  const dirs = sumByDirectory(summary, 3);
  const areas = new Map([...sumByDirectory(summary, 2)].map(([d, acc]) => [d === 'src' ? 'src/*.ts' : `${d}/**`, acc]));
  const pct = ({ covered, total }) => (total === 0 ? '—' : `${((100 * covered) / total).toFixed(1)}%`).padStart(9);
  const width = Math.max(10, ...[...dirs.keys(), ...areas.keys()].map((d) => d.length));
  const row = (name, acc) => `${name.padEnd(width)} ${KINDS.map((k) => pct(acc[k])).join(' ')}`;
  const lines = [`\ncoverage by directory\n${'directory'.padEnd(width)} ${KINDS.map((k) => k.padStart(9)).join(' ')}`];
  for (const dir of [...dirs.keys()].sort()) lines.push(row(dir, dirs.get(dir)));
  lines.push('');
  for (const area of [...areas.keys()].sort()) lines.push(row(area, areas.get(area)));
  lines.push(row('all of src', summary.total));
  return lines.join('\n');
}
