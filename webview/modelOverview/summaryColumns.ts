/** Columns shared by the Model Overview's tables of model summaries (the models table and the side-by-side table). */
import type { ModelSummary } from '../../src/engines/logs/summarizeModels';
import { DASH, formatShare, formatUsd } from '../../src/protocol/format';
import type { Column } from '../ui/tableCard';

type Summary = Pick<ModelSummary, 'accuracy' | 'accuracy_ci' | 'mean_cost_usd'>;

/** Accuracy, its 95% interval (exported as two CSV columns) and the mean cost per query. */
export function accuracyAndCostColumns<R extends Summary>(): Column<R>[] {
  return [
    {
      id: 'accuracy',
      title: 'Accuracy',
      help: 'Mean score: the share of queries answered correctly (for graded scores, the mean grade)',
      numeric: true,
      value: (r) => r.accuracy,
      format: (r) => formatShare(r.accuracy),
    },
    {
      id: 'accuracy_ci',
      title: 'Accuracy 95% CI',
      help: 'Wilson score interval for right/wrong scores (closed form, good coverage near 0 and 1 and for small n); a percentile bootstrap of the mean for graded scores',
      numeric: true,
      value: (r) => r.accuracy_ci?.ci_low ?? null,
      format: (r) =>
        r.accuracy_ci ? `${formatShare(r.accuracy_ci.ci_low)} – ${formatShare(r.accuracy_ci.ci_high)}` : DASH,
      csv: [
        { id: 'accuracy_ci_low', value: (r) => r.accuracy_ci?.ci_low ?? null },
        { id: 'accuracy_ci_high', value: (r) => r.accuracy_ci?.ci_high ?? null },
      ],
    },
    {
      id: 'mean_cost_usd',
      title: 'Cost / query',
      help: 'Mean dollar cost per query',
      numeric: true,
      value: (r) => r.mean_cost_usd,
      format: (r) => formatUsd(r.mean_cost_usd),
    },
  ];
}
