/**
 * Several logs read as runs to compare (before/after a prompt change, two providers, two weeks of
 * production): each log's models are renamed "model · run" so the same model in two runs stays two
 * candidates instead of being merged, and every record gets the text label `run` to slice by.
 * Pure: file names in, records out.
 */
import type { EvalRecord, LogProblem, ReadLogResult } from './types';

/** Between a model's name and its run's in a compared model's name. */
export const RUN_SEPARATOR = ' · ';
/** The text label every record of a compared run carries (Where run = …, Side by side by run). */
export const RUN_LABEL = 'run';

/** The last part of a path, either separator. */
function lastPart(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts.at(-1) ?? path;
}

/** A file's name without its log extension(s): `results.jsonl` → `results`, `run.eval` → `run`. */
function stem(name: string): string {
  const cut = name.replace(/(\.(jsonl|json|csv|eval|ndjson|gz))+$/i, '');
  return cut === '' ? name : cut;
}

/**
 * Short distinct names for runs read from `files`, in order: each file's name without its
 * extension; when two files share it, their folder is put in front (`a/results`, `b/results`);
 * when even that is shared, a number is added (`results (2)`). The same file given twice gets two
 * names.
 */
export function runLabels(files: readonly string[]): string[] {
  const stems = files.map((f) => stem(lastPart(f)));
  const count = (xs: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const byStem = count(stems);
  const withFolder = files.map((f, i) => {
    if ((byStem.get(stems[i]) ?? 0) < 2) return stems[i];
    const parts = f.split(/[\\/]/).filter((p) => p !== '');
    return parts.length >= 2 ? `${parts[parts.length - 2]}/${stems[i]}` : stems[i];
  });
  const taken = count(withFolder);
  const seen = new Map<string, number>();
  return withFolder.map((label) => {
    if ((taken.get(label) ?? 0) < 2) return label;
    const k = (seen.get(label) ?? 0) + 1;
    seen.set(label, k);
    return k === 1 ? label : `${label} (${k})`;
  });
}

/** The name a model of run `run` has when runs are compared. */
export function runModelName(model: string, run: string): string {
  return `${model}${RUN_SEPARATOR}${run}`;
}

/**
 * One log's result as run `run`: every record's model is renamed (`runModelName`) and labelled
 * `run`, so logs read this way combine without merging their models. A record with a `run` label
 * of its own has it replaced, said once in a warning.
 */
export function asRun(log: ReadLogResult, run: string): ReadLogResult {
  let replaced = 0;
  const records = log.records.map((r): EvalRecord => {
    if (r.labels?.[RUN_LABEL] !== undefined) replaced++;
    return { ...r, model: runModelName(r.model, run), labels: { ...r.labels, [RUN_LABEL]: run } };
  });
  const warnings: LogProblem[] = [...log.warnings];
  if (replaced > 0)
    warnings.push({
      file: log.file,
      line: null,
      severity: 'warning',
      reason: `${replaced} record(s) have a "${RUN_LABEL}" field of their own; while runs are compared it names the run ("${run}") instead`,
    });
  return { ...log, records, table: undefined, warnings };
}

/** What a view comparing runs says once: which runs, and why it offers single models only. */
export function comparingRunsNote(runs: readonly string[]): string {
  return `Comparing ${runs.length} runs (${runs.map((r) => `"${r}"`).join(', ')}), matched by query id: each system is one model of one run. Cascades and routers are tuned within one log; open a single log for them.`;
}

/** The model's own name and its run when `model` is the name of a model of one of `runs`; else null. */
export function splitRunModel(model: string, runs: readonly string[]): { model: string; run: string } | null {
  // The longest run name that ends the model's name, so "a · x (2)" is not read as run "x (2)"'s "a · x".
  let best: string | null = null;
  for (const run of runs)
    if (model.endsWith(`${RUN_SEPARATOR}${run}`) && (best === null || run.length > best.length)) best = run;
  return best === null ? null : { model: model.slice(0, model.length - RUN_SEPARATOR.length - best.length), run: best };
}

/** The file a compared model's records come from (`files` in run order, named by `runLabels`); `files[0]` when the name has no run. */
export function runFileOfModel(model: string, files: readonly string[]): string {
  const labels = runLabels(files);
  const split = splitRunModel(model, labels);
  return split === null ? files[0] : files[labels.indexOf(split.run)];
}
