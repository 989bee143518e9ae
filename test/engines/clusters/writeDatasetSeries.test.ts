import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeArchetype } from '../../../src/engines/clusters/validateArchetype';
import { generateDataset, type GeneratedDataset } from '../../../src/engines/clusters/generateDataset';
import { SYNC_WRITE_BYTES, writeDatasetSeries, type DatasetFile } from '../../../src/node/clusters/writeDatasetSeries';

const archetype = makeArchetype({
  name: 'series',
  n_clusters: 3,
  dim: 4,
  n_samples: 120,
  aspect_ref: 1.5,
  distributions: ['normal', 'exponential'],
});

/** The points and labels of a data set as raw little-endian bytes, one file each. */
function rawFiles(dir: string, d: GeneratedDataset): DatasetFile[] {
  const X = new Uint8Array(d.X.buffer, d.X.byteOffset, d.X.byteLength);
  return [
    { path: join(dir, `s${d.seed}.f64`), pieces: [X], bytes: X.length },
    {
      path: join(dir, `s${d.seed}.labels`),
      pieces: [new Uint8Array(d.labels.buffer, d.labels.byteOffset, d.labels.byteLength)],
      bytes: 4 * d.n,
    },
  ];
}

/** Runs `f` in a fresh temporary folder, removed afterwards. */
async function inTempDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crl-series-'));
  try {
    await f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A file's bytes as numbers (copied: a small file's Buffer may start anywhere in a shared pool). */
const pointsOf = (file: string): Float64Array => new Float64Array(new Uint8Array(readFileSync(file)).buffer);
const labelsOf = (file: string): Int32Array => new Int32Array(new Uint8Array(readFileSync(file)).buffer);

test('each data set is written as generated from its own seed, though each reuses the memory of the one before', () =>
  inTempDir(async (dir) => {
    const started: number[] = [];
    const written: [number, number, string[]][] = [];
    const seen = new Set<Float64Array>();
    await writeDatasetSeries({
      archetype,
      firstSeed: 7,
      count: 4,
      signal: new AbortController().signal,
      files: (d) => {
        seen.add(d.X);
        return rawFiles(dir, d);
      },
      onStart: (i) => started.push(i),
      onWritten: (d, paths, i) => written.push([i, d.seed, paths]),
    });
    assert.deepEqual(started, [0, 1, 2, 3]);
    assert.deepEqual(
      written.map(([i, seed]) => [i, seed]),
      [
        [0, 7],
        [1, 8],
        [2, 9],
        [3, 10],
      ],
    );
    assert.equal(seen.size, 1, 'one array for the points of the whole series');
    for (const seed of [7, 8, 9, 10]) {
      const fresh = generateDataset(archetype, { seed });
      assert.deepEqual(pointsOf(join(dir, `s${seed}.f64`)), fresh.X, `seed ${seed}`);
      assert.deepEqual(labelsOf(join(dir, `s${seed}.labels`)), fresh.labels, `labels, seed ${seed}`);
    }
    assert.equal(readdirSync(dir).length, 8, 'no temporary file left');
  }));

test('cancelled after the first data set: the series stops with the reason, only whole files remain', () =>
  inTempDir(async (dir) => {
    const controller = new AbortController();
    await assert.rejects(
      writeDatasetSeries({
        archetype,
        firstSeed: 1,
        count: 5,
        signal: controller.signal,
        files: (d) => rawFiles(dir, d),
        onWritten: () => controller.abort(new Error('stopped by the user')),
      }),
      /stopped by the user/,
    );
    assert.deepEqual(readdirSync(dir).sort(), ['s1.f64', 's1.labels']);
  }));

test('a large file is written chunk by chunk and a cancel between chunks leaves nothing under its name', () =>
  inTempDir(async (dir) => {
    const controller = new AbortController();
    function* chunks(): Generator<Uint8Array, void, void> {
      yield new Uint8Array(8);
      controller.abort(new Error('cancelled mid-file'));
      yield new Uint8Array(8);
    }
    await assert.rejects(
      writeDatasetSeries({
        archetype,
        firstSeed: 1,
        count: 1,
        signal: controller.signal,
        // claims to be past the synchronous limit, so it takes the chunked path
        files: () => [{ path: join(dir, 'big.bin'), pieces: chunks(), bytes: SYNC_WRITE_BYTES + 1 }],
      }),
      /cancelled mid-file/,
    );
    assert.deepEqual(readdirSync(dir), [], 'neither the file nor its temporary copy');
  }));

test('a file that cannot be written fails the series with the file system error', () =>
  inTempDir(async (dir) => {
    await assert.rejects(
      writeDatasetSeries({
        archetype,
        firstSeed: 1,
        count: 2,
        signal: new AbortController().signal,
        files: (d) => rawFiles(join(dir, 'missing-folder'), d),
      }),
      /ENOENT/,
    );
    assert.deepEqual(readdirSync(dir), []);
  }));
