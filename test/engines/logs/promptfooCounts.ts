// Independent counts from promptfoo's raw files, for the tests: a few lines over the parsed JSON,
// sharing no code with the reader (src/engines/logs/promptfoo*.ts).
import { readFileSync } from 'node:fs';

export interface Comp {
  pass: boolean;
  score: number;
  assertion?: { type?: string; weight?: number };
  componentResults?: Comp[];
}

export interface PfResult {
  provider: { id: string; label?: string };
  promptId?: string;
  prompt?: { label?: string };
  testIdx: number;
  vars?: Record<string, unknown>;
  testCase?: { threshold?: number };
  success: boolean;
  failureReason?: number;
  cost?: number;
  latencyMs?: number;
  response?: {
    tokenUsage?: { prompt?: number; completion?: number; total?: number; completionDetails?: { reasoning?: number } };
  };
  gradingResult?: { componentResults?: Comp[] } | null;
}

export interface PfPromptMetrics {
  provider: string;
  label: string;
  metrics: {
    testPassCount: number;
    testFailCount: number;
    testErrorCount: number;
    cost: number;
    tokenUsage: { prompt: number };
  };
}

export interface PfDoc {
  results: {
    results: PfResult[];
    prompts: PfPromptMetrics[];
    stats: { successes: number; failures: number; errors: number };
  };
}

export const readDoc = (file: string): PfDoc => JSON.parse(readFileSync(file, 'utf8')) as PfDoc;
export const readJsonl = (file: string): PfResult[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as PfResult);

/** promptfoo's flattened component list: assert-set entries carry componentResults and are followed by copies of them, so the leaves are the entries without. */
function contentPass(r: PfResult): boolean {
  const leaves = (r.gradingResult?.componentResults ?? []).filter((c) => !c.componentResults);
  const content = leaves.filter((c) => c.assertion?.type !== 'latency' && c.assertion?.type !== 'cost');
  if (content.length === leaves.length) return r.success;
  const t = r.testCase?.threshold;
  if (typeof t !== 'number') return content.every((c) => c.pass);
  const w = content.reduce((s, c) => s + (c.assertion?.weight ?? 1), 0);
  return content.reduce((s, c) => s + c.score * (c.assertion?.weight ?? 1), 0) / w >= t;
}

export interface ModelCount {
  /** Distinct test cases answered (repeats counted once). */
  n: number;
  /** Results answered (repeats each counted), and how many passed. */
  answers: number;
  passed: number;
  /** Mean over test cases of the mean over repeats. */
  meanScore: number;
  /** Share of test cases whose mean over repeats is at least 0.5 (a record's `correct`). */
  majority: number;
  cost: number;
  latency: number;
  outputTokens: number;
}

/** The model name a result belongs to: provider label, else id, plus the prompt label when the results hold several prompts. */
export function modelOf(r: PfResult, severalPrompts: boolean): string {
  const p = r.provider.label || r.provider.id;
  return severalPrompts ? `${p} · ${r.prompt?.label ?? ''}` : p;
}

/** Per-model counts; provider errors (failureReason 2) left out; `strict`: promptfoo's `success`, else content assertions only. */
export function countModels(results: PfResult[], strict: boolean): Map<string, ModelCount> {
  const several = new Set(results.map((r) => r.promptId)).size > 1;
  const groups = new Map<string, Map<string, PfResult[]>>();
  for (const r of results) {
    if (r.failureReason === 2) continue;
    const m = modelOf(r, several);
    const byQuery = groups.get(m) ?? new Map<string, PfResult[]>();
    groups.set(m, byQuery);
    const q = JSON.stringify(r.vars);
    byQuery.set(q, [...(byQuery.get(q) ?? []), r]);
  }
  const out = new Map<string, ModelCount>();
  for (const [m, byQuery] of groups) {
    const means = { score: [] as number[], cost: [] as number[], latency: [] as number[], out: [] as number[] };
    let answers = 0;
    let passed = 0;
    for (const rs of byQuery.values()) {
      const avg = (f: (r: PfResult) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
      const ok = (r: PfResult) => (strict ? r.success : contentPass(r));
      answers += rs.length;
      passed += rs.filter(ok).length;
      means.score.push(avg((r) => Number(ok(r))));
      means.cost.push(avg((r) => r.cost ?? 0));
      means.latency.push(avg((r) => (r.latencyMs ?? 0) / 1000));
      means.out.push(
        avg((r) => {
          const u = r.response?.tokenUsage ?? {};
          const reasoning = u.completionDetails?.reasoning ?? 0;
          const apart = reasoning > 0 && u.total === (u.prompt ?? 0) + (u.completion ?? 0) + reasoning;
          return (u.completion ?? 0) + (apart ? reasoning : 0);
        }),
      );
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    out.set(m, {
      n: byQuery.size,
      answers,
      passed,
      meanScore: mean(means.score),
      majority: means.score.filter((s) => s >= 0.5).length / means.score.length,
      cost: mean(means.cost),
      latency: mean(means.latency),
      outputTokens: mean(means.out),
    });
  }
  return out;
}
