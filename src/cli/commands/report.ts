import { version } from '../../../package.json';
import { EconomicsInputError } from '../../engines/economics/economicAnalysis';
import { buildReport, readerChoices, REPORT_ERROR_PRICES } from '../../engines/report/buildReport';
import { reportHtml } from '../../engines/report/reportHtml';
import { reportMarkdown } from '../../engines/report/reportMarkdown';
import { describeWhere } from '../../engines/slices/whereFilter';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import { BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE } from '../bootstrapOptions';
import { CliError } from '../cliError';
import type { CliCommand } from '../command';
import { ECON_PRICE_OPTIONS, economicSettings } from '../econOptions';
import { fileSha256 } from '../fileSha256';
import { loadLogs } from '../loadLogs';

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
    const settings = economicSettings(values, report, [...REPORT_ERROR_PRICES]);
    const logs = await loadLogs(
      positionals,
      values,
      report,
      settings.set === 'models'
        ? { signal }
        : { fit: { trainSplit: settings.trainSplit, testSplit: settings.testSplit }, signal },
    );
    const files = [];
    for (const path of positionals) files.push({ path, sha256: await fileSha256(path) });
    const pricePath = values.prices as string | undefined;
    let built;
    try {
      built = buildReport({
        records: logs.records,
        adapter: logs.adapter,
        settings,
        reading: {
          priceFile: pricePath ? { path: pricePath, sha256: await fileSha256(pricePath) } : null,
          inlinePrices: null,
          priceDatabase: logs.options.priceDatabase !== false,
          correctThreshold: logs.options.correctThreshold ?? 0.5,
          where: logs.where.size ? describeWhere(logs.where) : null,
          keepEpochs: logs.options.keepEpochs === true,
          trainFraction: logs.trainFraction,
          splitSeed: logs.splitSeed,
          choices: readerChoices(logs.options),
        },
        files,
        version,
        generatedAt: new Date().toISOString(),
        skipped: report.skipped.length,
        warnings: report.warnings,
        listedBy: 'costrisk summary --json',
        signal,
      });
    } catch (err) {
      if (err instanceof EconomicsInputError) throw new CliError(err.message);
      throw err;
    }
    for (const w of built.analysisWarnings) report.warn(w);
    const { data } = built;
    await writeFileAtomic(out, reportHtml(data));
    if (markdown !== undefined) await writeFileAtomic(markdown, reportMarkdown(data));
    if (json) return { html: out, markdown: markdown ?? null, version, files, recommendations: built.recommendations };
    return [`wrote ${out}${markdown !== undefined ? ` and ${markdown}` : ''}`, ...built.headlines].join('\n');
  },
};
