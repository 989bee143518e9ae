/** The Cascade Runner's text fields and the labels of its choices. */
import type { CascadeFormValues } from '../../src/protocol/cascadeRunner';
import * as ui from '../ui/toolkit';

const text = (id: string, label: string, size: number, help: string, placeholder = '') =>
  ui.textField({ id, size, 'aria-label': label, title: help, placeholder });
/** Every text field of the form, with its element. */
export const FIELDS: [keyof CascadeFormValues, ui.ValueControl][] = [
  [
    'queriesFile',
    text(
      'queries',
      'Queries file',
      48,
      'JSON Lines, one query per line: {"query_id", "question", "answer"} (answer optional); relative to the workspace folder',
      'questions.jsonl',
    ),
  ],
  [
    'weakModel',
    text(
      'weak',
      'Weak model',
      18,
      'Model name as the endpoint knows it: the cheap model that answers first',
      'e.g. gpt-4o-mini',
    ),
  ],
  [
    'strongModel',
    text(
      'strong',
      'Strong model',
      18,
      'Model name as the endpoint knows it: answers deferred queries and writes strategies',
      'e.g. gpt-4o',
    ),
  ],
  [
    'k',
    text(
      'k',
      'k strategies',
      4,
      'Strategies shown to the weak model per query (the strong model always gets the bare question; 0: a plain cascade without retrieval)',
    ),
  ],
  [
    'weakThreshold',
    text('weak-threshold', 'Weak threshold', 5, 'The weak model keeps its answer when its confidence is at least this'),
  ],
  [
    'strongThreshold',
    text(
      'strong-threshold',
      'Strong threshold',
      5,
      'The strong model keeps its answer (and its strategy) at this confidence; below it the query is abstained on',
    ),
  ],
  ['alpha', text('alpha', 'α (error tolerance)', 5, 'Largest acceptable error rate among kept answers')],
  ['delta', text('delta', 'δ (failure probability)', 5, 'Probability that the guarantee may fail')],
  [
    'calibration',
    text(
      'calibration',
      'Calibration size N',
      5,
      'The first N queries calibrate both thresholds (both models answer them without strategies); the rest is the online run',
    ),
  ],
  [
    'embeddingModel',
    text(
      'embedding-model',
      'Embedding model',
      24,
      'Optional: an embedding model of the endpoint (its /embeddings) to match queries by meaning, as in the paper; empty: match by shared words (TF-IDF)',
      '(none: match by words)',
    ),
  ],
  [
    'budgetUsd',
    text(
      'budget',
      'Budget in dollars',
      8,
      "Optional: the run stops before its spending (calls, embeddings, the judge and the comparison's controls, across resumes) would pass this many dollars; needs prices for the models (setting costRiskLab.prices); empty: no budget",
      '(none)',
    ),
  ],
  [
    'tolerance',
    text(
      'tolerance',
      'Relative tolerance',
      8,
      'Numbers agree when |a − b| ≤ tolerance × the larger of |a|, |b|; empty: 1e-6',
      '1e-6',
    ),
  ],
  [
    'judgeModel',
    text(
      'judge-model',
      'Judge model',
      18,
      'The model asked whether an answer matches the gold answer (when the exact match fails); its calls are paid and counted',
      'e.g. gpt-4o',
    ),
  ],
  [
    'repositoryFile',
    text(
      'repository',
      'Repository file',
      40,
      'Optional: a strategy repository (JSON Lines) to start from, saved back at the end; empty: start empty',
      '(none: start empty)',
    ),
  ],
];

export const MATCH_LABELS: Record<CascadeFormValues['match'], string> = {
  exact: 'Exact match',
  numeric: 'Numeric (with tolerance)',
  choice: 'Option letter (multiple choice)',
  judge: 'A judge model (paid calls)',
};
export const COMPARE_LABELS: Record<CascadeFormValues['compare'], string> = {
  none: 'Nothing (Inter-Cascade only)',
  plain: 'Plain cascade',
  random: 'Random strategies',
  'plain,random': 'Plain cascade and random strategies',
};
