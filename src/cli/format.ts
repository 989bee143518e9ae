import { maxOf } from '../shared/arrays';
/** Formats a number for the human-readable CLI output; '-' for null. */
export function fmt(x: number | null | undefined, digits: number, style: 'f' | 'e' = 'f'): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '-';
  return style === 'e' ? x.toExponential(Math.max(0, digits - 4)) : x.toFixed(digits);
}

/** A plain left-aligned text table. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(
      h.length,
      maxOf(
        rows.map((r) => r[i]?.length ?? 0),
        0,
      ),
    ),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
