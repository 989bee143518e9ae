/**
 * Sanity checks on the token counts an endpoint reports (`usage`), before anything is priced: a
 * count must be a non-negative integer, at most `maxPerCall` (default 10 million), and the prompt
 * count at most what the prompt could hold: one token per byte of its UTF-8 text, plus a generous
 * allowance for the chat template (64 tokens per message and 4096 in all); the completion count at
 * most `max_tokens` when one was asked for. A count that breaks a rule makes the call fail (kind
 * 'usage'), so an absurd figure is never turned into a cost.
 */
import { LlmError } from './llmError';

export const MAX_TOKENS_PER_CALL = 10_000_000;

export interface UsageBounds {
  /** UTF-8 bytes of everything sent as the prompt, and how many messages (or input texts) it had. */
  promptBytes: number;
  promptParts: number;
  /** The `max_tokens` asked for, if any. */
  maxOutput?: number;
  /** Largest count accepted for any field (default {@link MAX_TOKENS_PER_CALL}). */
  maxPerCall?: number;
}

/** Counts read from a reply: undefined where the endpoint reported none. */
export interface CheckedUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** Bytes of a string in UTF-8, without allocating it. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Reads `usage.prompt_tokens` and `usage.completion_tokens` (absent or null: not reported).
 * @throws LlmError of kind 'usage' naming the field, its value and the rule it breaks.
 */
export function checkUsage(usage: unknown, bounds: UsageBounds, where: string): CheckedUsage {
  if (usage === undefined || usage === null) return {};
  if (typeof usage !== 'object' || Array.isArray(usage))
    throw new LlmError(`${where}: "usage" is not an object: ${JSON.stringify(usage)?.slice(0, 80)}`, 'usage');
  const u = usage as { prompt_tokens?: unknown; completion_tokens?: unknown };
  const cap = bounds.maxPerCall ?? MAX_TOKENS_PER_CALL;
  const promptCap = Math.min(cap, bounds.promptBytes + 64 * bounds.promptParts + 4096);
  const read = (field: string, v: unknown, limit: number, why: string): number | undefined => {
    if (v === undefined || v === null) return undefined;
    const shown = JSON.stringify(v)?.slice(0, 40) ?? String(v);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw new LlmError(
        `${where}: usage.${field} = ${shown} is not a token count (a non-negative integer); the call is not priced`,
        'usage',
      );
    if (v > limit)
      throw new LlmError(`${where}: usage.${field} = ${v} is implausible (${why}); the call is not priced`, 'usage');
    return v;
  };
  const inputTokens = read(
    'prompt_tokens',
    u.prompt_tokens,
    promptCap,
    promptCap === cap
      ? `more than ${cap} tokens in one call`
      : `the prompt had ${bounds.promptBytes} bytes, so at most ${promptCap} tokens`,
  );
  const outCap = Math.min(cap, bounds.maxOutput ?? cap);
  const outputTokens = read(
    'completion_tokens',
    u.completion_tokens,
    outCap,
    outCap === cap ? `more than ${cap} tokens in one call` : `max_tokens was ${outCap}`,
  );
  return {
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
  };
}
