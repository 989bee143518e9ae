import { test } from 'node:test';
import assert from 'node:assert/strict';
import { datasetCsvChunks, datasetToCsv } from '../../../src/engines/clusters/datasetCsv';
import { labelsNpy, pointsNpy } from '../../../src/engines/clusters/datasetNpy';
import { CHUNK_BYTES } from '../../../src/engines/clusters/asciiChunks';
import { Rng } from '../../../src/engines/numeric/rng';

/** Values of many magnitudes and signs, with the awkward ones (integers, -0, halves, huge, tiny). */
function awkwardValues(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const special = [0, -0, 1, -1, 0.5, -0.5, 2.5, 1.005, 123456789, -1e-9, 1e-7, 5e-324, 1e12, -3e15, 1e21, 0.1 + 0.2];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] =
      i < special.length
        ? special[i]
        : (rng.uniform() - 0.5) *
          10 ** Math.floor(rng.uniform() * 24 - 8) *
          (i % 7 === 0 ? Math.round(rng.uniform() * 9) : 1);
  return out;
}

/** The CSV as the writer made it before the byte writer (rows of String(x) joined by commas): the reference. */
function referenceCsv(X: Float64Array, labels: Int32Array, dim: number, cell: (x: number) => string): string {
  const lines = [[...Array.from({ length: dim }, (_, d) => `x${d + 1}`), 'label'].join(',')];
  for (let i = 0; i < labels.length; i++)
    lines.push([...Array.from(X.subarray(i * dim, (i + 1) * dim), cell), String(labels[i])].join(','));
  return lines.join('\n') + '\n';
}

test('CSV numbers in shortest form are String(x) exactly and read back to the same doubles', () => {
  const dim = 4;
  const X = awkwardValues(4000 * dim, 7);
  const labels = Int32Array.from({ length: 4000 }, (_, i) => i % 13);
  const csv = datasetToCsv(X, labels, dim);
  assert.equal(csv, referenceCsv(X, labels, dim, String));
  const back = csv
    .trimEnd()
    .split('\n')
    .slice(1)
    .flatMap((row) => row.split(',').slice(0, dim).map(Number));
  assert.deepEqual(
    Float64Array.from(back),
    X.map((x) => (x === 0 ? 0 : x)),
  );
});

test('CSV with --decimals D writes what toFixed(D) writes, for every D from 0 to 15', () => {
  const dim = 5;
  const X = awkwardValues(2000 * dim, 11);
  const labels = Int32Array.from({ length: 2000 }, (_, i) => i % 3);
  for (let decimals = 0; decimals <= 15; decimals++) {
    const csv = datasetToCsv(X, labels, dim, { decimals });
    // toFixed is exact decimal rounding (ECMA-262 Number.prototype.toFixed): the independent reference.
    // Equal byte for byte: the fast path hands every value it could round differently to toFixed.
    assert.equal(
      csv,
      referenceCsv(X, labels, dim, (x) => x.toFixed(decimals)),
      `decimals ${decimals}`,
    );
  }
  // Values a rounding error away from a half-way point after scaling (x·10^D lands on .5 or next to it).
  const near = Float64Array.from(
    { length: 4000 },
    (_, i) => ((i % 2 ? 1 : -1) * (Math.floor(i / 2) + 0.5)) / 10 ** (i % 9),
  );
  for (const decimals of [0, 1, 3, 6, 8])
    assert.equal(
      datasetToCsv(near, new Int32Array(4000), 1, { decimals }),
      referenceCsv(near, new Int32Array(4000), 1, (x) => x.toFixed(decimals)),
      `near ties, decimals ${decimals}`,
    );
  assert.throws(() => datasetToCsv(X, labels, dim, { decimals: 16 }), /decimals must be an integer in \[0, 15\]/);
  assert.throws(() => datasetToCsv(X, labels, dim, { decimals: 1.5 }), /decimals/);
});

test('a CSV larger than a chunk comes in chunks of at most CHUNK_BYTES that join to the whole file', () => {
  const dim = 30;
  const n = 5000;
  const X = awkwardValues(n * dim, 3);
  const labels = Int32Array.from({ length: n }, (_, i) => i % 4);
  const chunks = [...datasetCsvChunks(X, labels, dim)];
  assert.ok(chunks.length >= 2, `${chunks.length} chunks`);
  for (const c of chunks) assert.ok(c.length <= CHUNK_BYTES, `chunk of ${c.length} bytes`);
  const joined = Buffer.concat(chunks).toString('latin1');
  assert.equal(joined, referenceCsv(X, labels, dim, String));
  // A header wider than a chunk (a 100,000-dimensional data set) is still written whole.
  const wide = Buffer.concat([...datasetCsvChunks(new Float64Array(200_000), new Int32Array(2), 100_000)]).toString();
  assert.equal(wide.split('\n')[0].split(',').length, 100_001);
});

test('.npy files carry the header numpy.save writes and the values as little-endian float64 / int32', () => {
  // The headers numpy 2.4 np.save wrote for np.zeros((3, 2)), np.zeros(5, dtype='<i4') and
  // np.zeros((4000, 100)) (printed with repr on this machine): the format's reference.
  const numpyHeader = (shape: string, descr: string) =>
    `\x93NUMPY\x01\x00v\x00{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`.padEnd(127, ' ') + '\n';
  const X = Float64Array.from([1.5, -2, 3e-300, Math.PI, 0, -0]);
  const [head, data] = pointsNpy(X, 2);
  assert.equal(Buffer.from(head).toString('latin1'), numpyHeader('(3, 2)', '<f8'));
  assert.equal(
    Buffer.from(pointsNpy(new Float64Array(400_000), 100)[0]).toString('latin1'),
    numpyHeader('(4000, 100)', '<f8'),
  );
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  assert.equal(data.byteLength, 48);
  for (let i = 0; i < X.length; i++) assert.ok(Object.is(view.getFloat64(i * 8, true), X[i]), `value ${i}`);
  const [lhead, ldata] = labelsNpy(Int32Array.from([0, 4, 1, 2, 3]));
  assert.equal(Buffer.from(lhead).toString('latin1'), numpyHeader('(5,)', '<i4'));
  assert.deepEqual([...Buffer.from(ldata)], [0, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]);
});
