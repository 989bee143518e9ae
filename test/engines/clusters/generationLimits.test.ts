import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose } from '../../helpers/assertClose';
import { makeArchetype } from '../../../src/engines/clusters/validateArchetype';
import {
  estimateGeneration,
  GENERATION_LIMITS,
  judgeGeneration,
} from '../../../src/engines/clusters/estimateGeneration';
import { generateDatasetAsync, generateDatasetSteps } from '../../../src/engines/clusters/generateDataset';
import { PAUSE_WORK, pauseDue, runSteps, runStepsAsync, type Steps } from '../../../src/engines/cancellation';
import { EXAMPLE_ARCHETYPES } from '../../../src/engines/clusters/exampleArchetypes';
import { maxOf, minOf, appendAll } from '../../../src/shared/arrays';

test('the examples that used to run away: 10,000-D is refused with the largest dim that fits; 1,000 clusters is fine', () => {
  const huge = judgeGeneration(makeArchetype({ n_clusters: 3, dim: 10000, n_samples: 300 }));
  assert.equal(huge.kind, 'refuse');
  assert.match(
    huge.kind === 'refuse' ? huge.message : '',
    /^this needs about [\d.]+ h and [\d.]+ GB of memory \(mostly random rotations and covariances \(3 × 10000×10000\)\): more than the 1 h and 4 GB per data set this generator accepts; lower dim to at most [\d,]+$/,
  );
  const fitting = Number(/at most ([\d,]+)/.exec(huge.kind === 'refuse' ? huge.message : '')![1].replace(/,/g, ''));
  assert.notEqual(
    judgeGeneration(makeArchetype({ n_clusters: 3, dim: fitting, n_samples: 300 })).kind,
    'refuse',
    'the advised dim is accepted',
  );
  assert.equal(
    judgeGeneration(makeArchetype({ n_clusters: 3, dim: fitting + 1, n_samples: 300 })).kind,
    'refuse',
    'and it is the largest',
  );
  const many = estimateGeneration(makeArchetype({ n_clusters: 1000, n_samples: 10000 }));
  assert.ok(many.seconds < GENERATION_LIMITS.interactiveSeconds, `1,000 clusters in 2-D: ${many.seconds.toFixed(1)} s`);
  const wide = judgeGeneration(makeArchetype({ n_clusters: 3, dim: 1500, n_samples: 300 }));
  assert.equal(wide.kind, 'confirm', '1,500-D takes minutes: asked first');
});

test('the estimate grows with every size, with distortion, writing, the preview and the number of data sets', () => {
  const base = makeArchetype({ n_clusters: 10, dim: 20, n_samples: 5000 });
  const s0 = estimateGeneration(base);
  for (const bigger of [{ n_clusters: 20 }, { dim: 40 }, { n_samples: 10000 }]) {
    const e = estimateGeneration(makeArchetype({ ...base, ...bigger, name: base.name }));
    assert.ok(e.seconds > s0.seconds && e.bytes > s0.bytes, JSON.stringify(bigger));
  }
  for (const more of [{ distort: true }, { write: true }, { preview: true }])
    assert.ok(estimateGeneration(base, more).seconds > s0.seconds, JSON.stringify(more));
  // NumPy files hold the numbers' bytes: writing them is priced at 2 ns a number, not the 200 of
  // formatting a CSV number (the shortest form, 171–173 ns measured at 100-D) or 400 of a JSON one (382–385).
  const text = estimateGeneration(base, { write: true }).seconds;
  const binary = estimateGeneration(base, { write: true, format: 'npy' }).seconds;
  const json = estimateGeneration(base, { write: true, format: 'json' }).seconds;
  const rows = 'the writing term, 5,000 rows of 20 numbers and a label';
  assertClose(text - binary, 5000 * 21 * (200 - 2) * 1e-9, { rel: 1e-9 }, rows);
  assertClose(json - text, 5000 * 21 * (400 - 200) * 1e-9, { rel: 1e-9 }, rows);
  assert.equal(estimateGeneration(base, { count: 7 }).seconds, 7 * s0.seconds);
  assert.equal(estimateGeneration(base, { count: 7 }).bytes, s0.bytes, 'data sets are made one at a time');
  // The CLI's --json summary prints every cluster's p×p axes: too much text is refused.
  const summary = judgeGeneration(makeArchetype({ n_clusters: 50, dim: 1000, n_samples: 1000 }), {
    jsonSummary: true,
    count: 1,
  });
  assert.equal(summary.kind, 'refuse');
  assert.match(summary.kind === 'refuse' ? summary.message : '', /leave out --json/);
});

