/**
 * The Cascade Runner's comparison table: the Inter-Cascade and its controls on the same queries,
 * with the paper's Table 2 figures (definitions in src/engines/intercascade/armFigures.ts).
 */
import type { ArmFigures } from '../../src/engines/intercascade/armFigures';
import { DASH, formatShare, formatUsd } from '../../src/protocol/format';
import { formatPercent } from '../charts/lineChartBase';
import type { Column } from '../ui/tableCard';

const ARM_NAMES: Record<ArmFigures['arm'], string> = {
  retrieval: 'Inter-Cascade (retrieved strategies)',
  plain: 'Plain cascade (no strategies)',
  random: 'Random strategies',
};

/** The pipeline's name as the table shows it. */
export const armName = (arm: ArmFigures['arm']): string => ARM_NAMES[arm];

const pct = (x: number | null): string => (x === null ? DASH : formatPercent(x));

/** One column per figure of the paper's comparison, then what the run shared and what failed. */
export function comparisonColumns(): Column<ArmFigures>[] {
  return [
    { id: 'pipeline', title: 'Pipeline', value: (r) => r.arm, format: (r) => armName(r.arm) },
    { id: 'queries', title: 'Queries', numeric: true, value: (r) => r.n },
    {
      id: 'pipeline_accuracy',
      title: 'Pipeline acc.',
      help: 'Right answers kept by either model, over the queries with a gold answer ((C_w + C_s) / N)',
      numeric: true,
      value: (r) => r.pipelineAccuracy,
      format: (r) => formatShare(r.pipelineAccuracy),
    },
    {
      id: 'weak_accuracy',
      title: 'Weak acc.',
      help: 'Queries the weak model answered right, kept or not',
      numeric: true,
      value: (r) => r.weakAccuracy,
      format: (r) => formatShare(r.weakAccuracy),
    },
    {
      id: 'weak_correct_accepted',
      title: 'Weak right & kept',
      help: 'Queries the weak model answered right and kept (its confidence reached the threshold)',
      numeric: true,
      value: (r) => r.weakCorrectAccepted,
      format: (r) => formatShare(r.weakCorrectAccepted),
    },
    {
      id: 'strong_call_rate',
      title: 'Strong calls',
      help: 'Share of queries passed to the strong model',
      numeric: true,
      value: (r) => r.strongCallRate,
      format: (r) => pct(r.strongCallRate),
    },
    {
      id: 'coverage',
      title: 'Coverage',
      help: 'Share of queries not abstained on',
      numeric: true,
      value: (r) => r.coverage,
      format: (r) => pct(r.coverage),
    },
    {
      id: 'tokens',
      title: 'Tokens',
      help: 'Input and output tokens of its calls (a shared call counts for each pipeline), plus the embeddings for the Inter-Cascade',
      numeric: true,
      value: (r) => r.tokens,
      format: (r) => (r.tokens === null ? DASH : r.tokens.toLocaleString('en-US')),
    },
    { id: 'cost_usd', title: 'Cost', numeric: true, value: (r) => r.costUsd, format: (r) => formatUsd(r.costUsd) },
    {
      id: 'token_reduction',
      title: 'Token red.',
      help: 'Tokens saved against the plain cascade: (T_plain − T) / T_plain',
      numeric: true,
      value: (r) => r.tokenReduction,
      format: (r) => pct(r.tokenReduction),
    },
    {
      id: 'cost_reduction',
      title: 'Cost red.',
      help: 'Dollars saved against the plain cascade: (F_plain − F) / F_plain',
      numeric: true,
      value: (r) => r.costReduction,
      format: (r) => pct(r.costReduction),
    },
    {
      id: 'shared_calls',
      title: 'Shared calls',
      help: 'Calls answered by an identical call another pipeline had paid (same prompt: paid once)',
      numeric: true,
      value: (r) => r.sharedCalls,
    },
    { id: 'failed_calls', title: 'Failed calls', numeric: true, value: (r) => r.failedCalls },
  ];
}
