import { appendAll } from '../../shared/arrays';
import { recommendationText, usd, percent } from '../economics/recommendationText';
import { bestCascade, priceWords, type ReportData } from './reportData';

/** Text made inert in Markdown: one line, its markup characters escaped (a model name cannot start a table cell or a link). */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]<>|#]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

function table(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(header.map(escapeMarkdown)),
    line(header.map(() => '---')),
    ...rows.map((r) => line(r.map(escapeMarkdown))),
  ];
}

const show = (v: number | null, f: (x: number) => string): string => (v === null || !Number.isFinite(v) ? '-' : f(v));

/**
 * The report as Markdown for a pull request: the model overview, the economic recommendation with
 * its uncertainty at each price combination, the best cascade, the log files with their SHA-256
 * and the version. Plain CommonMark/GFM: headings, lists and pipe tables, no HTML.
 */
export function reportMarkdown(d: ReportData): string {
  const e = d.economics;
  const out: string[] = [
    '## Cost-Risk Lab report',
    '',
    `${d.records} records (${escapeMarkdown(d.adapter)} format); Cost-Risk Lab ${escapeMarkdown(d.version)}, ${escapeMarkdown(d.generatedAt)}.`,
    '',
    '### Models',
    '',
  ];
  appendAll(
    out,
    table(
      ['model', 'n', 'accuracy', 'acc. 95% CI', 'cost $/query', 'cost 95% CI', 'latency s'],
      d.models.map((m) => [
        m.model,
        String(m.n),
        m.accuracy.toFixed(3),
        m.accuracy_ci ? `${m.accuracy_ci.ci_low.toFixed(3)} to ${m.accuracy_ci.ci_high.toFixed(3)}` : '-',
        show(m.mean_cost_usd, usd),
        m.mean_cost_usd_ci ? `${usd(m.mean_cost_usd_ci.ci_low)} to ${usd(m.mean_cost_usd_ci.ci_high)}` : '-',
        show(m.mean_latency_s, (x) => x.toFixed(3)),
      ]),
    ),
  );
  out.push('', '### Economic recommendation', '');
  e.grid.forEach((row, i) => {
    out.push(`**At ${escapeMarkdown(priceWords(row, usd))}**`, '');
    const u = e.uncertainty?.[i];
    if (u) {
      const text = recommendationText(u);
      out.push(`- ${escapeMarkdown(text.headline)}`);
      appendAll(
        out,
        text.details.map((x) => `  - ${escapeMarkdown(x)}`),
      );
      const second = u.candidates[1];
      if (second)
        out.push(
          `- Best in ${percent(u.candidates[0].p_best ?? 0)} of resamples; runner-up ${escapeMarkdown(second.name)}.`,
        );
    } else
      out.push(
        `- Best: ${escapeMarkdown(row.best)}, reward ${usd(row.rewards[row.best])} per query (no intervals: bootstrap resamples set to 0).`,
      );
    const cascade = bestCascade(e, i);
    out.push(
      cascade
        ? `- Best cascade: ${escapeMarkdown(cascade.name)}, reward ${usd(cascade.reward)} per query${cascade.name === row.best ? ' (the best system overall)' : ''}.`
        : '- No cascade among the candidates.',
      '',
    );
  });
  appendAll(out, [
    '### Log files',
    '',
    ...table(
      ['file', 'SHA-256'],
      d.files.map((f) => [f.path, f.sha256]),
    ),
    '',
  ]);
  appendAll(out, ['### Settings and prices used', '', ...table(['setting', 'value'], d.settings), '']);
  if (d.warnings.length) appendAll(out, ['### Warnings', '', ...d.warnings.map((w) => `- ${escapeMarkdown(w)}`), '']);
  return out.join('\n');
}
