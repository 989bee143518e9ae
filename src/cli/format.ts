import { maxOf } from '../shared/arrays';
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
