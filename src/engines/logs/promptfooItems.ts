import type { UsageNotes } from './promptfooUsage';
import { ALL_ASSERTIONS, type Verdict } from './promptfooVerdict';
import type { RecordCollector } from './recordCollector';
import type { ReadLogResult } from './types';

/** One promptfoo result mapped to native fields, with what is needed to name its model, query and repeat. */
export interface PromptfooItem {
  line: number;
  /** Where the result is, when its line number alone does not say (`results.results[3]`, `row 2, column "[gpt-4o] ..."`), else ''. */
  where: string;
  /** Native fields except `query_id`, `model` and `epoch`, which are set once every result is known. */
  raw: Record<string, unknown>;
  provider: string;
  /** Identifies the prompt (its id, else its label); '' when unknown. */
  promptKey: string;
  promptName: string;
  /** Identifies the prompt x provider column the result belongs to. */
  column: string;
  /** Identifies the test case (repeats of a test case share it). */
  testKey: string;
  /** promptfoo's index of the result's row (each repeat has its own), or null. */
  testIdx: number | null;
  /** The repeat's 0-based index when the file records it, else null (repeats are then numbered in file order). */
  repeatIndex: number | null;
  verdict?: Verdict;
  notes?: UsageNotes;
}

/**
 * Collects the results of one promptfoo file, then names models and numbers repeats once all are
 * known, and hands them to the RecordCollector in file order:
 * - model: the provider's label (else its id); when the file compares several prompts, " · " and the
 *   prompt's label are appended, since each prompt x provider pair is a setup of its own. Two columns
 *   that would share a name get " #1", " #2"... (and a warning).
 * - query: `test-<i>`, where i is promptfoo's row index (`testIdx`) of the test case's first result;
 *   all repeats of a test case share the query.
 * - epoch (only when some test case was answered more than once by one column): the repeat's index
 *   + 1 when recorded, else its position among that column's answers to that test case.
 */
export class PromptfooItems {
  private readonly items: PromptfooItem[] = [];
  private providerErrors = 0;
  private firstProviderError = '';

  /** `verdictWarnings` false: the reader explains correctness itself (the CSV has no per-assertion results). */
  constructor(
    private readonly out: RecordCollector,
    private readonly selection: string | undefined,
    private readonly verdictWarnings = true,
  ) {}

  add(item: PromptfooItem): void {
    this.items.push(item);
  }

  /** A result that cannot be read; `providerError` marks a failed provider call (counted in a warning). */
  skip(line: number, where: string, reason: string, providerError = false): void {
    this.out.linesRead++;
    const text = where ? `${where}: ${reason}` : reason;
    this.out.skip(line, text);
    if (providerError && this.providerErrors++ === 0) this.firstProviderError = where ? text : `line ${line}: ${text}`;
  }

