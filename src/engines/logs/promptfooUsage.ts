import { asNumber, asObject } from './readJsonDocument';

/** What normalising one result's usage did, for the reader's warnings. */
export interface UsageNotes {
  /** Output tokens excluded reasoning (total = prompt + completion + reasoning, as promptfoo's Gemini providers write): reasoning was added. */
  reasoningAdded: boolean;
  /** Cache token counts larger than the input were dropped. */
  cacheDropped: boolean;
  /** The answer was replayed from promptfoo's own response cache: its latency is the cache's, so it was left out. */
  fromCache: boolean;
}

const count = (v: unknown): number | undefined => {
  const n = asNumber(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};

/**
 * Token counts, cost and latency of one promptfoo result in native fields (inclusive convention:
 * `input_tokens` holds cached input, `output_tokens` holds reasoning). promptfoo's providers
 * normalise usage to `response.tokenUsage`: `prompt` is every input token (its Anthropic provider
 * adds cache reads and writes back in), `completion` includes reasoning for OpenAI and Anthropic,
 * but not for Gemini, whose `total` then equals prompt + completion + reasoning. Reasoning is
 * `completionDetails.reasoning`; cache reads are `completionDetails.cacheReadInputTokens`, else the
 * top-level `cached` of an answer not served from promptfoo's own cache (where `cached` means
 * something else: every token of the replayed answer); cache writes are
 * `completionDetails.cacheCreationInputTokens`. Grader tokens (`tokenUsage.assertions`) are not the
 * model's and are not counted.
 */
export function promptfooUsage(
  r: Record<string, unknown>,
  response: Record<string, unknown> | undefined,
  raw: Record<string, unknown>,
): UsageNotes {
  const notes: UsageNotes = { reasoningAdded: false, cacheDropped: false, fromCache: response?.cached === true };
  const usage = asObject(response?.tokenUsage) ?? asObject(r.tokenUsage);
  if (usage) {
    const details = asObject(usage.completionDetails);
    const prompt = count(usage.prompt);
    const completion = count(usage.completion);
    const total = count(usage.total);
    const reasoning = count(details?.reasoning) ?? 0;
    if (prompt !== undefined) raw.input_tokens = prompt;
    if (completion !== undefined) {
      const exclusive =
        reasoning > 0 &&
        ((prompt !== undefined && total === prompt + completion + reasoning && total !== prompt + completion) ||
          reasoning > completion);
      raw.output_tokens = exclusive ? completion + reasoning : completion;
      notes.reasoningAdded = exclusive;
      if (reasoning > 0) raw.reasoning_tokens = reasoning;
    }
    const cacheRead = count(details?.cacheReadInputTokens) || (notes.fromCache ? 0 : (count(usage.cached) ?? 0));
    const cacheWrite = count(details?.cacheCreationInputTokens) ?? 0;
    if (cacheRead > 0 || cacheWrite > 0) {
      if (prompt !== undefined && cacheRead + cacheWrite <= prompt) {
        if (cacheRead > 0) raw.cache_read_tokens = cacheRead;
        if (cacheWrite > 0) raw.cache_write_tokens = cacheWrite;
      } else notes.cacheDropped = true;
    }
  }
  const cost = asNumber(r.cost) ?? asNumber(response?.cost);
  if (cost !== undefined) raw.cost_usd = cost;
  const latencyMs = asNumber(r.latencyMs) ?? asNumber(response?.latencyMs);
  if (latencyMs !== undefined && !notes.fromCache) raw.latency_s = latencyMs / 1000;
  return notes;
}
