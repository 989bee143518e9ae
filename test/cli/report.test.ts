import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import { ROOT, realLog } from '../helpers/paths';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-report-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const unescape = (s: string): string => s.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));

/** data-key → exact value of the cells of one table row. */
function cells(row: string): Map<string, number> {
  return new Map([...row.matchAll(/data-key="([^"]+)" data-value="([^"]+)"/g)].map((m) => [m[1], Number(m[2])]));
}

/** Markdown pipe-table rows: the number of cells (pipes not escaped by a backslash). */
const cellCount = (line: string): number => line.replace(/\\\|/g, '').split('|').length - 2;

/** Every block of consecutive table lines has one cell count and a --- separator as its second line. */
function assertWellFormedMarkdown(md: string): void {
  const lines = md.split('\n');
  let block: string[] = [];
  const flush = () => {
    if (block.length) {
      assert.ok(block.length >= 2, 'a table has a header and a separator');
      assert.match(block[1], /^\|( --- \|)+$/);
      for (const l of block) assert.equal(cellCount(l), cellCount(block[0]), `row "${l}" against header "${block[0]}"`);
    }
    block = [];
  };
  for (const l of lines) {
    if (l.startsWith('|')) block.push(l);
    else flush();
  }
  flush();
  assert.doesNotMatch(md, /<[a-z/!]/i, 'no HTML in the Markdown');
  assert.equal((md.match(/```/g) ?? []).length % 2, 0);
  assert.match(md, /^## Cost-Risk Lab report$/m);
}

test('report: the HTML numbers equal summary --json and econ --json; self-contained; Markdown well formed', async () => {
  const log = realLog('mmlu-llama');
  const html = join(dir, 'r.html');
  const md = join(dir, 'r.md');
  const prices = ['--price-error', '0.01,10', '--price-latency', '0,0.001', '--bootstrap', '300', '--seed', '4'];
  const r = await runCli('report', log, '--out', html, '--markdown', md, ...prices);
  assert.equal(r.code, 0, r.err);
  const page = readFileSync(html, 'utf8');
  const summary = JSON.parse((await runCli('summary', log, '--bootstrap', '300', '--seed', '4', '--json')).out) as {
    models: Record<string, unknown>[];
  };
  const econ = JSON.parse((await runCli('econ', log, ...prices, '--json')).out) as {
    grid: { intervals: { candidates: Record<string, unknown>[] }; recommendation: { text: string } }[];
  };

  const rows = [...page.matchAll(/<tr data-model="([^"]+)">(.*?)<\/tr>/g)];
  assert.equal(rows.length, summary.models.length);
  for (const [, name, row] of rows) {
    const m = summary.models.find((x) => x.model === unescape(name)) as Record<string, unknown> & {
      accuracy_ci: { ci_low: number; ci_high: number };
      mean_cost_usd_ci: { ci_low: number; ci_high: number };
    };
    const c = cells(row);
    assert.deepEqual(
      [
        c.get('n'),
        c.get('accuracy'),
        c.get('accuracy_ci_low'),
        c.get('accuracy_ci_high'),
        c.get('mean_cost_usd'),
        c.get('mean_cost_usd_ci_low'),
        c.get('mean_cost_usd_ci_high'),
        c.get('mean_latency_s'),
        c.get('mean_output_tokens'),
      ],
      [
        m.n,
        m.accuracy,
        m.accuracy_ci.ci_low,
        m.accuracy_ci.ci_high,
        m.mean_cost_usd,
        m.mean_cost_usd_ci.ci_low,
        m.mean_cost_usd_ci.ci_high,
        m.mean_latency_s,
        m.mean_output_tokens,
      ],
    );
  }
  assert.equal(econ.grid.length, 4);
  econ.grid.forEach((g, i) => {
    const shown = [...page.matchAll(new RegExp(`<tr data-combo="${i}" data-candidate="([^"]+)">(.*?)</tr>`, 'g'))];
    assert.deepEqual(
      shown.map((s) => unescape(s[1])),
      g.intervals.candidates.map((c) => c.name),
    );
    shown.forEach(([, , row], k) => {
      const c = cells(row);
      const e = g.intervals.candidates[k] as {
        reward: number;
        ci_low: number;
        ci_high: number;
        cost: { value: number };
        error: { value: number };
        p_best: number;
      };
      assert.deepEqual(
        [c.get('reward'), c.get('ci_low'), c.get('ci_high'), c.get('cost'), c.get('error'), c.get('p_best')],
        [e.reward, e.ci_low, e.ci_high, e.cost.value, e.error.value, e.p_best],
      );
    });
    const rec = new RegExp(`<p class="recommendation" data-combo="${i}"><strong>(.*?)</strong>`).exec(page);
    assert.equal(unescape(rec?.[1] ?? ''), g.recommendation.text);
  });
  // Self-contained: no URL in any src or href, no script, no stylesheet link, no CSS url().
  assert.doesNotMatch(page, /\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
  assert.doesNotMatch(page, /<script|<link|url\(|<img|<iframe/i);
  assert.match(page, /<svg viewBox="0 0 560 320"[^>]*>.*<circle/s);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.match(page, new RegExp(`<span id="version">${pkg.version.replace(/\./g, '\\.')}</span>`));
  const sha = createHash('sha256').update(readFileSync(log)).digest('hex');
  assert.ok(page.includes(`<code>${sha}</code>`));
  for (const setting of [
    'price of error λ_E ($ per wrong answer)</td><td>$0.01, $10',
    'price of latency λ_L ($ per minute)</td><td>$0, $0.06',
    'bootstrap resamples / seed</td><td>300 / 4',
  ])
    assert.ok(page.includes(setting), setting);
  assert.match(page, /Best cascade: <strong>/);

  const text = readFileSync(md, 'utf8');
  assertWellFormedMarkdown(text);
  assert.ok(text.includes(sha));
  for (const g of econ.grid)
    assert.ok(
      text.includes(
        `- ${g.recommendation.text
          .replace(/[\\`*_[\]|#]/g, (c) => `\\${c}`)
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')}`,
      ),
    );
  assert.deepEqual(readdirSync(dir).sort(), ['r.html', 'r.md'], 'no temporary file left behind');
});

test('report: hostile model names are escaped in HTML and Markdown; a folder that does not exist is exit 2', async () => {
  const log = join(dir, 'hostile.jsonl');
  const names = ['<script>alert(1)</script>', 'a|b *c* [x](https://evil.example)'];
  const lines = [];
  for (let q = 0; q < 40; q++)
    for (const [k, model] of names.entries())
      lines.push(
        JSON.stringify({
          query_id: `q${q}`,
          model,
          correct: (q + k) % 3 !== 0,
          cost_usd: 0.001 * (k + 1),
          confidence: ((q * 7) % 10) / 10,
          split: q % 2 ? 'train' : 'test',
        }),
      );
  writeFileSync(log, lines.join('\n'));
  const html = join(dir, 'h.html');
  const md = join(dir, 'h.md');
  const r = await runCli('report', log, '--out', html, '--markdown', md, '--bootstrap', '50');
  assert.equal(r.code, 0, r.err);
  const page = readFileSync(html, 'utf8');
  assert.doesNotMatch(page, /<script|href=/i);
  assert.ok(page.includes('&#60;script&#62;alert(1)&#60;/script&#62;'));
  assertWellFormedMarkdown(readFileSync(md, 'utf8'));
  const bad = await runCli('report', log, '--out', join(dir, 'no-such-folder', 'r.html'), '--bootstrap', '0');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^costrisk report: .*no-such-folder.*cannot write \(ENOENT\)$/);
});