  finish(): ReadLogResult {
    const names = this.modelNames();
    const queries = new Map<string, string>();
    const used = new Set<string>();
    const seen = new Map<string, number>();
    let repeats = false;
    for (const it of this.items) {
      if (!queries.has(it.testKey)) {
        let id = `test-${it.testIdx ?? queries.size}`;
        for (let k = 2; used.has(id); k++) id = `test-${it.testIdx ?? queries.size}-${k}`;
        used.add(id);
        queries.set(it.testKey, id);
      }
      const key = `${it.testKey}\u0000${it.column}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 1) repeats = true;
    }
    seen.clear();
    for (const it of this.items) {
      const raw = it.raw;
      raw.query_id = queries.get(it.testKey);
      raw.model = names.get(it.column);
      if (repeats) {
        const key = `${it.testKey}\u0000${it.column}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        raw.epoch = it.repeatIndex !== null ? it.repeatIndex + 1 : n;
      }
      this.out.add(raw, it.line, it.where || undefined);
    }
    if (this.verdictWarnings) this.warnVerdicts();
    this.warnUsage();
    if (this.providerErrors)
      this.out.warn(
        null,
        `${this.providerErrors} result(s) whose provider call failed were skipped: they are not answers, so they count neither as right nor as wrong (first: ${this.firstProviderError.length > 200 ? `${this.firstProviderError.slice(0, 197)}...` : this.firstProviderError})`,
      );
    this.items.length = 0;
    return this.out.finish();
  }

  /** Model name per column (see the class comment), with a warning saying where names come from. */
  private modelNames(): Map<string, string> {
    const prompts = new Set(this.items.map((i) => i.promptKey).filter((k) => k !== ''));
    const several = prompts.size > 1;
    const names = new Map<string, string>();
    const byName = new Map<string, string[]>();
    for (const it of this.items) {
      if (names.has(it.column)) continue;
      const name = several && it.promptName ? `${it.provider} · ${it.promptName}` : it.provider;
      names.set(it.column, name);
      const cols = byName.get(name);
      if (cols) cols.push(it.column);
      else byName.set(name, [it.column]);
    }
    const clashes: string[] = [];
    for (const [name, cols] of byName) {
      if (cols.length < 2) continue;
      clashes.push(name);
      cols.forEach((c, k) => names.set(c, `${name} #${k + 1}`));
    }
    if (this.items.length) {
      this.out.warn(
        null,
        `model names are the providers' labels (else their ids)${several ? `, followed by " · " and the prompt's label, since the file compares ${prompts.size} prompts` : ''}`,
      );
    }
    if (clashes.length)
      this.out.warn(
        null,
        `several prompt x provider columns share the name ${clashes.map((c) => `"${c}"`).join(', ')} (same provider label or id, different settings): they are numbered #1, #2... in the order they first appear; give the providers labels to name them`,
      );
    return names;
  }

  /** How correctness was decided: which assertions were left out and how many verdicts that changed. */
  private warnVerdicts(): void {
    if (this.selection === ALL_ASSERTIONS) {
      this.out.warn(
        null,
        `correctness is promptfoo's own pass/fail over every assertion, latency and cost checks included (assertion choice "${ALL_ASSERTIONS}": --assertion, setting costRiskLab.promptfoo.assertion)`,
      );
      return;
    }
    if (this.selection !== undefined) {
      this.out.warn(
        null,
        `correctness from the assertions whose type or metric is "${this.selection}" only (all of them must pass)`,
      );
      return;
    }
    const excluded = new Map<string, number>();
    let results = 0;
    let toRight = 0;
    let toWrong = 0;
    let opaque = 0;
    for (const it of this.items) {
      const v = it.verdict;
      if (!v) continue;
      if (v.opaque) opaque++;
      if (v.excluded.length === 0) continue;
      results++;
      for (const t of v.excluded) excluded.set(t, (excluded.get(t) ?? 0) + 1);
      if (v.pass && !v.own) toRight++;
      else if (!v.pass && v.own) toWrong++;
    }
    if (results) {
      const list = [...excluded].map(([t, n]) => `${t} x${n}`).join(', ');
      this.out.warn(
        null,
        `correctness from the content assertions only: operational assertions (${list}) were left out of ${results} result(s); ${toRight + toWrong} result(s) changed verdict (${toRight} failed only on them and count as right, ${toWrong} passed only thanks to them and count as wrong); the assertion choice "${ALL_ASSERTIONS}" (--assertion, setting costRiskLab.promptfoo.assertion) reads promptfoo's own pass/fail instead`,
      );
    }
    if (opaque)
      this.out.warn(
        null,
        `${opaque} result(s) declare a latency, cost or other operational assertion but carry no per-assertion results: promptfoo's own pass/fail (which includes them) was kept`,
      );
  }

  private warnUsage(): void {
    let reasoning = 0;
    let cache = 0;
    let cached = 0;
    for (const it of this.items) {
      if (it.notes?.reasoningAdded) reasoning++;
      if (it.notes?.cacheDropped) cache++;
      if (it.notes?.fromCache) cached++;
    }
    if (reasoning)
      this.out.warn(
        null,
        `${reasoning} result(s) count reasoning tokens apart from the completion (total = prompt + completion + reasoning, as Gemini reports): reasoning was added to their output tokens`,
      );
    if (cache)
      this.out.warn(
        null,
        `${cache} result(s) report more cached input tokens than input tokens: their cache counts were left out`,
      );
    if (cached)
      this.out.warn(
        null,
        `${cached} result(s) were replayed from promptfoo's own response cache: their latency is the cache's, not the model's, and was left out (run with --no-cache for timings)`,
      );
  }
}
