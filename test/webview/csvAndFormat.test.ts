/** Pure webview helpers, in plain Node. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv } from '../../webview/ui/csv';
import { formatCount, formatSeconds, formatShare, formatUsd, plural } from '../../src/protocol/format';
import { accuracyCostScatterConfig, accuracyCostTable } from '../../webview/charts/accuracyCostScatter';
import { FALLBACK_THEME } from '../../webview/charts/chartTheme';

test('toCsv: RFC 4180 quoting, full precision, nulls empty, formulas neutralised', () => {
  const csv = toCsv(
    ['model', 'x', 'ok'],
    [
      ['a,b', 0.1 + 0.2, true],
      ['say "hi"\nthere', null, false],
      ['=cmd()', -1.5e-7, null],
      ['-5', Number.NaN, null],
    ],
  );
  assert.equal(
    csv,
    'model,x,ok\r\n"a,b",0.30000000000000004,true\r\n"say ""hi""\nthere",,false\r\n\'=cmd(),-1.5e-7,\r\n\'-5,,\r\n',
  );
});

test('format helpers', () => {
  assert.equal(formatShare(0.8521), '0.852');
  assert.equal(formatShare(null), '—');
  assert.equal(formatUsd(5.74e-4), '$0.000574');
  assert.equal(formatUsd(1.91e-5), '$0.0000191');
  assert.equal(formatUsd(0), '$0');
  assert.equal(formatUsd(12.345), '$12.35');
  assert.equal(formatSeconds(0.38712), '0.387 s');
  assert.equal(formatCount(1), '1');
  assert.equal(formatCount(1234.4), '1,234');
  assert.equal(plural(1, 'line'), '1 line');
  assert.equal(plural(2000, 'line'), '2,000 lines');
  assert.equal(plural(285, 'query'), '285 queries');
  assert.equal(plural(2, 'day'), '2 days');
  assert.equal(plural(1, 'query'), '1 query');
});

test('accuracy-cost scatter: frontier line in cost order, log axis over a wide cost range, models without cost left out', () => {
  const data = {
    points: [
      { model: 'big', costUsd: 5e-4, accuracy: 0.85, onFrontier: true },
      { model: 'small', costUsd: 2e-5, accuracy: 0.57, onFrontier: true },
      { model: 'tiny', costUsd: 2e-5, accuracy: 0.42, onFrontier: false },
      { model: 'free?', costUsd: null, accuracy: 0.5, onFrontier: false },
    ],
  };
  const cfg = accuracyCostScatterConfig(data, FALLBACK_THEME.dark);
  const [models, frontier] = cfg.data.datasets;
  assert.deepEqual(models.data, [
    { x: 5e-4, y: 0.85 },
    { x: 2e-5, y: 0.57 },
    { x: 2e-5, y: 0.42 },
  ]);
  assert.deepEqual(frontier.data, [
    { x: 2e-5, y: 0.57 },
    { x: 5e-4, y: 0.85 },
  ]);
  assert.equal(cfg.options?.scales?.x?.type, 'logarithmic', '25x cost range');
  assert.equal(cfg.options?.animation, false);
  const hc = accuracyCostScatterConfig(data, FALLBACK_THEME['high-contrast']);
  assert.deepEqual(
    (hc.data.datasets[1] as { borderDash?: number[] }).borderDash,
    [6, 4],
    'dashed frontier in high contrast',
  );
  const narrow = accuracyCostScatterConfig(
    { points: data.points.slice(0, 2).map((p) => ({ ...p, costUsd: (p.costUsd as number) * 1 + 1e-3 })) },
    FALLBACK_THEME.light,
  );
  assert.equal(narrow.options?.scales?.x?.type, 'linear');
  assert.deepEqual(accuracyCostTable(data).rows[3], ['free?', null, 0.5, false]);
});
