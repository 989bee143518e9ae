import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dominanceRows } from '../../webview/cascadeFrontier/dominanceRows';

const seg = (from: number, to: number, cascade: string) => ({
  costFrom: from,
  costTo: to,
  cascade: cascade.split('>'),
  errorFrom: 0.3,
  errorTo: 0.2,
});

test('single-point rows of the dominance table are left out and counted; stretches are kept in order', () => {
  // the shape of mmlu-llama's five-model envelope: stretches with one-point winners between them
  const segments = [
    seg(19, 19, 'a'),
    seg(20, 20, 'a>c'),
    seg(21, 25, 'a>b'),
    seg(26, 26, 'a>b>c'),
    seg(27, 31, 'a>b'),
    seg(32, 60, 'b>c'),
  ];
  const { rows, folded } = dominanceRows(segments);
  assert.equal(folded, 3);
  assert.deepEqual(
    rows.map((r) => [r.costFrom, r.costTo, r.cascade.join('>')]),
    [
      [21, 25, 'a>b'],
      [27, 31, 'a>b'],
      [32, 60, 'b>c'],
    ],
  );
});

test('an envelope made only of single points is shown whole, and nothing is said to be left out', () => {
  const segments = [seg(1, 1, 'a'), seg(2, 2, 'b')];
  assert.deepEqual(dominanceRows(segments), { rows: segments, folded: 0 });
  assert.deepEqual(dominanceRows([]), { rows: [], folded: 0 });
});
