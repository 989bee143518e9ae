import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    (s) => (out += s + '\n'),
    (s) => (err += s + '\n'),
  );
  return { code, out, err };
}

interface Cell {
  archetype: string;
  algorithm: string;
  convex: boolean;
  ami: { mean: number; se: number } | null;
  ari: { mean: number; se: number } | null;
  noise: { mean: number; se: number } | null;
  runs: number;
}

test('costrisk benchmark-clustering --archetype --json: one cell per algorithm with finite AMI/ARI over N data sets', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const file = join(dir, 'a.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'three_far_blobs',
      n_clusters: 3,
      dim: 2,
      n_samples: 150,
      max_overlap: 1e-6,
      min_overlap: 1e-7,
      distributions: ['normal'],
    }),
  );
  const r = await run(['benchmark-clustering', '--archetype', file, '--n-datasets', '3', '--seed', '4', '--json']);
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out) as { seed: number; datasetsPerArchetype: number; cells: Cell[]; warnings: unknown[] };
  assert.equal(o.seed, 4);
  assert.deepEqual(
    o.cells.map((c) => c.algorithm),
    ['gmm', 'kmeans', 'spectral', 'ward', 'hdbscan'],
  );
  for (const c of o.cells) {
    assert.equal(c.runs, 3);
    assert.ok(
      c.ami && Number.isFinite(c.ami.mean) && Number.isFinite(c.ami.se) && c.ari && Number.isFinite(c.ari.mean),
      JSON.stringify(c),
    );
    // overlap 1e-6: K-Means (10 restarts), spectral and Ward separate the blobs; EM-GMM runs once from
    // k-means++ seeds (the thesis's setting) and may keep two seeds in one blob, so it is not held to it
    if (['kmeans', 'spectral', 'ward'].includes(c.algorithm))
      assert.ok(c.ami.mean > 0.95, `${c.algorithm} ${c.ami.mean}`);
  }
  assert.ok(o.cells.find((c) => c.algorithm === 'hdbscan')!.noise !== null);
  // text output names every algorithm and the seeds
  const t = await run([
    'benchmark-clustering',
    '--archetype',
    file,
    '--n-datasets',
    '2',
    '--algorithms',
    'kmeans,ward',
  ]);
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /three_far_blobs \(convex\)/);
  assert.match(t.out, /K-Means +1\.000 \(0\.000\)/);
  assert.match(t.out, /seeds 1\.\.2/);
});

test('costrisk benchmark-clustering: usage errors are one line with exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['benchmark-clustering'], /exactly one of --archetype/],
    [['benchmark-clustering', '--table-5.2', '--describe', 'x'], /exactly one of/],
    [['benchmark-clustering', '--table-5.2', '--algorithms', 'kmeans,dbscan'], /--algorithms: unknown "dbscan"/],
    [['benchmark-clustering', '--table-5.2', '--shapes', 'round'], /--shapes: unknown "round"/],
    [['benchmark-clustering', '--table-5.2', '--n-datasets', '0'], /--n-datasets/],
    [['benchmark-clustering', '--archetype', '/nonexistent/a.json'], /a\.json/],
  ];
  for (const [args, re] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});
