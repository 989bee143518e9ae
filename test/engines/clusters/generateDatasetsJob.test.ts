import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDatasets } from '../../../src/worker/jobs/generateDatasets';
import { PREVIEW_POINTS } from '../../../src/protocol/datasetGenerator';
import { projectTo2d } from '../../../src/engines/clusters/projectTo2d';
import { assertClose } from '../../helpers/assertClose';

const ctx = { signal: new AbortController().signal, progress: () => undefined };

test('generateDatasets job: preview with PCA above 2-D, histogram and silhouette; invalid archetype is a clear error', async () => {
  const r = await generateDatasets(
    {
      archetype: { n_clusters: 4, dim: 6, n_samples: 300, distributions: ['normal'] },
      seed: 2,
      distort: false,
      sphere: false,
    },
    ctx,
  );
  const p = r.preview!;
  assert.equal(p.xy.length, 600);
  assert.equal(p.labels.length, 300);
  assert.ok(p.explained! > 0 && p.explained! <= 1);
  assert.equal(p.histogram.pairs, 6);
  assert.ok(p.silhouette! > 0);
  await assert.rejects(
    generateDatasets({ archetype: { n_clusters: -1 }, seed: 1, distort: false, sphere: false }, ctx),
    /invalid archetype: n_clusters must be between 1/,
  );
  const big = await generateDatasets(
    { archetype: { n_clusters: 3, dim: 2, n_samples: 30000 }, seed: 1, distort: false, sphere: false },
    ctx,
  );
  assert.equal(big.preview!.labels.length, PREVIEW_POINTS, 'preview subsampled');
  assert.equal(big.preview!.n, 30000);
});

test('generateDatasets job: export writes CSV, JSON or NumPy files with consecutive seeds and no temporary files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-job-'));
  /** `count` data sets of a 2-cluster archetype from seed 7, written to `dir` in `format`. */
  const exportAs = (format: 'csv' | 'json' | 'npy', count: number) =>
    generateDatasets(
      {
        archetype: { name: 'demo', n_clusters: 2, n_samples: 50 },
        seed: 7,
        distort: false,
        sphere: false,
        outDir: dir,
        count,
        format,
      },
      ctx,
    );
  const csv = await exportAs('csv', 2);
  assert.deepEqual(
    csv.files.map((f) => f.slice(dir.length + 1)),
    ['demo_seed7.csv', 'demo_seed8.csv'],
  );
  const json = await exportAs('json', 1);
  const o = JSON.parse(readFileSync(json.files[0], 'utf8')) as {
    X: number[][];
    labels: number[];
    clusters: unknown[];
    archetype: { name: string };
  };
  assert.equal(o.X.length, 50);
  assert.equal(o.labels.length, 50);
  assert.equal(o.clusters.length, 2);
  // the JSON holds the same data as the CSV of the same seed
  const first = readFileSync(join(dir, 'demo_seed7.csv'), 'utf8').split('\n')[1].split(',').map(Number);
  assert.deepEqual(first, [...o.X[0], o.labels[0]]);
  assert.deepEqual(readdirSync(dir).sort(), ['demo_seed7.csv', 'demo_seed7.json', 'demo_seed8.csv']);
  // NumPy: the points (float64, 50 × 2) and the labels (int32), the same numbers as the CSV
  const npy = await exportAs('npy', 1);
  assert.deepEqual(
    npy.files.map((f) => f.slice(dir.length + 1)),
    ['demo_seed7.npy'],
  );
  const points = readFileSync(join(dir, 'demo_seed7.npy'));
  const header = points.subarray(10, 10 + points.readUInt16LE(8)).toString('latin1');
  assert.match(header, /'descr': '<f8', 'fortran_order': False, 'shape': \(50, 2\)/);
  const X = new Float64Array(new Uint8Array(points.subarray(10 + points.readUInt16LE(8))).buffer);
  assert.deepEqual([X[0], X[1]], first.slice(0, 2));
  const labels = readFileSync(join(dir, 'demo_seed7_labels.npy'));
  assert.equal(new Int32Array(new Uint8Array(labels.subarray(10 + labels.readUInt16LE(8))).buffer)[0], first[2]);
  assert.deepEqual(readdirSync(dir).sort(), [
    'demo_seed7.csv',
    'demo_seed7.json',
    'demo_seed7.npy',
    'demo_seed7_labels.npy',
    'demo_seed8.csv',
  ]);
});

test('projectTo2d finds the principal plane of a flat 3-D cloud', () => {
  // points on the plane z = 0 with variances 9 and 1: PCA must explain all of the variance
  const X = new Float64Array(300);
  for (let i = 0; i < 100; i++) {
    X[3 * i] = 3 * Math.cos(i);
    X[3 * i + 1] = Math.sin(3 * i);
  }
  assertClose(projectTo2d(X, 3).explained!, 1, { abs: 1e-9 }, 'explained variance');
});
