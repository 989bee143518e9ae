import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parsePythonJson } from './pythonJson';
import { asObject, asString } from './readJsonDocument';

/** The task a samples file belongs to: `samples_<task>_<timestamp>.jsonl`, else the name without extension. */
export function lmEvalTaskFromFileName(file: string): string {
  const name = basename(file).replace(/\.jsonl?$/i, '');
  const m = /^samples_(.+?)_(\d{4}-\d{2}-\d{2}T[\d.:-]+)$/.exec(name);
  return m ? m[1] : name.replace(/^samples_/, '');
}

/** `pretrained=meta-llama/Llama-3.1-8B,dtype=bfloat16` (or a dict) -> `meta-llama/Llama-3.1-8B`. */
function modelFromArgs(args: unknown): string | undefined {
  const o = asObject(args);
  if (o) return asString(o.pretrained) ?? asString(o.model) ?? asString(o.model_name) ?? asString(o.path);
  if (typeof args !== 'string') return undefined;
  for (const key of ['pretrained', 'model', 'model_name', 'path']) {
    const m = new RegExp(`(?:^|,)\\s*${key}=([^,]+)`).exec(args);
    if (m) return m[1].trim();
  }
  return undefined;
}

/**
 * Where the harness put the model's name: `model_name` or `config.model_args` of a sibling
 * `results_<timestamp>.json` (the newest one that covers the task), else the output folder's
 * name (the harness writes `<out>/<org>__<model>/`). `source` says which was used.
 */
export async function lmEvalModelName(file: string, task: string): Promise<{ model: string; source: string }> {
  const dir = dirname(file);
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => /^results.*\.json$/i.test(n)).sort().reverse();
  } catch {
    names = [];
  }
  let fallback: { model: string; source: string } | undefined;
  for (const n of names) {
    let doc: Record<string, unknown> | undefined;
    try {
      doc = asObject(parsePythonJson(await readFile(join(dir, n), 'utf8')));
    } catch {
      continue;
    }
    if (!doc) continue;
    const model = asString(doc.model_name) ?? modelFromArgs(asObject(doc.config)?.model_args) ?? asString(asObject(doc.config)?.model);
    if (!model) continue;
    const found = { model, source: n };
    const results = asObject(doc.results);
    if (!results || task in results || Object.keys(asObject(doc.configs) ?? {}).includes(task)) return found;
    fallback ??= found;
  }
  if (fallback) return fallback;
  const folder = basename(dir);
  return { model: folder.replace(/__/g, '/'), source: 'folder name' };
}
