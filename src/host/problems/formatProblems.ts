/**
 * Plain-text report of what went wrong while reading a log, one problem per line as
 * `file:line: severity: reason` (VS Code turns `file:line` into a link in the output channel).
 * No `vscode` import: tested in plain Node.
 */
import type { LogSummary } from '../../protocol/logSummary';
import { displayLine } from '../text/displayText';

/** Every piece taken from the log (names, reasons quoting values) is one clean line: a line break in a model name cannot forge a line. */
const one = (s: string): string => displayLine(s, 2000);

export function formatProblems(summary: LogSummary, now = new Date()): string {
  const file = one(summary.file);
  const head = summary.fatal
    ? `${file}: could not be read: ${one(summary.fatal)}`
    : `${file}: ${summary.records} record(s) read from ${summary.linesRead} line(s) (${summary.adapter ?? 'unknown'} format); ${summary.skippedCount} skipped, ${summary.warningCount} warning(s)`;
  const lines = [`[${now.toISOString()}] ${head}`];
  for (const p of summary.problems) {
    if (summary.fatal && p.line === null && p.file === summary.file && p.reason === summary.fatal) continue;
    lines.push(`  ${one(p.file)}${p.line !== null ? `:${p.line}` : ''}: ${p.severity}: ${one(p.reason)}`);
  }
  if (summary.problemsOmitted > 0) lines.push(`  ... and ${summary.problemsOmitted} more problem(s) not listed`);
  if (summary.missingFields.length)
    lines.push(`  note: no record has ${summary.missingFields.map((f) => `"${one(f)}"`).join(', ')}`);
  for (const s of summary.splits) for (const n of s.notes) lines.push(`  note (${one(s.label)}): ${one(n)}`);
  return lines.join('\n');
}

/** The one-line notification text, or null when there is nothing the user must know now. */
export function problemHeadline(summary: LogSummary, displayName: string): string | null {
  if (summary.fatal) return one(`${displayName} could not be read: ${summary.fatal}`);
  if (summary.skippedCount === 0) return null;
  const first = summary.problems.find((p) => p.severity === 'error');
  const where = first ? ` (first: line ${first.line ?? '-'}: ${first.reason})` : '';
  return one(
    `${displayName}: ${summary.skippedCount} line(s) skipped${where}; the ${summary.records} valid record(s) were analysed.`,
  );
}
