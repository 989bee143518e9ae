/** Result of splitting one CSV record: its cells, a record whose quoted field runs on, or why it is malformed. */
export type CsvRow = { cells: string[]; open?: undefined; error?: undefined } | { open: true; cells?: undefined; error?: undefined } | { error: string; cells?: undefined; open?: undefined };

/**
 * Splits one CSV record into cells per RFC 4180: comma separators, fields optionally enclosed in
 * double quotes, `""` for a quote inside a quoted field, and line breaks allowed inside quotes
 * (`open` asks the caller to append the next line, joined with `\n`, and call again). A quote inside
 * an unquoted field is taken literally (as Python's csv module does); text after a closing quote is
 * an error naming the 1-based column.
 */
export function splitCsvRow(text: string): CsvRow {
  const cells: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return { open: true };
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      cells.push(value);
      if (i < n && text.charCodeAt(i) !== 44 /* , */) return { error: `unexpected text after the closing quote of column ${cells.length}` };
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      cells.push(text.slice(i, end));
      i = end;
    }
    if (i >= n) return { cells };
    i++; // skip the comma
    if (i === n) {
      cells.push('');
      return { cells };
    }
  }
}