test('an abort during asynchronous generation stops it within a second, even inside O(p³) matrix work', async () => {
  // 3 clusters in 700-D: several seconds of rotations and pair tables, far more than the wait below.
  const a = makeArchetype({ n_clusters: 3, dim: 700, n_samples: 300 });
  const ac = new AbortController();
  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    ac.abort(new Error('user cancelled'));
  }, 300);
  const started = performance.now();
  await assert.rejects(generateDatasetAsync(a, { seed: 1, signal: ac.signal }), /user cancelled/);
  const stoppedAfter = performance.now() - abortedAt;
  assert.ok(
    abortedAt > 0 && abortedAt - started >= 250,
    'the timer fired while generating (the event loop was not blocked)',
  );
  assert.ok(stoppedAfter < 1000, `stopped ${stoppedAfter.toFixed(0)} ms after the abort`);
});

test('pauseDue says yes once PAUSE_WORK units are counted, then counts afresh', () => {
  while (!pauseDue(1)); // whatever earlier work left in the thread's count
  assert.equal(pauseDue(PAUSE_WORK - 1), false);
  assert.equal(pauseDue(1), true);
  assert.equal(pauseDue(PAUSE_WORK / 2), false);
  assert.equal(pauseDue(PAUSE_WORK / 2), true);
});

test('generation pauses by work done: a 10-D data set once or twice, a 100-D one with O(p³) pair tables a hundred times', () => {
  const pauses = (name: string): number => {
    const found = EXAMPLE_ARCHETYPES.find((e) => e.archetype.name === name);
    assert.ok(found, name);
    while (!pauseDue(1)); // start from an empty count
    const steps = generateDatasetSteps(found.archetype, { seed: 1 });
    let n = 0;
    while (!steps.next().done) n++;
    return n;
  };
  // ~200k multiply-adds in all; it paused ~180 times when every pair, row and epoch was a pause.
  const small = pauses('seven_highly_separated_10d_very_different_shapes');
  assert.ok(small <= 2, `10-D: ${small} pauses`);
  // Four anisotropic 100-D clusters: six pair tables of ~5M multiply-adds each, row by row.
  const large = pauses('four_clusters_100d_100_samples_each');
  assert.ok(large >= 80 && large <= 250, `100-D: ${large} pauses`);
});

test('runSteps checks the signal at every pause; runStepsAsync lets timers run between pauses', async () => {
  function* count(n: number): Steps<number> {
    let i = 0;
    for (; i < n; i++) yield;
    return i;
  }
  assert.equal(runSteps(count(5)), 5);
  const ac = new AbortController();
  ac.abort(new Error('no'));
  assert.throws(() => runSteps(count(5), ac.signal), /no/);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  function* busy(): Steps<void> {
    const end = performance.now() + 200;
    while (performance.now() < end) yield;
  }
  await runStepsAsync(busy(), undefined, 10);
  clearInterval(timer);
  // A 1 ms interval fires every time the loop is served; without the pauses it would not fire at all.
  // (At least one tick, not more: on a loaded 2-core machine the timer itself may be starved.)
  assert.ok(ticks >= 1, `timers ran during 200 ms of steps (${ticks} ticks)`);
});

test('no data-sized array is spread into arguments: max, min and append work on a million elements', () => {
  const xs = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
  assert.throws(() => Math.max(...xs), RangeError, 'the spread form overflows the stack');
  assert.equal(
    maxOf(xs),
    xs.reduce((m, x) => Math.max(m, x), -Infinity),
  );
  assert.equal(
    minOf(xs),
    xs.reduce((m, x) => Math.min(m, x), Infinity),
  );
  assert.equal(maxOf([], 0), 0);
  assert.equal(minOf([NaN, 3, NaN]), 3);
  const target = [1];
  appendAll(target, xs);
  assert.equal(target.length, 1_000_001);
});
