/** The Cascade Runner's tables: the run summary as measure/value rows, and the per-query trace columns. */
import { describeEstimate, type CascadeRunSummary, type CascadeTraceRow } from '../../src/protocol/cascadeRunner';
import { DASH, formatElapsed, formatFixed, formatShare, formatSig, formatUsd, plural } from '../../src/protocol/format';
import { formatPercent } from '../charts/lineChartBase';
import type { Column } from '../ui/tableCard';

export interface SummaryRow {
  metric: string;
  /** Full precision for the CSV. */
  value: number | string | null;
  text: string;
}

const keeps = (t: number | null): string => (t === null ? 'never keeps' : `keeps at confidence ≥ ${formatSig(t, 6)}`);
const bound = (b: number | null): string => (b === null ? '' : `, bound ${formatShare(b)}`);

/** One row per figure of the run, in the order the paper reports them (§3.3), then the repository and failures. */
function outcomeRows(s: CascadeRunSummary): SummaryRow[] {
  const share = (metric: string, value: number | null, percent = false): SummaryRow => ({
    metric,
    value,
    text: percent ? formatPercent(value) : formatShare(value),
  });
  const cal = s.calibration;
  return [
    ...(s.stopped ? [{ metric: 'Stopped', value: s.stopped.reason, text: s.stopped.message }] : []),
    {
      metric: 'Queries in the online run',
      value: s.n,
      text: `${s.n}${s.n < s.onlineTotal ? ` of ${s.onlineTotal}` : ''}${s.nGold < s.n ? ` (${s.nGold} with a gold answer)` : ''}${s.resumedQueries ? `, ${s.resumedQueries} from an interrupted run` : ''}`,
    },
    {
      metric: 'Thresholds',
      value: cal ? `risk guarantee alpha=${cal.alpha} delta=${cal.delta} N=${cal.n}` : 'given',
      text: cal
        ? `from the risk guarantee on ${cal.n} calibration queries (α = ${cal.alpha}, δ = ${cal.delta})`
        : 'given in the form',
    },
    {
      metric: `${s.weakModel} (weak)`,
      value: s.weakThreshold,
      text: `${keeps(s.weakThreshold)}${bound(cal?.weakUpperBound ?? null)}`,
    },
    {
      metric: `${s.strongModel} (strong)`,
      value: s.strongThreshold,
      text: `${keeps(s.strongThreshold)}${bound(cal?.strongUpperBound ?? null)}`,
    },
    share('Strong-call rate', s.strongCallRate, true),
    share('Weak accuracy (kept or not)', s.weakAccuracy),
    share('Weak model right and kept', s.weakCorrectAccepted),
    share('Overall accuracy', s.overallAccuracy),
    share('Error among kept answers', s.riskAccepted),
    share('Abstention rate', s.abstentionRate, true),
    { metric: 'Total cost', value: s.totalCostUsd, text: formatUsd(s.totalCostUsd) },
    {
      metric: 'Strategy repository',
      value: s.repositorySize,
      text: `${s.repositoryStart} → ${plural(s.repositorySize, 'strategy', 'strategies')} (${s.strategiesAdded} added${s.repositorySavedTo ? `, saved to ${s.repositorySavedTo}` : ''})`,
    },
    { metric: 'Malformed model replies', value: s.failed.malformed, text: String(s.failed.malformed) },
    { metric: 'Failed requests (HTTP, timeout, network)', value: s.failed.transport, text: String(s.failed.transport) },
    { metric: 'Implausible token counts (not priced)', value: s.failed.usage, text: String(s.failed.usage) },
  ];
}

/** How the run was made and what it spent: the estimate, the spending, the matching, confidence and grading, the endpoint, the time. */
function setupRows(s: CascadeRunSummary): SummaryRow[] {
  return [
    { metric: 'Estimate before the run', value: s.estimate.usd?.high ?? null, text: describeEstimate(s.estimate) },
    {
      metric: 'Spent',
      value: s.spent.usd,
      text: `${formatUsd(s.spent.usd)}, ${plural(s.spent.tokens, 'token')}, ${plural(s.spent.chatCalls, 'call')}${s.budgetUsd === null ? '' : ` (budget ${formatUsd(s.budgetUsd)})`}`,
    },
    { metric: 'Strategies shown per query (k)', value: s.k, text: String(s.k) },
    { metric: 'Query matching', value: s.embeddingModel ?? 'tf-idf', text: queryMatching(s) },
    ...(s.embedding
      ? [
          {
            metric: 'Embedding requests',
            value: s.embedding.costUsd,
            text: `${plural(s.embedding.requests, 'request')}, ${s.embedding.costUsd === null ? 'no price: not in the cost' : `${formatUsd(s.embedding.costUsd)} (in the total cost)`}`,
          },
        ]
      : []),
    {
      metric: 'Confidence',
      value: s.confidence,
      text:
        s.confidence === 'tokens'
          ? 'probability of the answer tokens (normalised)'
          : s.provider === 'vscode'
            ? "stated by the model in its reply (VS Code's language models give no log-probabilities)"
            : 'stated by the model in its reply',
    },
    { metric: 'Answers graded by', value: s.match.mode, text: gradedBy(s) },
    ...(s.judge
      ? [
          {
            metric: 'Judge calls',
            value: s.judge.calls,
            text: `${plural(s.judge.calls, 'call')} to ${s.judge.model} (${s.judge.failed} without a verdict), ${formatUsd(s.judge.costUsd)}; not in any pipeline's cost`,
          },
        ]
      : []),
    ...(s.sharing
      ? [
          {
            metric: 'Comparison calls',
            value: s.sharing.extraPaidCalls,
            text: `${plural(s.sharing.extraPaidCalls, 'extra paid call')} for the controls; ${plural(s.sharing.sharedCalls, 'call')} answered by an identical call already paid`,
          },
        ]
      : []),
    {
      metric: s.provider === 'vscode' ? 'Models from' : 'Endpoint',
      value: s.endpoint,
      text: s.provider === 'vscode' ? "VS Code's language models" : s.endpoint,
    },
    { metric: 'Elapsed', value: s.elapsedS, text: formatElapsed(s.elapsedS) },
  ];
}

