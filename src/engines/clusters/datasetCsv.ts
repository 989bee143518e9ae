/** Characters per chunk of the streamed writers (about 1 MB: small enough to stay in young memory). */
const CHUNK_CHARS = 1 << 20;

/**
 * A generated data set as CSV: columns x1..xp and a final `label` column (cluster index from 0),
 * numbers in shortest round-trip form so the file reproduces the data exactly.
 */
export function datasetToCsv(X: Float64Array, labels: Int32Array, dim: number): string {
  return Array.from(datasetCsvChunks(X, labels, dim)).join('');
}

/**
 * The CSV of datasetToCsv in pieces of about a megabyte, for writing a data set of any size
 * without building one string (V8 strings stop near 512 Mi characters).
 */
export function* datasetCsvChunks(X: Float64Array, labels: Int32Array, dim: number): Generator<string, void, void> {
  let chunk = '';
  for (let d = 0; d < dim; d++) {
    chunk += `x${d + 1},`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  chunk += 'label\n';
  const row = new Array<string>(dim + 1);
  for (let i = 0; i < labels.length; i++) {
    for (let d = 0; d < dim; d++) row[d] = String(X[i * dim + d]);
    row[dim] = String(labels[i]);
    chunk += row.join(',') + '\n';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
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
