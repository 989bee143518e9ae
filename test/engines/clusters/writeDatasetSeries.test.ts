import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeArchetype } from '../../../src/engines/clusters/validateArchetype';
import { generateDataset } from '../../../src/engines/clusters/generateDataset';
import {
  writeDatasetSeries,
  type DatasetOutput,
  type DatasetSeries,
} from '../../../src/node/clusters/writeDatasetSeries';
import { SYNC_WRITE_BYTES, writeDatasetFile } from '../../../src/node/clusters/seriesShare';
import { helpersFor } from '../../../src/node/clusters/datasetSeriesThreads';

const archetype = makeArchetype({
  name: 'series',
  n_clusters: 3,
  dim: 4,
  n_samples: 120,
  aspect_ref: 1.5,
  distributions: ['normal', 'exponential'],
});

/** Runs `f` in a fresh temporary folder, removed afterwards. */
async function inTempDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crl-series-'));
  try {
    await f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The values of a version-1 .npy file (after its 10-byte preamble and header; copied, so aligned). */
function npyBytes(file: string): ArrayBuffer {
  const b = readFileSync(file);
  return new Uint8Array(b.subarray(10 + b.readUInt16LE(8))).buffer;
}
const pointsOf = (file: string): Float64Array => new Float64Array(npyBytes(file));
const labelsOf = (file: string): Int32Array => new Int32Array(npyBytes(file));
const npyIn = (dir: string): DatasetOutput => ({ dir, format: 'npy', naming: 'seed' });
const never = new AbortController().signal;

/** Writes `count` data sets from seed 7 with `helpers` helper threads; what onWritten saw, in order. */
async function series(
  dir: string,
  count: number,
  helpers: number,
  signal = never,
): Promise<[number, number, string][]> {
  const written: [number, number, string][] = [];
  await writeDatasetSeries({
    archetype,
    firstSeed: 7,
    count,
    signal,
    helpers,
    output: npyIn(dir),
    onWritten: (d, [path], i) => written.push([i, d.seed, path]),
  });
  return written;
}

/** Every file the series left is whole: each data set's points and labels as generated on the spot from its seed. */
function assertGenerated(dir: string, seeds: number[]): void {
  for (const seed of seeds) {
    const fresh = generateDataset(archetype, { seed });
    assert.deepEqual(pointsOf(join(dir, `series_seed${seed}.npy`)), fresh.X, `seed ${seed}`);
    assert.deepEqual(labelsOf(join(dir, `series_seed${seed}_labels.npy`)), fresh.labels, `labels, seed ${seed}`);
  }
}

test('each data set is written as generated from its own seed, reported in order', () =>
  inTempDir(async (dir) => {
    const written = await series(dir, 4, 0);
    assert.deepEqual(
      written.map(([i, seed, path]) => [i, seed, path]),
      [7, 8, 9, 10].map((seed, i) => [i, seed, join(dir, `series_seed${seed}.npy`)]),
    );
    assertGenerated(dir, [7, 8, 9, 10]);
    assert.equal(readdirSync(dir).length, 8, 'no temporary file left');
  }));

test('with helper threads: the same files, still reported in the order of the series', () =>
  inTempDir(async (dir) => {
    for (const helpers of [1, 3]) {
      const sub = join(dir, `h${helpers}`);
      mkdirSync(sub);
      const written = await series(sub, 12, helpers);
      assert.deepEqual(
        written.map(([i, seed]) => [i, seed]),
        Array.from({ length: 12 }, (_, i) => [i, 7 + i]),
        `${helpers} helpers`,
      );
      assertGenerated(
        sub,
        Array.from({ length: 12 }, (_, i) => 7 + i),
      );
      assert.equal(readdirSync(sub).length, 24, 'no temporary file left');
    }
  }));

test('a long series takes helpers only where they pay: a second core, enough work, memory for every thread', () => {
  const big = makeArchetype({ name: 'big', n_clusters: 4, dim: 100, n_samples: 4000 });
  const job = (a = big, count = 50) => ({ archetype: a, firstSeed: 1, count, output: npyIn('.') });
  assert.equal(helpersFor(job(big, 1)), 0, 'one data set');
  assert.equal(helpersFor(job(archetype, 3)), 0, 'a few small data sets');
  const cores = availableParallelism();
  assert.equal(helpersFor(job()), Math.min(cores - 1, 3));
  const huge = makeArchetype({ name: 'huge', n_clusters: 4, dim: 100, n_samples: 400000 });
  assert.equal(helpersFor(job(huge, 4)), 0, 'each data set takes hundreds of megabytes');
});

test('cancelled after the first data set: the series stops with the reason, only whole files remain', () =>
  inTempDir(async (dir) => {
    const controller = new AbortController();
    await assert.rejects(
      writeDatasetSeries({
        archetype,
        firstSeed: 1,
        count: 5,
        signal: controller.signal,
        helpers: 0,
        output: npyIn(dir),
        onWritten: () => controller.abort(new Error('stopped by the user')),
      }),
      /stopped by the user/,
    );
    assert.deepEqual(readdirSync(dir).sort(), ['series_seed1.npy', 'series_seed1_labels.npy']);
  }));

test('cancelled with helper threads: every thread stops, only whole files remain, none written after', () =>
  inTempDir(async (dir) => {
    const big = makeArchetype({ name: 'series', n_clusters: 3, dim: 20, n_samples: 20000 });
    const controller = new AbortController();
    let reported = 0;
    await assert.rejects(
      writeDatasetSeries({
        archetype: big,
        firstSeed: 1,
        count: 40,
        signal: controller.signal,
        helpers: 2,
        output: npyIn(dir),
        onWritten: () => {
          if (++reported === 2) controller.abort(new Error('stopped by the user'));
        },
      }),
      /stopped by the user/,
    );
    const left = readdirSync(dir).sort();
    assert.ok(left.length >= 4 && left.length < 80, `${left.length} files`);
    assert.ok(
      left.every((f) => /^series_seed\d+(_labels)?\.npy$/.test(f)),
      `only whole files: ${left.join(', ')}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(readdirSync(dir).sort(), left, 'no thread writes after the series has ended');
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
      // claims to be past the synchronous limit, so it takes the chunked path
      writeDatasetFile(
        { path: join(dir, 'big.bin'), pieces: chunks(), bytes: SYNC_WRITE_BYTES + 1 },
        controller.signal,
      ),
      /cancelled mid-file/,
    );
    assert.deepEqual(readdirSync(dir), [], 'neither the file nor its temporary copy');
  }));

/** A series of `count` data sets from seed 1, once with each number of helpers: each run must fail with `message`. */
async function failsEachWay(
  helperCounts: number[],
  count: number,
  output: DatasetOutput,
  message: RegExp,
  onWritten?: DatasetSeries['onWritten'],
): Promise<void> {
  for (const helpers of helperCounts)
    await assert.rejects(
      writeDatasetSeries({ archetype, firstSeed: 1, count, signal: never, helpers, output, onWritten }),
      message,
      `${helpers} helpers`,
    );
}

test('a file that cannot be written fails the series with the file system error, with or without helpers', () =>
  inTempDir(async (dir) => {
    await failsEachWay(
      [0, 2],
      6,
      npyIn(join(dir, 'missing-folder')),
      /ENOENT: no such file or directory, open '.*missing-folder/,
    );
    assert.deepEqual(readdirSync(dir), []);
  }));

test('what the receiver of a written data set throws fails the series, also when a helper wrote it', () =>
  inTempDir((dir) =>
    failsEachWay([0, 1], 30, npyIn(dir), /the receiver failed/, (_d, _paths, i) => {
      if (i === 20) throw new Error('the receiver failed');
    }),
  ));

test('a series cancelled without an Error for a reason ends with an AbortError, on one thread or several, and writes nothing', () =>
  inTempDir(async (dir) => {
    for (const helpers of [0, 2]) {
      for (const reason of [undefined, 'closed by the user']) {
        const controller = new AbortController();
        controller.abort(reason);
        await assert.rejects(series(dir, 6, helpers, controller.signal), { name: 'AbortError' }, `${helpers} helpers`);
      }
    }
    assert.deepEqual(readdirSync(dir), []);
  }));
