import { calibrateModels } from '../../engines/calibration/calibrateModels';
import { CliError } from '../cliError';
import { formatTable } from '../format';
import { loadLogs } from '../loadLogs';
import type { CliCommand } from '../command';
import { formatFixed, formatScientific } from '../../protocol/format';

export const calibrateCommand: CliCommand = {
  name: 'calibrate',
  usage: 'calibrate <log> [--train-split train] [--test-split test] [--prices prices.json] [--json]',
  help: 'Per model: logistic calibration of the confidence (thesis §2.4) fitted on the training split; test ECE (10 quantile bins) with and without the transform, coefficients and p-values.',
  readsLogs: true,
  options: { 'train-split': { type: 'string' }, 'test-split': { type: 'string' } },
  async run({ positionals, values, json, signal, report }) {
    if (positionals.length !== 1) throw new CliError('give exactly one log file');
    const trainSplit = (values['train-split'] as string | undefined) ?? 'train';
    const testSplit = (values['test-split'] as string | undefined) ?? 'test';
    const logs = await loadLogs(positionals, values, report, {
      fit: {
        trainSplit: values['train-split'] as string | undefined,
        testSplit: values['test-split'] as string | undefined,
      },
      signal,
      needsConfidence: 'calibration',
    });
    const cal = calibrateModels({ records: logs.records, trainSplit, testSplit });
    if (cal.models.every((m) => m.nTrain === 0))
      throw new CliError(
        `${positionals[0]}: no answers with a confidence signal in the training split "${trainSplit}"`,
      );
    for (const m of cal.models) {
      if (m.degenerate) report.warn(`${m.model}: ${m.degenerate}`);
      for (const w of m.warnings) report.warn(`${m.model}: ${w}`);
    }
    for (const w of cal.warnings) report.warn(w);
    if (json) {
      const models = cal.models.map((m) => ({
        model: m.model,
        n_train: m.nTrain,
        n_test: m.nTest,
        accuracy_test: m.accuracyTest,
        ece_test: m.eceTest,
        ece_test_20: m.eceTest20,
        ece_test_untransformed: m.eceTestUntransformed,
        coefficients: { intercept: m.coefficients[0], slope: m.coefficients[1] },
        standard_errors: { intercept: m.standardErrors[0], slope: m.standardErrors[1] },
        p_values: { intercept: m.pValues[0], slope: m.pValues[1] },
        degenerate: m.degenerate,
      }));
      return { models };
    }
    const pct = (x: number | null): string => formatFixed(x === null ? null : 100 * x, 1);
    const rows = cal.models.map((m) => [
      m.model,
      String(m.nTrain),
      String(m.nTest),
      pct(m.accuracyTest),
      pct(m.eceTest),
      pct(m.eceTest20),
      pct(m.eceTestUntransformed),
      formatFixed(m.coefficients[1], 3),
      formatScientific(m.pValues[1], 1),
    ]);
    const lines = [
      `calibrated on "${trainSplit}", scored on "${testSplit}" (ECE in %, quantile bins)`,
      formatTable(['model', 'n train', 'n test', 'acc %', 'ECE', 'ECE 20', 'ECE raw', 'slope', 'p(slope)'], rows),
    ];
    return lines.join('\n');
  },
};
