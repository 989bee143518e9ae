/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; numbers in
 * full precision; null as an empty field. A text field that starts like a spreadsheet formula
 * (= + - @) gets a leading apostrophe so opening the file cannot run it.
 */
export type CsvValue = string | number | boolean | null;

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
