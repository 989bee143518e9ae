import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyRejectionCurve, type SelectiveItem } from '../../../src/engines/abstention/accuracyRejectionCurve';
import { abstainReport } from '../../../src/engines/abstention/abstainReport';
import { rejectionGrid } from '../../../src/engines/abstention/rejectionGrid';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

function randomItems(n: number, seed: number, distinct = true): SelectiveItem[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const c = distinct ? rng.uniform() : Math.floor(rng.uniform() * 5) / 4;
    return { certainty: c, correct: rng.uniform() < 0.3 + 0.6 * c };
  });
}

/**
 * Direct counting, written independently of the engine: sort by certainty, keep K = (1 − r)·n
 * answers, count the correct ones item by item. A fractional last item counts with its fraction;
 * a tied block that the cut splits contributes its mean correctness per kept item (the expectation
 * under random tie-breaking).
 */
function directAccuracy(items: readonly SelectiveItem[], r: number): number {
  const sorted = [...items].sort((a, b) => b.certainty - a.certainty);
  const K = (1 - r) * sorted.length;
  let kept = 0;
  let correct = 0;
  let i = 0;
  while (i < sorted.length && kept < K - 1e-12) {
    let j = i;
    while (j < sorted.length && sorted[j].certainty === sorted[i].certainty) j++;
    const block = sorted.slice(i, j);
    const take = Math.min(block.length, K - kept);
    correct += (take * block.filter((b) => b.correct).length) / block.length;
    kept += take;
    i = j;
  }
  return correct / K;
}

test('rejection grid is 0, 0.01, ..., 0.2 exactly (21 points)', () => {
  const g = rejectionGrid(0.2);
  assert.equal(g.length, 21);
  assert.equal(g[7], 0.07);
  assert.equal(g[20], 0.2);
  assert.deepEqual(rejectionGrid(0.05, 0.025), [0, 0.025, 0.05]);
  assert.throws(() => rejectionGrid(1.5), /max rejection/);
});

test('AUARC equals direct counting when r·n is an integer and certainties are distinct', () => {
  const items = randomItems(300, 11);
  const res = accuracyRejectionCurve(items, { maxRejection: 0.2 });
  const sorted = [...items].sort((a, b) => b.certainty - a.certainty);
  let sum = 0;
  for (let i = 0; i <= 20; i++) {
    const keep = 300 - 3 * i; // r = i/100, r·n = 3i
    const acc = sorted.slice(0, keep).filter((x) => x.correct).length / keep;
    // Same rational numbers computed two ways: only rounding differs.
    assertClose(res.curve[i].accuracy as number, acc, { abs: 1e-12 }, `A(${i / 100})`);
    sum += acc;
  }
  assertClose(res.auarc as number, sum / 21, { abs: 1e-12 }, 'AUARC');
  assert.equal(res.curve[0].accuracy, items.filter((x) => x.correct).length / 300);
});

test('AUARC equals direct counting with fractional cuts and heavy ties', () => {
  for (const [n, seed, distinct] of [
    [1531, 3, true],
    [777, 4, false],
    [50, 5, false],
  ] as const) {
    const items = randomItems(n, seed, distinct);
    const res = accuracyRejectionCurve(items, { maxRejection: 0.3, curveMax: 0.5 });
    res.curve.forEach((p) =>
      assertClose(p.accuracy as number, directAccuracy(items, p.rejection), { abs: 1e-12 }, `n=${n} A(${p.rejection})`),
    );
    const inRange = res.curve.filter((p) => p.rejection <= 0.3 + 1e-12);
    assert.equal(inRange.length, 31);
    assertClose(
      res.auarc as number,
      inRange.reduce((s, p) => s + directAccuracy(items, p.rejection), 0) / 31,
      { abs: 1e-12 },
      `n=${n} AUARC`,
    );
  }
});

test('ties: A(r) is the average over every way of breaking the ties (exhaustive enumeration)', () => {
  // 8 answers in blocks of 3, 3 and 2; with r·n integer, each order's accuracy is a plain count.
  const items: SelectiveItem[] = [
    { certainty: 0.9, correct: true },
    { certainty: 0.9, correct: false },
    { certainty: 0.9, correct: true },
    { certainty: 0.5, correct: false },
    { certainty: 0.5, correct: true },
    { certainty: 0.5, correct: false },
    { certainty: 0.1, correct: true },
    { certainty: 0.1, correct: false },
  ];
  const blocks = [items.slice(0, 3), items.slice(3, 6), items.slice(6)];
  const orders = blocks.reduce<SelectiveItem[][]>(
    (acc, b) => acc.flatMap((prefix) => permutations(b).map((p) => [...prefix, ...p])),
    [[]],
  );
  assert.equal(orders.length, 6 * 6 * 2);
  const res = accuracyRejectionCurve(items, { maxRejection: 0.875, step: 0.125 });
  for (const p of res.curve) {
    const keep = Math.round((1 - p.rejection) * 8);
    const mean =
      orders.reduce((s, o) => s + o.slice(0, keep).filter((x) => x.correct).length / keep, 0) / orders.length;
    assertClose(p.accuracy as number, mean, { abs: 1e-12 }, `A(${p.rejection})`);
  }
});

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

test('degenerate inputs: constant certainty keeps the base accuracy; no answers gives nulls and a warning', () => {
  const flat = accuracyRejectionCurve([
    { certainty: 1, correct: true },
    { certainty: 1, correct: false },
    { certainty: 1, correct: false },
    { certainty: 1, correct: true },
  ]);
  for (const p of flat.curve) assertClose(p.accuracy as number, 0.5, { abs: 1e-15 }, 'flat');
  assert.match(flat.warnings.join(' '), /same certainty/);
  const empty = accuracyRejectionCurve([]);
  assert.equal(empty.auarc, null);
  assert.ok(empty.curve.every((p) => p.accuracy === null));
  assert.match(empty.warnings[0], /no answers/);
  const all = accuracyRejectionCurve(randomItems(10, 1), { maxRejection: 1, step: 0.5 });
  assert.equal(all.curve[2].accuracy, null, 'rejecting everything leaves nothing to score');
});

test('real logs: AUARC equals direct counting, and the confidence signal beats random rejection', async () => {
  for (const name of ['mmlu-llama', 'mmlu-qwen-oai', 'medmcqa-qwen-oai'] as const) {
    const log = await readEvalLog(realLog(name));
    for (const model of [...new Set(log.records.map((r) => r.model))]) {
      const rep = abstainReport(log.records, { model, split: 'test', signal: 'confidence' });
      const items = log.records
        .filter((r) => r.model === model && r.split === 'test')
        .map((r) => ({ certainty: r.confidence as number, correct: r.correct }));
      const direct = rejectionGrid(0.2).reduce((s, r) => s + directAccuracy(items, r), 0) / 21;
      // Two implementations of the same finite sum over ≤1531 answers: 1e-12 absolute.
      assertClose(rep.auarc as number, direct, { abs: 1e-12 }, `${name}/${model} AUARC`);
      // Rejecting the least confident 20% should raise accuracy for every model of these logs (they are
      // informative signals, e.g. AUARC 0.893 vs base 0.852 for llama3.1-405b on MMLU).
      assert.ok(
        (rep.auarc as number) > (rep.baseAccuracy as number),
        `${name}/${model}: AUARC ${rep.auarc} > base ${rep.baseAccuracy}`,
      );
      assert.equal(rep.signal, 'confidence');
    }
  }
});
