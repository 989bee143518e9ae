import { version } from '../../../package.json';
import { EconomicsInputError } from '../../engines/economics/economicAnalysis';
import { DEFAULT_SPLIT_SEED, DEFAULT_TRAIN_FRACTION } from '../../engines/logs/assignSplits';
import { EvalLogError } from '../../engines/logs/evalLogError';
import {
  buildReport,
  defaultReportSettings,
  readerChoices,
  reportSettingsAt,
  type ReportPrices,
} from '../../engines/report/buildReport';
import type { ReportFile } from '../../engines/report/reportData';
import { reportHtml } from '../../engines/report/reportHtml';
import { reportMarkdown } from '../../engines/report/reportMarkdown';
import { hashFile } from '../cache/fileFingerprint';
import type { JobContext } from '../workerProtocol';
import { hitlRecords } from './hitlRecords';
import type { LogSourceParams } from './logSource';

/** The report formats: a self-contained HTML page, or a Markdown summary for a pull request. */
export const REPORT_FORMATS = ['html', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ExportReportParams extends LogSourceParams {
  format: ReportFormat;
  /** The prices to report at (the user's); absent: the report's defaults. */
  rewardPrices?: ReportPrices;
}

export interface ExportReportResult {
  /** The report's text, to be written by the host. */
  text: string;
  /** The recommendation per price combination, "At <prices>: <headline>". */
  headlines: string[];
}

/** The log cannot be reported on (unreadable, or no candidate system): the message says why. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

/** Where the extension's user finds the skipped lines of a log. */
const PROBLEMS_LISTED_BY = 'Cost-Risk Lab: Show Log Problems';

/**
 * The report of `costrisk report` on one log, at the user's prices (else the report's defaults),
 * read with the extension's settings: the same records, engines and pages
 * (src/engines/report/buildReport.ts).
 * @throws ReportInputError when the log cannot be read or evaluated, or a price is not usable.
 */
export async function exportReport(params: ExportReportParams, ctx: JobContext): Promise<ExportReportResult> {
  let settings;
  try {
    settings = params.rewardPrices ? reportSettingsAt(params.rewardPrices) : defaultReportSettings();
  } catch (err) {
    if (err instanceof RangeError) throw new ReportInputError(err.message);
    throw err;
  }
  let source;
  try {
    source = await hitlRecords(params, ctx, true, 0.4);
  } catch (err) {
    if (err instanceof EvalLogError) throw new ReportInputError(err.message);
    throw err;
  }
  ctx.progress(0.4, 'hashing the files');
  const files: ReportFile[] = [{ path: params.file, sha256: await hashFile(params.file, ctx.signal) }];
  const priceFile = params.priceFile
    ? await hashFile(params.priceFile, ctx.signal).then(
        (sha256) => ({ path: params.priceFile as string, sha256 }),
        () => null,
      )
    : null;
  const inline = params.prices;
  ctx.progress(0.45, 'analysing');
  let built;
  try {
    built = buildReport({
      records: source.records,
      adapter: source.adapter,
      settings,
      reading: {
        priceFile,
        inlinePrices:
          typeof inline === 'object' && inline !== null && Object.keys(inline).length > 0
            ? JSON.stringify(inline)
            : null,
        priceDatabase: params.priceDatabase !== false,
        correctThreshold: params.correctThreshold ?? 0.5,
        where: null,
        keepEpochs: params.keepEpochs === true,
        trainFraction: params.trainFraction ?? DEFAULT_TRAIN_FRACTION,
        splitSeed: params.splitSeed ?? DEFAULT_SPLIT_SEED,
        choices: readerChoices(params),
      },
      files,
      version,
      generatedAt: new Date().toISOString(),
      skipped: source.problems.filter((p) => p.severity === 'error').length,
      warnings: source.problems
        .filter((p) => p.severity === 'warning')
        .map((p) => ({ file: p.file, line: p.line, message: p.reason })),
      listedBy: PROBLEMS_LISTED_BY,
      signal: ctx.signal,
    });
  } catch (err) {
    if (err instanceof EconomicsInputError) throw new ReportInputError(err.message);
    throw err;
  }
  ctx.progress(0.95, 'writing the report');
  const text = params.format === 'markdown' ? reportMarkdown(built.data) : reportHtml(built.data);
  ctx.progress(1);
  return { text, headlines: built.headlines };
}
