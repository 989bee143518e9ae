import { AsciiChunks } from './asciiChunks';

/** Characters per chunk of the streamed JSON writer (about 1 MB: small enough to stay in young memory). */
const CHUNK_CHARS = 1 << 20;

/** How the CSV writes numbers: `decimals` (0–15) rounds them to that many places (faster, smaller files). */
export interface CsvNumberOptions {
  decimals?: number;
}

/**
 * A generated data set as CSV: columns x1..xp and a final `label` column (cluster index from 0),
 * numbers in shortest round-trip form so the file reproduces the data exactly (or rounded to
 * `decimals` places).
 */
export function datasetToCsv(X: Float64Array, labels: Int32Array, dim: number, opts: CsvNumberOptions = {}): string {
  const decoder = new TextDecoder();
  let out = '';
  for (const chunk of datasetCsvChunks(X, labels, dim, opts)) out += decoder.decode(chunk);
  return out;
}

/**
 * The CSV of datasetToCsv as ASCII bytes in chunks of about a megabyte, for writing a data set of
 * any size without building one string (V8 strings stop near 512 Mi characters) or a string per row.
 */
export function* datasetCsvChunks(
  X: Float64Array,
  labels: Int32Array,
  dim: number,
  opts: CsvNumberOptions = {},
): Generator<Uint8Array, void, void> {
  const decimals = opts.decimals;
  if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 15))
    throw new RangeError(`decimals must be an integer in [0, 15], got ${decimals}`);
  // About 25 bytes a number at most in shortest form (fewer rounded), a label and a newline per row.
  const out = new AsciiChunks(dim * 6 + labels.length * (dim * (decimals === undefined ? 25 : decimals + 8) + 12));
  for (let d = 0; d < dim; d++) {
    out.text(`x${d + 1},`);
    if (out.full) yield out.take();
  }
  out.text('label\n');
  for (let i = 0, k = 0; i < labels.length; i++) {
    for (let d = 0; d < dim; d++, k++) {
      if (decimals === undefined) out.shortest(X[k]);
      else out.fixed(X[k], decimals);
      out.byte(44 /* , */);
      if (out.full) yield out.take();
    }
    out.shortest(labels[i]);
    out.byte(10 /* \n */);
  }
  const last = out.rest();
  if (last.length) yield last;
}

/**
 * A JSON object `{...head, "X": [[row], ...], "labels": [...]}` in pieces of about a megabyte:
 * `head` (small: archetype and summary) is serialised whole, the data row by row.
 */
export function* datasetJsonChunks(
  head: Record<string, unknown>,
  X: Float64Array,
  labels: Int32Array,
  dim: number,
): Generator<string, void, void> {
  const start = JSON.stringify(head);
  let chunk = `${start.slice(0, -1)}${start.length > 2 ? ',' : ''}"X":[`;
  for (let i = 0; i < labels.length; i++) {
    let row = i ? ',[' : '[';
    for (let d = 0; d < dim; d++) row += (d ? ',' : '') + JSON.stringify(X[i * dim + d]);
    chunk += row + ']';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  chunk += '],"labels":[';
  for (let i = 0; i < labels.length; i++) {
    chunk += (i ? ',' : '') + String(labels[i]);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + ']}';
}
