import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { assertClose } from '../helpers/assertClose';

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

interface Out {
  archetype: { name: string; n_clusters: number; dim: number; n_samples: number };
  datasets: {
    file: string;
    n_samples: number;
    dim: number;
    sizes: number[];
    clusters: { center: number[]; axes: number[][]; axis_lengths: number[]; distribution: string }[];
    overlaps: [number, number, number][];
    converged: boolean;
  }[];
}

test('costrisk generate --archetype --json writes labelled CSVs and prints the issue 6 item 5 object', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-'));
  const file = join(dir, 'a.json');
  writeFileSync(
    file,
    JSON.stringify({ name: 'three_blobs', n_clusters: 3, dim: 3, n_samples: 150, distributions: ['normal'] }),
  );
  const out = join(dir, 'out');
  const r = await run(['generate', '--archetype', file, '--seed', '5', '--n-datasets', '2', '--out', out, '--json']);
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out) as Out;
  assert.deepEqual(Object.keys(o), ['archetype', 'datasets', 'warnings', 'skipped']);
  assert.equal(o.archetype.name, 'three_blobs');
  assert.equal(o.datasets.length, 2);
  for (const d of o.datasets) {
    assert.deepEqual(Object.keys(d), ['file', 'n_samples', 'dim', 'sizes', 'clusters', 'overlaps', 'converged']);
    assert.equal(d.n_samples, 150);
    assert.equal(
      d.sizes.reduce((s, x) => s + x, 0),
      150,
    );
    assert.equal(d.clusters.length, 3);
    assert.equal(d.overlaps.length, 3);
    for (const c of d.clusters) {
      assert.equal(c.axes.length, 3);
      // rows are unit principal axes
      for (const row of c.axes) assertClose(Math.hypot(...row), 1, { abs: 1e-12 }, 'unit axis');
      assert.equal(c.distribution, 'normal');
    }
    assert.ok(d.converged);
    const csv = readFileSync(d.file, 'utf8').trim().split('\n');
    assert.equal(csv[0], 'x1,x2,x3,label');
    assert.equal(csv.length, 151);
    const labels = csv.slice(1).map((l) => Number(l.split(',')[3]));
    for (let k = 0; k < 3; k++) assert.equal(labels.filter((l) => l === k).length, d.sizes[k]);
  }
  assert.deepEqual(
    readdirSync(out).sort(),
    ['three_blobs_1.csv', 'three_blobs_2.csv'],
    'no temporary files left behind',
  );
  // same seed, same files
  const again = await run([
    'generate',
    '--archetype',
    file,
    '--seed',
    '5',
    '--n-datasets',
    '1',
    '--out',
    join(dir, 'again'),
    '--json',
  ]);
  assert.equal(
    readFileSync(join(dir, 'again', 'three_blobs_1.csv'), 'utf8'),
    readFileSync(join(out, 'three_blobs_1.csv'), 'utf8'),
  );
  assert.equal(again.code, 0);
});

test('costrisk generate --describe works offline and names the archetype', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-'));
  const r = await run([
    'generate',
    '--describe',
    'four well separated spherical clusters in 5D with 50 samples each',
    '--out',
    dir,
    '--sphere',
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out) as Out;
  assert.equal(o.archetype.n_clusters, 4);
  assert.equal(o.archetype.dim, 5);
  assert.equal(o.archetype.n_samples, 200);
  assert.equal(o.datasets[0].dim, 6, 'wrapped around the sphere: one more column');
  assert.match(o.archetype.name, /^[a-z_][a-z0-9_]*$/);
});

test('costrisk generate: bad input gives one clear line and exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"n_clusters": 0, "colour": 1}');
  const r1 = await run(['generate', '--archetype', bad, '--out', dir]);
  assert.equal(r1.code, 2);
  assert.match(
    r1.err,
    /bad\.json: unknown field "colour" \(allowed: .*\); n_clusters must be between 1 and 1000, got 0/,
  );
  writeFileSync(bad, '{oops');
  assert.match((await run(['generate', '--archetype', bad, '--out', dir])).err, /bad\.json: not valid JSON/);
  assert.match((await run(['generate', '--out', dir])).err, /exactly one of --archetype/);
  assert.match((await run(['generate', '--describe', 'x', '--out', dir, '--seed', '-3'])).err, /--seed/);
  assert.match((await run(['generate', '--describe', 'x'])).err, /--out DIR is required/);
  assert.match(
    (await run(['generate', '--archetype', join(dir, 'missing.json'), '--out', dir])).err,
    /missing\.json: cannot read \(ENOENT\)/,
  );
});

