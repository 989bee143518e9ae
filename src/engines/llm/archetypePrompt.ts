/**
 * Our few-shot prompt that asks a language model to turn a description of cluster data into archetype
 * JSON. Written for this project (the thesis's templates are not reused): a short schema with the
 * meaning of each field, calibration of overlap words, and worked examples as chat turns.
 */
import type { ChatMessage } from './chatCompletion';

const SYSTEM = `You convert a researcher's description of a synthetic clustering benchmark into one JSON object.
Reply with the JSON object only: no prose, no code fences.

Fields (omit a field to keep its default):
- name: short snake_case identifier summarising the description (letters, digits, underscores; must not start with a digit)
- n_clusters: integer >= 1 (default 6)
- dim: integer >= 1, number of features (default 2)
- n_samples: integer, total points; when the user gives points per cluster, multiply by n_clusters (default 100 per cluster)
- aspect_ref: number >= 1, typical ratio of longest to shortest cluster axis; 1 = round, 3 = oblong, 6+ = very elongated (default 1.5)
- aspect_maxmin: number >= 1, how much that ratio varies between clusters; 1 = all alike, 3+ = very different shapes (default 2)
- radius_maxmin: number >= 1, ratio of largest to smallest cluster size; 1 = equal sizes, 4+ = very different sizes (default 3)
- max_overlap: number in (0, 1), largest allowed overlap of any two clusters (default 0.05)
- min_overlap: number in (0, max_overlap), each cluster overlaps some neighbour at least this much; usually max_overlap / 10
- imbalance_ratio: number >= 1, most over least populated cluster; 1 = balanced, 5 = strong imbalance (default 2)
- distributions: list drawn from "normal", "standard_t", "exponential", "beta", "uniform", "chisquare", "gumbel", "weibull", "gamma", "pareto", "f", "lognormal" (default ["normal", "exponential"])
- distribution_proportions: list of shares matching distributions, summing to 1

Overlap vocabulary: "far apart" or "very well separated" 1e-5; "well separated" 1e-4; "separated" 1e-3;
"a little overlap" 0.01; "moderate overlap" 0.1; "significant overlap" 0.2; "heavy overlap" 0.4.
Use heavy-tailed distributions (standard_t, pareto, lognormal) only when the user asks for heavy tails or outliers.`;

const EXAMPLES: [string, Record<string, unknown>][] = [
  [
    'nine round blobs that barely touch',
    {
      name: 'nine_round_blobs_barely_touching',
      n_clusters: 9,
      n_samples: 900,
      aspect_ref: 1,
      aspect_maxmin: 1,
      max_overlap: 0.01,
      min_overlap: 0.001,
    },
  ],
  [
    'three stretched clusters in 5 dimensions with 250 points each, strongly overlapping',
    {
      name: 'three_stretched_5d_strong_overlap',
      n_clusters: 3,
      dim: 5,
      n_samples: 750,
      aspect_ref: 4,
      aspect_maxmin: 1.3,
      max_overlap: 0.3,
      min_overlap: 0.15,
    },
  ],
  [
    'fifteen clusters whose sizes and shapes vary a lot, clearly apart, unequal group sizes',
    {
      name: 'fifteen_varied_clearly_apart_unequal',
      n_clusters: 15,
      n_samples: 1500,
      aspect_ref: 1.8,
      aspect_maxmin: 4,
      radius_maxmin: 4,
      max_overlap: 1e-4,
      min_overlap: 1e-5,
      imbalance_ratio: 4,
    },
  ],
  [
    'six clusters in 40D, a quarter of them gamma distributed and the rest Gaussian',
    {
      name: 'six_40d_gamma_gaussian',
      n_clusters: 6,
      dim: 40,
      n_samples: 600,
      distributions: ['gamma', 'normal'],
      distribution_proportions: [0.25, 0.75],
    },
  ],
  [
    'four clusters with outliers, perfectly balanced',
    {
      name: 'four_clusters_outliers_balanced',
      n_clusters: 4,
      n_samples: 400,
      imbalance_ratio: 1,
      distributions: ['standard_t', 'lognormal'],
    },
  ],
];

/** System message, the worked examples as user/assistant turns, then the user's description. */
export function archetypePromptMessages(description: string): ChatMessage[] {
  const msgs: ChatMessage[] = [{ role: 'system', content: SYSTEM }];
  for (const [d, json] of EXAMPLES) {
    msgs.push({ role: 'user', content: d });
    msgs.push({ role: 'assistant', content: JSON.stringify(json) });
  }
  msgs.push({ role: 'user', content: description.trim() });
  return msgs;
}
