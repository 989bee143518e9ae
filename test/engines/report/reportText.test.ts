import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scatterSvg } from '../../../src/engines/report/scatterSvg';
import { escapeHtml } from '../../../src/engines/report/reportHtml';
import { escapeMarkdown } from '../../../src/engines/report/reportMarkdown';

test('scatterSvg: points placed on a log axis when costs span > 10x; labels escaped; non-finite points left out', () => {
  const svg = scatterSvg(
    [
      { label: 'a<b', x: 1e-5, y: 0.4 },
      { label: 'c', x: 1e-3, y: 0.8 },
      { label: 'nan', x: Number.NaN, y: 0.5 },
    ],
    'cost',
    'accuracy',
  );
  assert.equal((svg.match(/<circle /g) ?? []).length, 2);
  assert.ok(svg.includes('a&#60;b'));
  assert.ok(!svg.includes('a<b'));
  assert.match(svg, /cost \(log scale\)/);
  assert.doesNotMatch(svg, /NaN|Infinity|href|src=/);
  // x range [−5, −3] in log10, padded by 8% each side: the first point sits 0.08/1.16 of the plot width right of the left edge (60 + 480·0.0690 = 93.1).
  assert.match(svg, /<circle cx="93\.1" cy=/);
  const empty = scatterSvg([{ label: 'x', x: Number.POSITIVE_INFINITY, y: 1 }], 'cost', 'accuracy');
  assert.match(empty, /no data to plot/);
  const one = scatterSvg([{ label: 'x', x: 0, y: 1 }], 'cost', 'accuracy');
  assert.doesNotMatch(one, /NaN|Infinity/);
});

test('escapeHtml and escapeMarkdown leave no markup', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  assert.equal(
    escapeMarkdown('a|b *c* [x](y) <i>\n# h _u_ `c` \\'),
    'a\\|b \\*c\\* \\[x\\](y) &lt;i&gt; \\# h \\_u\\_ \\`c\\` \\\\',
  );
});