test('costrisk generate: --out naming a file, and work past the limits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-'));
  const archetype = (fields: object) => {
    const f = join(dir, `a${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(f, JSON.stringify(fields));
    return f;
  };
  const file = join(dir, 'not-a-folder');
  writeFileSync(file, 'x');
  const r1 = await run(['generate', '--archetype', archetype({ n_clusters: 2 }), '--out', file]);
  assert.equal(r1.code, 2);
  assert.equal(r1.err.trim(), `costrisk generate: --out must be a folder: ${file} is a file`);

  const huge = await run([
    'generate',
    '--archetype',
    archetype({ n_clusters: 3, dim: 10000, n_samples: 300 }),
    '--out',
    join(dir, 'huge'),
    '--force',
  ]);
  assert.equal(huge.code, 2, 'refused even with --force');
  assert.match(
    huge.err,
    /^costrisk generate: this needs about [\d.]+ h and [\d.]+ GB of memory .*: more than the 1 h and 4 GB per data set this generator accepts; lower dim to at most [\d,]+\n$/,
  );
  assert.equal(readdirSync(dir).includes('huge'), false, 'nothing created');

  const wide = await run([
    'generate',
    '--archetype',
    archetype({ n_clusters: 3, dim: 1500, n_samples: 300 }),
    '--out',
    join(dir, 'wide'),
  ]);
  assert.equal(wide.code, 2);
  assert.match(
    wide.err,
    /^costrisk generate: this needs about \d+ (s|min) and [\d.]+ MB of memory \(mostly .*\); add --force to run it anyway \(Ctrl-C stops it\), or make the archetype smaller\n$/,
  );
});

test('costrisk generate --format npy writes float64 points and int32 labels; --decimals rounds the CSV', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-npy-'));
  const file = join(dir, 'a.json');
  writeFileSync(file, JSON.stringify({ name: 'two', n_clusters: 2, dim: 3, n_samples: 40, distributions: ['normal'] }));
  const npy = await run(['generate', '--archetype', file, '--seed', '3', '--format', 'npy', '--out', join(dir, 'n')]);
  assert.equal(npy.code, 0, npy.err);
  assert.deepEqual(readdirSync(join(dir, 'n')).sort(), ['two_1.npy', 'two_1_labels.npy']);
  const csv = await run(['generate', '--archetype', file, '--seed', '3', '--out', join(dir, 'c')]);
  assert.equal(csv.code, 0, csv.err);
  const rows = readFileSync(join(dir, 'c', 'two_1.csv'), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1);
  // The .npy holds the same numbers as the exact CSV of the same seed.
  const points = readFileSync(join(dir, 'n', 'two_1.npy'));
  assert.ok(points.subarray(0, 128).toString('latin1').trimEnd().endsWith("'shape': (40, 3), }"));
  const labels = readFileSync(join(dir, 'n', 'two_1_labels.npy'));
  rows.forEach((row, i) => {
    const cells = row.split(',').map(Number);
    for (let d = 0; d < 3; d++) assert.equal(points.readDoubleLE(128 + (i * 3 + d) * 8), cells[d], `x[${i}][${d}]`);
    assert.equal(labels.readInt32LE(128 + i * 4), cells[3], `label ${i}`);
  });
  const rounded = await run([
    'generate',
    '--archetype',
    file,
    '--seed',
    '3',
    '--decimals',
    '2',
    '--out',
    join(dir, 'r'),
  ]);
  assert.equal(rounded.code, 0, rounded.err);
  const roundedRows = readFileSync(join(dir, 'r', 'two_1.csv'), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1);
  roundedRows.forEach((row, i) => {
    const exact = rows[i].split(',');
    assert.deepEqual(row.split(','), [...exact.slice(0, 3).map((c) => Number(c).toFixed(2)), exact[3]], `row ${i}`);
  });
  const bad = await run([
    'generate',
    '--archetype',
    file,
    '--format',
    'npy',
    '--decimals',
    '2',
    '--out',
    join(dir, 'x'),
  ]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--decimals applies to CSV output/);
  const badFormat = await run(['generate', '--archetype', file, '--format', 'parquet', '--out', join(dir, 'x')]);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.err, /--format: "parquet" is not csv or npy/);
  const badDecimals = await run(['generate', '--archetype', file, '--decimals', '2.5', '--out', join(dir, 'x')]);
  assert.equal(badDecimals.code, 2);
});
