import { recommendationText, usd } from '../economics/recommendationText';
import type { ModelSummary } from '../logs/summarizeModels';
import { bestCascade, priceWords, type ReportData } from './reportData';
import { scatterSvg } from './scatterSvg';
import { formatLatencyPrice, formatSystemName, mergeTieSlivers } from '../../protocol/format';

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number shown rounded, with its exact value in `data-value` (what the tests read back); '-' for null. */
function num(key: string, v: number | null, show: (x: number) => string): string {
  if (v === null || !Number.isFinite(v)) return `<td data-key="${key}">-</td>`;
  return `<td data-key="${key}" data-value="${String(v)}">${escapeHtml(show(v))}</td>`;
}

const fixed = (d: number) => (x: number) => x.toFixed(d);
const sci = (x: number) => x.toExponential(3);

function table(header: string[], rows: string[]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function modelRows(models: readonly ModelSummary[]): string[] {
  return models.map(
    (m) =>
      `<tr data-model="${escapeHtml(m.model)}"><td>${escapeHtml(m.model)}</td>${num('n', m.n, String)}${num('accuracy', m.accuracy, fixed(4))}${num('accuracy_ci_low', m.accuracy_ci?.ci_low ?? null, fixed(4))}${num('accuracy_ci_high', m.accuracy_ci?.ci_high ?? null, fixed(4))}` +
      `${num('mean_cost_usd', m.mean_cost_usd, sci)}${num('mean_cost_usd_ci_low', m.mean_cost_usd_ci?.ci_low ?? null, sci)}${num('mean_cost_usd_ci_high', m.mean_cost_usd_ci?.ci_high ?? null, sci)}` +
      `<td>${escapeHtml(m.cost_source)}</td>${num('mean_latency_s', m.mean_latency_s, fixed(3))}${num('mean_output_tokens', m.mean_output_tokens, fixed(1))}</tr>`,
  );
}

/** The economic section: per price combination, the recommendation, the ranking with intervals and the best cascade. */
function economicsSection(d: ReportData): string {
  const e = d.economics;
  const out: string[] = [
    `<p>${e.prep.candidates.length} candidate systems; thresholds tuned on ${e.prep.train.n} train queries, rewards (−$ per query, higher is better) on ${e.prep.test.n} test queries.</p>`,
  ];
  e.grid.forEach((row, i) => {
    const u = e.uncertainty?.[i];
    out.push(`<section class="combo" data-combo="${i}"><h3>At ${escapeHtml(priceWords(row, usd))}</h3>`);
    if (u) {
      const text = recommendationText(u);
      out.push(
        `<p class="recommendation" data-combo="${i}"><strong>${escapeHtml(text.headline)}</strong></p><ul>${text.details.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`,
      );
      out.push(
        table(
          [
            'system',
            'kind',
            'reward $/query',
            '95% CI low',
            '95% CI high',
            'cost $/query',
            'error rate',
            'best in resamples',
            'vs best',
          ],
          u.candidates.map(
            (c) =>
              `<tr data-combo="${i}" data-candidate="${escapeHtml(c.name)}"><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.kind)}</td>${num('reward', c.reward.value, sci)}${num('ci_low', c.reward.ci_low, sci)}${num('ci_high', c.reward.ci_high, sci)}${num('cost', c.cost.value, sci)}${num('error', c.error.value, fixed(4))}${num('p_best', c.p_best, fixed(3))}<td>${escapeHtml(c.vs_best ? (c.vs_best.identical ? 'identical' : c.vs_best.verdict) : 'best')}</td></tr>`,
          ),
        ),
      );
    } else {
      out.push(
        `<p class="recommendation" data-combo="${i}"><strong>Best: ${escapeHtml(row.best)}</strong> (no intervals: bootstrap resamples set to 0).</p>`,
      );
      out.push(
        table(
          ['system', 'reward $/query'],
          Object.entries(row.rewards)
            .sort((a, b) => b[1] - a[1])
            .map(
              ([name, r]) =>
                `<tr data-combo="${i}" data-candidate="${escapeHtml(name)}"><td>${escapeHtml(name)}</td>${num('reward', r, sci)}</tr>`,
            ),
        ),
      );
    }
    const cascade = bestCascade(e, i);
    out.push(
      cascade
        ? `<p class="cascade" data-combo="${i}">Best cascade: <strong>${escapeHtml(cascade.name)}</strong>, reward ${escapeHtml(usd(cascade.reward))} per query${cascade.name === row.best ? ' (the best system overall)' : ''}.</p>`
        : `<p class="cascade">No cascade among the candidates (cascades need a confidence signal in the log and the cascade candidate set).</p>`,
    );
    out.push('</section>');
  });
  for (const c of e.critical) {
    out.push(
      `<h3>Best system as the price of error rises (λ_L = ${escapeHtml(formatLatencyPrice(c.priceLatency))})</h3>`,
    );
    out.push(
      table(
        ['λ_E from', 'λ_E to', 'best'],
        mergeTieSlivers(c.regimes).map(
          (g) =>
            `<tr><td>${escapeHtml(usd(g.from))}</td><td>${Number.isFinite(g.to) ? escapeHtml(usd(g.to)) : '∞'}</td><td>${escapeHtml(formatSystemName(g.best))}${g.tied.length ? ` (tied at ${escapeHtml(usd(g.from))} with ${escapeHtml(g.tied.map(formatSystemName).join(', '))})` : ''}</td></tr>`,
        ),
      ),
    );
  }
  return out.join('\n');
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1b1b1b;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
td[data-value]{text-align:right;font-variant-numeric:tabular-nums}th{background:#f2f2f2}code{font-size:.85rem;word-break:break-all}
.recommendation{font-size:1.05rem}.warnings li{color:#8a5300}section.combo{border-top:1px solid #ddd;margin-top:1rem}`;

/**
 * The report as one self-contained HTML page: inline CSS, the chart as inline SVG, no script and
 * no external resource. Every value from the data is escaped. Numbers are shown rounded; each
 * cell carries its exact value in `data-value`.
 */
export function reportHtml(d: ReportData): string {
  const chart = scatterSvg(
    d.models
      .filter((m) => m.mean_cost_usd !== null)
      .map((m) => ({ label: m.model, x: m.mean_cost_usd as number, y: m.accuracy })),
    'mean cost per query ($)',
    'accuracy',
  );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cost-Risk Lab report</title><style>${CSS}</style></head>
<body>
<h1>Cost-Risk Lab report</h1>
<p>Made by Cost-Risk Lab <span id="version">${escapeHtml(d.version)}</span> on ${escapeHtml(d.generatedAt)} from ${d.records} records (${escapeHtml(d.adapter)} format).</p>
<h2>Log files</h2>
${table(
  ['file', 'SHA-256'],
  d.files.map(
    (f) => `<tr class="file"><td>${escapeHtml(f.path)}</td><td><code>${escapeHtml(f.sha256)}</code></td></tr>`,
  ),
)}
<h2>Models</h2>
${table(['model', 'n', 'accuracy', 'acc. 95% CI low', 'acc. 95% CI high', 'cost $/query', 'cost 95% CI low', 'cost 95% CI high', 'cost from', 'latency s', 'output tokens'], modelRows(d.models))}
<figure>${chart}<figcaption>Accuracy against mean cost per query, per model.</figcaption></figure>
<h2>Economic recommendation</h2>
${economicsSection(d)}
<h2>Settings and prices used</h2>
${table(
  ['setting', 'value'],
  d.settings.map(([k, v]) => `<tr class="setting"><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`),
)}
${d.warnings.length ? `<h2>Warnings</h2><ul class="warnings">${d.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}
