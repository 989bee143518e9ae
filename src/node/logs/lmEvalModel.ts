import { basename, dirname } from 'node:path';
import { findLmEvalResults, type LmEvalResults } from './lmEvalResults';

/** The task a samples file belongs to: `samples_<task>_<timestamp>.jsonl`, else the name without extension (and without `samples_`). */
export function lmEvalTaskFromFileName(file: string): string {
  const name = stem(file);
  const m = /^samples_(.+?)_(\d{4}-\d{2}-\d{2}T[\d.:-]+)$/.exec(name);
  return m ? m[1] : name.replace(/^samples_/, '');
}

const stem = (file: string): string => basename(file).replace(/\.jsonl?$/i, '');

/** Folder names that say "output", not which model: a model name taken from them would mislead. */
const GENERIC_FOLDERS = new Set([
  'out',
  'output',
  'outputs',
  'result',
  'results',
  'eval',
  'evals',
  'eval_results',
  'evaluation',
  'samples',
  'logs',
  'lm_eval',
  'lm-eval',
  'tmp',
  '.',
  '',
]);

/** Who ran, on which task, according to the samples file's name, its results file and its folder. */
export interface LmEvalRun {
  task: string;
  model: string;
  /** Where `model` came from, in words (shown to the user). */
  modelSource: string;
  /** The results file of the run when it covers `task` (its metric list, filters and reported values apply), else null. */
  results: LmEvalResults | null;
  /** Things the user should know (task name guessed, results file unreadable...). */
  notes: string[];
}

/**
 * Finds the task and the model of a samples file. The task: `samples_<task>_<date>.jsonl` (lm-eval
 * 0.4.3 and later), or, for `<model_args>_<task>.jsonl` (0.4.0–0.4.2, `/` and `=` written as `__`),
 * the longest task of the `results.json` beside it that ends the name. The model, first found of:
 * `model_name`, then `config.model_args` (`pretrained=...`, a string or a dict), then `config.model`
 * of the results file beside the samples (see findLmEvalResults); the model arguments in a 0.4.0–0.4.2
 * file name; the folder's name with `__` read as `/` (the harness writes `<out>/<org>__<model>/`).
 */
export async function resolveLmEvalRun(file: string): Promise<LmEvalRun> {
  const notes: string[] = [];
  const name = stem(file);
  const dated = /^samples_(.+?)_(\d{4}-\d{2}-\d{2}T[\d.:-]+)$/.exec(name);
  let task: string | null = dated ? dated[1] : name.startsWith('samples_') ? name.slice('samples_'.length) : null;
  const results = await findLmEvalResults(file, task, notes);
  let argsPrefix: string | null = null;
  let prefixExact = false;
  if (task === null) {
    const known = results
      ? [...results.tasks].filter((t) => name === t || name.endsWith(`_${t}`)).sort((a, b) => b.length - a.length)
      : [];
    if (known.length) {
      task = known[0];
      argsPrefix = name.length > task.length ? name.slice(0, name.length - task.length - 1) : null;
      prefixExact = true;
    } else {
      task = name;
      argsPrefix = name;
      notes.push(
        `task name unknown: the file is not named samples_<task>_<date>.jsonl and no results file beside it lists a task that ends its name; "${name}" is used as the task`,
      );
    }
  }
  const covering = results && results.tasks.has(task) ? results : null;
  if (results && !covering)
    notes.push(`${results.name} beside the file does not cover the task "${task}": its metrics are not used`);
  const fromArgs = argsPrefix === null ? undefined : modelFromFileNameArgs(argsPrefix, prefixExact);
  if (results?.model)
    return {
      task,
      model: results.model.name,
      modelSource: `${results.model.field} of ${results.name}`,
      results: covering,
      notes,
    };
  if (fromArgs)
    return {
      task,
      model: fromArgs,
      modelSource: `the file name (lm-eval 0.4.0–0.4.2 names samples files after the model arguments: "${argsPrefix}")`,
      results: covering,
      notes,
    };
  const folder = basename(dirname(file));
  const model = folder.replace(/__/g, '/');
  const generic = GENERIC_FOLDERS.has(folder.toLowerCase());
  const modelSource = `the folder name "${folder}" (no results file beside the samples names the model)${generic ? `; "${folder}" names an output folder, not a model: put the run's results_*.json beside the samples file or name the folder <org>__<model>` : ''}`;
  return { task, model, modelSource, results: covering, notes };
}

/**
 * `pretrained__EleutherAI__pythia-160m,dtype__float32` -> `EleutherAI/pythia-160m`. When the prefix is
 * not known exactly (the task name is still attached), only a `,` can end the value.
 */
function modelFromFileNameArgs(prefix: string, exact: boolean): string | undefined {
  const m = (
    exact
      ? /^(?:pretrained|model|model_name|path|engine)__([^,]+)(,|$)/
      : /^(?:pretrained|model|model_name|path|engine)__([^,]+),/
  ).exec(prefix);
  if (!m || m[1] === '') return undefined;
  return m[1].replace(/__/g, '/');
}
