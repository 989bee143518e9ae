import { version } from '../../../package.json';
import { economicAnalysis, EconomicsInputError, type EconomicSettings } from '../../engines/economics/economicAnalysis';
import { usd } from '../../engines/economics/recommendationText';
import { summarizeModels } from '../../engines/logs/summarizeModels';
import { priceWords, type ReportData } from '../../engines/report/reportData';
import { reportHtml } from '../../engines/report/reportHtml';
import { reportMarkdown } from '../../engines/report/reportMarkdown';
import { recommendationText } from '../../engines/economics/recommendationText';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import { BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE } from '../bootstrapOptions';
import { CliError } from '../cliError';
import type { CliCommand } from '../command';
import { ECON_PRICE_OPTIONS, economicSettings } from '../econOptions';
import { fileSha256 } from '../fileSha256';
import { loadLogs } from '../loadLogs';

/** Prices of error when none are given: a cheap, a moderate and an expensive mistake. */
export const REPORT_ERROR_PRICES = [0.01, 1, 100];

/** Every setting that shaped the numbers, in words: the log-reading options as given (or their defaults) and the economic settings. */
function settingsList(
  values: Record<string, unknown>,
  s: EconomicSettings,
  priceFile: { path: string; sha256: string } | null,
): [string, string][] {
  const given = (flag: string, fallback: string): string =>
    values[flag] === undefined
      ? fallback
      : Array.isArray(values[flag])
        ? (values[flag] as unknown[]).map(String).join('; ')
        : String(values[flag]);
  const list = (xs: readonly number[], f: (x: number) => string) => xs.map(f).join(', ');
  return [
    ['price of error λ_E ($ per wrong answer)', list(s.axes.error, usd)],
    ['price of latency λ_L ($ per minute)', list(s.axes.latency, (x) => usd(x * 60))],
    ['price of abstention λ_A ($ per abstention)', list(s.axes.abstain, usd)],
    [
      'prices of other log fields ($ per unit or event)',
      Object.entries(s.metricPrices)
        .map(([k, v]) => `${k} = ${usd(v)}`)
        .join(', ') || 'none',
    ],
    ['candidate systems', s.set + (s.routers ? ' (with routers that abstain)' : '')],
    ['train split / test split', `${s.trainSplit ?? 'train'} / ${s.testSplit ?? 'test'}`],
    ['bootstrap resamples / seed', `${s.replicates} / ${s.seed}`],
    ['token price file (--prices)', priceFile ? `${priceFile.path} (SHA-256 ${priceFile.sha256})` : 'none'],
    [
      'bundled price database for unpriced models',
      values['no-price-database'] === true ? 'off' : 'on (@pydantic/genai-prices)',
    ],
    ['correct when score ≥', given('correct-threshold', '0.5')],
    ['records analysed (--where)', given('where', 'all')],
    ['repeats (epochs)', values['keep-epochs'] === true ? 'kept as separate queries' : 'averaged per query'],
    [
      'random split of logs without one: train share / seed',
      `${given('train-fraction', '0.5')} / ${given('split-seed', '1')}`,
    ],
    ...(['metric', 'filter', 'scorer', 'assertion'] as const)
      .filter((f) => values[f] !== undefined)
      .map((f): [string, string] => [`--${f}`, given(f, '')]),
  ];
}

export const reportCommand: CliCommand = {
  name: 'report',
  usage: `report <log...> [--out report.html] [--markdown report.md] [--price-error a,b,...] [--price-latency x,...] [--price-abstain z] [--candidates models|cascades|all] ${BOOTSTRAP_USAGE} [--json]`,
  help: [
    'Writes a self-contained HTML report (inline CSS and SVG, no external resource; default report.html) and, with --markdown, a',
    '      Markdown summary for a pull request: the model overview of `summary`, the recommendation of `econ` with its intervals at',
    `      each price combination (default --price-error ${REPORT_ERROR_PRICES.join(',')}), the best cascade when the log has confidences, every`,
    '      setting and price used, the log files with their SHA-256 and the version. Files are written atomically.',
  ].join('\n'),
  readsLogs: true,
  options: { ...ECON_PRICE_OPTIONS, out: { type: 'string' }, markdown: { type: 'string' }, ...BOOTSTRAP_OPTIONS },
  async run({ positionals, values, json, signal, report }) {
    const out = (values.out as string | undefined) ?? 'report.html';
    const markdown = values.markdown as string | undefined;
    if (out.trim() === '' || markdown?.trim() === '') throw new CliError('--out and --markdown need a file name');
    if (markdown !== undefined && markdown === out) throw new CliError('--out and --markdown name the same file');
    const settings = economicSettings(values, report, REPORT_ERROR_PRICES);
    const logs = await loadLogs(
      positionals,
      values,
      report,
      settings.set === 'models'
        ? { signal }
        : { fit: { trainSplit: settings.trainSplit, testSplit: settings.testSplit }, signal },
    );
    let economics;
    try {
      economics = economicAnalysis(logs.records, settings, signal);
    } catch (err) {
      if (err instanceof EconomicsInputError) throw new CliError(err.message);
      throw err;
    }
    for (const w of economics.prep.warnings) report.warn(w);
    const files = [];
    for (const path of positionals) files.push({ path, sha256: await fileSha256(path) });
    const pricePath = values.prices as string | undefined;
    const priceFile = pricePath ? { path: pricePath, sha256: await fileSha256(pricePath) } : null;
    const data: ReportData = {
      version,
      generatedAt: new Date().toISOString(),
      files,
      settings: settingsList(values, settings, priceFile),
      records: logs.records.length,
      adapter: logs.adapter,
      models: summarizeModels(logs.records, undefined, { replicates: settings.replicates, seed: settings.seed }),
      economics,
      warnings: [
        ...(report.skipped.length
          ? [`${report.skipped.length} line(s) of the logs skipped (costrisk summary --json lists them with reasons)`]
          : []),
        ...report.warnings.map((w) =>
          w.file ? `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}` : w.message,
        ),
      ],
    };
    await writeFileAtomic(out, reportHtml(data));
    if (markdown !== undefined) await writeFileAtomic(markdown, reportMarkdown(data));
    const headline = economics.uncertainty
      ? economics.uncertainty.map((u) => recommendationText(u).headline)
      : economics.grid.map((g) => `Best: ${g.best}.`);
    if (json) return { html: out, markdown: markdown ?? null, version, files, recommendations: headline };
    return [
      `wrote ${out}${markdown !== undefined ? ` and ${markdown}` : ''}`,
      ...economics.grid.map((g, i) => `At ${priceWords(g, usd)}: ${headline[i]}`),
    ].join('\n');
  },
};
