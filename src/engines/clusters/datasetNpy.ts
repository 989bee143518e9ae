/**
 * NumPy's `.npy` format, version 1.0 (numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * the magic string `\x93NUMPY`, the version bytes 1 and 0, the header's length as a little-endian
 * uint16, the header (a Python dict literal: dtype, order, shape) padded with spaces and ended by a
 * newline so that the data start at a multiple of 64 bytes, then the values in C (row-major) order.
 * `numpy.load` reads the file back; so does any reader of the format.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;
const PREAMBLE = MAGIC.length + 2 + 2;

/** Whether this machine stores numbers little-endian (then a typed array's bytes are the file's bytes). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The preamble and header of an array of `descr` (e.g. `<f8`) with `shape`. */
function npyHeader(descr: string, shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  const padded = Math.ceil((PREAMBLE + dict.length + 1) / ALIGN) * ALIGN - PREAMBLE;
  const text = dict.padEnd(padded - 1, ' ') + '\n';
  const out = new Uint8Array(PREAMBLE + text.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = text.length & 0xff;
  out[9] = text.length >> 8;
  for (let i = 0; i < text.length; i++) out[PREAMBLE + i] = text.charCodeAt(i);
  return out;
}

/** The values' bytes in little-endian order (the typed array's own bytes on a little-endian machine). */
function littleEndianBytes(values: Float64Array | Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.byteLength);
  const view = new DataView(out.buffer);
  if (values instanceof Float64Array) for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  else for (let i = 0; i < values.length; i++) view.setInt32(i * 4, values[i], true);
  return out;
}

/** The points of a data set (n × dim, row-major) as a float64 `.npy` file, in two pieces (header, data). */
export function pointsNpy(X: Float64Array, dim: number): Uint8Array[] {
  return [npyHeader('<f8', [X.length / dim, dim]), littleEndianBytes(X)];
}

/** The cluster labels of a data set as an int32 `.npy` vector, in two pieces (header, data). */
export function labelsNpy(labels: Int32Array): Uint8Array[] {
  return [npyHeader('<i4', [labels.length]), littleEndianBytes(labels)];
}
