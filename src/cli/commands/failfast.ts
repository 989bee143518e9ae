import { failFastReport, type FailFastReport } from '../../engines/abstention/failFastReport';
import type { SystemPoint } from '../../engines/abstention/hitlSystem';
import { CliError } from '../cliError';
import { formatTable } from '../format';
import { numberOption, requireModel } from '../numberOption';
import type { CliCommand } from '../command';
import { loadForSignals, signalOption } from './abstain';
import { DASH, formatFixed, formatSignedPercent, formatUsd } from '../../protocol/format';
import { requireConfidence } from '../confidenceCheck';

export const failfastCommand: CliCommand = {
  name: 'failfast',
  usage:
    'failfast <log...> --fast M_nr --reasoning M_r --utilization u --rejection r [--fast-signal S] [--reasoning-signal S] [--split S] [--json]',
  help: [
    '"Fail Fast, or Ask" (thesis §4.3): the fast model answers a share u − u·r of queries, sends u·r straight to the human and passes',
    '      1 − u to the reasoning model, which defers its least certain share r. Accuracy, mean latency and mean cost per query, and their',
    '      changes against "Ask" (reasoning model → human at the same overall rejection rate r), on the queries both models answered.',
  ].join('\n'),
  readsLogs: true,
  options: {
    fast: { type: 'string' },
    reasoning: { type: 'string' },
    utilization: { type: 'string' },
    rejection: { type: 'string' },
    'fast-signal': { type: 'string' },
    'reasoning-signal': { type: 'string' },
    split: { type: 'string' },
  },
  async run({ positionals, values, json, signal, report }) {
    const utilization = numberOption(values.utilization, '--utilization', { min: 0, max: 1 });
    const rejection = numberOption(values.rejection, '--rejection', { min: 0, max: 1, open: 'max' });
    const fastSignal = signalOption(values['fast-signal'], '--fast-signal');
    const reasoningSignal = signalOption(values['reasoning-signal'], '--reasoning-signal');
    let fast = '';
    let reasoning = '';
    const { records, fitOn, split, log } = await loadForSignals(
      { positionals, values, report, signal },
      fastSignal === 'calibrated' || reasoningSignal === 'calibrated',
      (models) => {
        fast = requireModel(models, values.fast, '--fast');
        reasoning = requireModel(models, values.reasoning, '--reasoning');
        if (fast === reasoning) throw new CliError('--fast and --reasoning must be different models');
        return [fast, reasoning];
      },
    );
    requireConfidence(
      records,
      [
        { model: fast, signal: fastSignal },
        { model: reasoning, signal: reasoningSignal },
      ],
      '"Fail Fast, or Ask" on a confidence signal',
      log,
    );
    const rep = failFastReport(records, {
      fast,
      reasoning,
      utilization,
      rejection,
      fastSignal,
      reasoningSignal,
      split,
      fitOn,
    });
    for (const w of rep.warnings) report.warn(w);
    if (rep.n === 0) throw new CliError(rep.warnings.join('; ') || `${fast} and ${reasoning} have no query in common`);
    const asked = { fast, reasoning, utilization, rejection, split };
    return json ? failFastJson(rep, asked) : failFastText(rep, asked);
  },
};

/** What was asked: the two models, u, r and the split. */
interface FailFastRun {
  fast: string;
  reasoning: string;
  utilization: number;
  rejection: number;
  split: string | undefined;
}

/** A system's accuracy, mean latency and mean cost in `--json`. */
const pointJson = (p: SystemPoint) => ({
  accuracy: p.accuracy,
  mean_latency_s: p.meanLatencyS,
  mean_cost_usd: p.meanCostUsd,
});

/** `costrisk failfast --json`: the rates, both systems and the changes against "Ask". */
function failFastJson(
  rep: FailFastReport,
  { fast, reasoning, utilization, rejection }: FailFastRun,
): Record<string, unknown> {
  return {
    fast,
    reasoning,
    utilization,
    rejection,
    n: rep.n,
    fail_fast_rate: rep.rates.failFast,
    pass_rate: rep.rates.pass,
    failfast: pointJson(rep.failFast),
    ask: pointJson(rep.ask),
    delta: { accuracy: rep.deltaAccuracy, latency_pct: rep.deltaLatencyPct, cost_pct: rep.deltaCostPct },
  };
}

/** `costrisk failfast`: the chain, the rates, "Ask" beside "Fail Fast, or Ask", and the changes. */
function failFastText(rep: FailFastReport, { fast, reasoning, utilization, rejection, split }: FailFastRun): string {
  const row = (name: string, p: SystemPoint) => [
    name,
    formatFixed(p.accuracy, 4),
    formatFixed(p.meanLatencyS, 3),
    formatUsd(p.meanCostUsd),
  ];
  return [
    `${rep.n} queries${split !== undefined ? ` in split "${split}"` : ''}; ${fast} (${rep.fastSignal}) → ${reasoning} (${rep.reasoningSignal}) → human`,
    `utilisation u = ${utilization}, overall rejection r = ${rejection}: fail fast ${formatFixed(rep.rates.failFast, 4)}, pass ${formatFixed(rep.rates.pass, 4)}, answered by ${fast} ${formatFixed(rep.rates.respond, 4)}`,
    formatTable(
      ['system', 'accuracy', 'latency s', 'cost $/query'],
      [row('Ask', rep.ask), row('Fail Fast, or Ask', rep.failFast)],
    ),
    `change against Ask: accuracy ${rep.deltaAccuracy === null ? DASH : `${rep.deltaAccuracy > 0 ? '+' : ''}${formatFixed(100 * rep.deltaAccuracy, 2)} points`}, latency ${formatSignedPercent(rep.deltaLatencyPct === null ? null : rep.deltaLatencyPct / 100)}, cost ${formatSignedPercent(rep.deltaCostPct === null ? null : rep.deltaCostPct / 100)}`,
  ].join('\n');
}
