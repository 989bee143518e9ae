import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parsePythonJson } from '../../engines/logs/pythonJson';
import { asObject, asString } from '../../engines/logs/readJsonDocument';

/** Results files larger than this are not read (a results file is a few KB to a few MB). */
const MAX_RESULTS_BYTES = 32 * 1024 * 1024;

/** What a harness results file (`results_<date>.json`, or `results.json` before 0.4.3) says about one run. */
export interface LmEvalResults {
  /** The file's name (it sits beside the samples file). */
  name: string;
  /** Task names the file reports or configures. */
  tasks: Set<string>;
  /** The model's name and the field it came from, when the file names one. */
  model?: { name: string; field: string };
  /** The task's metrics in the order of its `metric_list` (then of its reported values). */
  metrics(task: string): string[];
  /** The task's filter names in the order of its `filter_list` (the order in which the harness logs them); `["none"]` when it has none. */
  filters(task: string): string[];
  /** The task's `target_delimiter` (the text between prompt and each option), when configured. */
  targetDelimiter(task: string): string | undefined;
  /** The value the harness reported for `metric` under `filter` (`results[task]["metric,filter"]`), when it is a number. */
  reported(task: string, metric: string, filter: string): number | undefined;
}

/** Keys of `results[task]` that are not metrics. */
const NOT_METRICS = new Set(['alias', 'name', 'sample_len', 'sample_count', 'samples', ' ']);

/** `pretrained=meta-llama/Llama-3.1-8B,dtype=bfloat16` (or the same as a dict) -> `meta-llama/Llama-3.1-8B`. */
export function modelFromArgs(args: unknown): string | undefined {
  const o = asObject(args);
  if (o)
    return (
      asString(o.pretrained) ?? asString(o.model) ?? asString(o.model_name) ?? asString(o.path) ?? asString(o.engine)
    );
  if (typeof args !== 'string') return undefined;
  for (const key of ['pretrained', 'model', 'model_name', 'path', 'engine']) {
    const m = new RegExp(`(?:^|,)\\s*${key}=([^,]+)`).exec(args);
    if (m && m[1].trim() !== '') return m[1].trim();
  }
  return undefined;
}

/** Reads one parsed results document into an LmEvalResults, or null when it is not one. */
export function toLmEvalResults(name: string, doc: unknown): LmEvalResults | null {
  const o = asObject(doc);
  const results = asObject(o?.results);
  if (!o || !results) return null;
  const configs = asObject(o.configs) ?? {};
  const config = asObject(o.config);
  const tasks = new Set([...Object.keys(results), ...Object.keys(configs)]);
  let model: LmEvalResults['model'];
  const fromName = asString(o.model_name);
  const fromArgs = modelFromArgs(config?.model_args);
  const fromModel = asString(config?.model);
  if (fromName) model = { name: fromName, field: '"model_name"' };
  else if (fromArgs)
    model = {
      name: fromArgs,
      field: `"config.model_args" (${typeof config?.model_args === 'string' ? config.model_args.slice(0, 80) : 'a dict'})`,
    };
  else if (fromModel)
    model = { name: fromModel, field: '"config.model" (the model type only: the file names no checkpoint)' };
  const taskConfig = (task: string): Record<string, unknown> | undefined =>
    Object.hasOwn(configs, task) ? asObject(configs[task]) : undefined;
  const taskResults = (task: string): Record<string, unknown> | undefined =>
    Object.hasOwn(results, task) ? asObject(results[task]) : undefined;
  return {
    name,
    tasks,
    model,
    metrics(task) {
      const out: string[] = [];
      const list = taskConfig(task)?.metric_list;
      if (Array.isArray(list))
        for (const m of list) {
          const metric = asString(asObject(m)?.metric);
          if (metric && !out.includes(metric)) out.push(metric);
        }
      for (const key of Object.keys(taskResults(task) ?? {})) {
        const metric = key.split(',')[0];
        if (!NOT_METRICS.has(metric) && !metric.endsWith('_stderr') && !out.includes(metric)) out.push(metric);
      }
      return out;
    },
    filters(task) {
      const list = taskConfig(task)?.filter_list;
      const names = Array.isArray(list)
        ? list.map((f) => asString(asObject(f)?.name)).filter((n): n is string => n !== undefined)
        : [];
      return names.length ? names : ['none'];
    },
    targetDelimiter(task) {
      return asString(taskConfig(task)?.target_delimiter);
    },
    reported(task, metric, filter) {
      const v = taskResults(task)?.[`${metric},${filter}`];
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    },
  };
}

/** The date in `samples_<task>_<date>.jsonl` / `results_<date>.json` (the harness gives both files of one run the same one). */
export function runDate(file: string): string | undefined {
  return /_(\d{4}-\d{2}-\d{2}T[\d.:-]+)\.jsonl?$/i.exec(basename(file))?.[1];
}

/**
 * The harness results file that describes the run of `samplesFile`: among the `results*.json` files in
 * the same folder, the one with the same run date, else the newest one that covers `task` (or, when
 * `task` is unknown, any), else `results.json` (lm-eval 0.4.0–0.4.2), else the newest readable one
 * (the harness writes one folder per model, so it still names the model; callers check `tasks` before
 * using its metrics). Unreadable candidates are noted in `problems` and passed over. Reads each
 * candidate at most once; never throws.
 */
export async function findLmEvalResults(
  samplesFile: string,
  task: string | null,
  problems: string[],
): Promise<LmEvalResults | null> {
  const dir = dirname(samplesFile);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^results.*\.json$/i.test(n));
  } catch {
    return null;
  }
  const date = runDate(samplesFile);
  names.sort((a, b) => rank(b) - rank(a) || (b < a ? -1 : b > a ? 1 : 0));
  function rank(n: string): number {
    return date !== undefined && n.includes(date) ? 2 : n.toLowerCase() === 'results.json' ? 0 : 1;
  }
  let fallback: LmEvalResults | null = null;
  for (const n of names) {
    const r = await readResults(join(dir, n), n, problems);
    if (!r) continue;
    if (task === null || r.tasks.has(task) || (date !== undefined && n.includes(date))) return r;
    fallback ??= r;
  }
  return fallback;
}

async function readResults(path: string, name: string, problems: string[]): Promise<LmEvalResults | null> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return null;
    if (st.size > MAX_RESULTS_BYTES) {
      problems.push(`${name} beside the file is not read: ${st.size} bytes is more than a results file holds`);
      return null;
    }
    let text = await readFile(path, 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const r = toLmEvalResults(name, parsePythonJson(text));
    if (!r) problems.push(`${name} beside the file is not an lm-evaluation-harness results file (no "results" object)`);
    return r;
  } catch (err) {
    problems.push(
      `${name} beside the file cannot be read (${err instanceof Error ? err.message.split('\n')[0].slice(0, 120) : String(err)})`,
    );
    return null;
  }
}
