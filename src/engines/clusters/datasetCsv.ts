/**
 * A generated data set as CSV: columns x1..xp and a final `label` column (cluster index from 0),
 * numbers in shortest round-trip form so the file reproduces the data exactly.
 */
export function datasetToCsv(X: Float64Array, labels: Int32Array, dim: number): string {
  const header = Array.from({ length: dim }, (_, d) => `x${d + 1}`).join(',') + ',label';
  const lines = new Array<string>(labels.length + 1);
  lines[0] = header;
  const row = new Array<string>(dim + 1);
  for (let i = 0; i < labels.length; i++) {
    for (let d = 0; d < dim; d++) row[d] = String(X[i * dim + d]);
    row[dim] = String(labels[i]);
    lines[i + 1] = row.join(',');
  }
  return lines.join('\n') + '\n';
}