/** One row per figure of the run, in the order the paper reports them (§3.3), then the repository and failures, then how it was run. */
export function summaryRows(s: CascadeRunSummary): SummaryRow[] {
  return [...outcomeRows(s), ...setupRows(s)];
}

const queryMatching = (s: CascadeRunSummary): string => {
  if (!s.embeddingModel) return 'shared words (TF-IDF cosine similarity)';
  return s.embedding?.fallback
    ? `shared words after the embedding model failed: ${s.embedding.fallback}`
    : `cosine similarity of ${s.embeddingModel} embeddings`;
};

const gradedBy = (s: CascadeRunSummary): string => {
  const m = s.match;
  if (m.mode === 'numeric') return `numeric match (relative tolerance ${m.relTol ?? 1e-6})`;
  if (m.mode === 'choice') return 'option letter (multiple choice)';
  if (m.mode === 'judge') return `exact match, else the judge ${m.judgeModel ?? ''}`;
  return 'exact match (normalised; numbers in any format)';
};

const confidence = (c: number | null): string => (c === null ? DASH : formatFixed(c, 2));

/** The trace table's columns; `summary` names the models of the run shown. */
export function traceColumns(summary: () => CascadeRunSummary | null): Column<CascadeTraceRow>[] {
  const who = (r: CascadeTraceRow): string =>
    r.answeredBy === 'abstained'
      ? 'abstained'
      : r.answeredBy === 'weak'
        ? (summary()?.weakModel ?? 'weak')
        : (summary()?.strongModel ?? 'strong');
  return [
    { id: 'query_id', title: 'Query', value: (r) => r.queryId },
    { id: 'question', title: 'Question', wrap: true, value: (r) => r.question },
    { id: 'gold', title: 'Gold', value: (r) => r.gold },
    {
      id: 'strategies_shown',
      title: 'Notes',
      help: 'Strategies from the repository shown with this query',
      numeric: true,
      value: (r) => r.strategiesShown,
    },
    {
      id: 'weak_answer',
      title: 'Weak answer',
      wrap: true,
      value: (r) => r.weakAnswer,
      format: (r) => r.weakAnswer ?? DASH,
    },
    {
      id: 'weak_confidence',
      title: 'Weak conf.',
      numeric: true,
      value: (r) => r.weakConfidence,
      format: (r) => confidence(r.weakConfidence),
    },
    {
      id: 'strong_answer',
      title: 'Strong answer',
      wrap: true,
      value: (r) => r.strongAnswer,
      format: (r) => (r.strongConfidence === null ? '' : (r.strongAnswer ?? DASH)),
    },
    {
      id: 'strong_confidence',
      title: 'Strong conf.',
      numeric: true,
      value: (r) => r.strongConfidence,
      format: (r) => (r.strongConfidence === null ? '' : confidence(r.strongConfidence)),
    },
    { id: 'answered_by', title: 'Answered by', value: who },
    {
      id: 'correct',
      title: 'Right',
      help: 'Final answer against the gold answer (an abstention is not right)',
      value: (r) => r.correct,
      format: (r) => (r.correct === null ? DASH : r.correct ? '✓' : '✗'),
    },
    {
      id: 'strategy_added',
      title: 'New strategy',
      value: (r) => r.strategyAdded,
      format: (r) => (r.strategyAdded ? 'added' : ''),
    },
    { id: 'cost_usd', title: 'Cost', numeric: true, value: (r) => r.costUsd, format: (r) => formatUsd(r.costUsd) },
    { id: 'problem', title: 'Problem', wrap: true, value: (r) => r.problem, format: (r) => r.problem ?? '' },
  ];
}
