import { asObject } from './readJsonDocument';

/** Token counts in the native (inclusive) convention, plus what it took to get there. */
export interface NativeUsage {
  /** Native fields: input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, cache_write_tokens, cost_usd. */
  fields: Map<string, number>;
  /** True when total_tokens did not settle the convention (absent, or no reading adds up to it) and Inspect's current one was assumed. */
  assumed: boolean;
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * One Inspect `ModelUsage` in the native convention, where `input_tokens` counts every input token
 * (cache reads and writes included) and `output_tokens` every billed output token (reasoning
 * included). Inspect's own fields follow the provider and the Inspect version: Anthropic usage
 * (and every provider's in recent Inspect) leaves cache reads/writes out of `input_tokens`, older
 * OpenAI and Google usage keeps them in; Google usage before Inspect 0.3.245 leaves reasoning out of
 * `output_tokens`, OpenAI and Anthropic keep it in. `total_tokens` tells which: of the four readings (cache in or
 * out of the input, reasoning in or out of the output) the one whose parts add up to it is used.
 * When none or several different ones do, Inspect's current convention (cache out, reasoning in)
 * is assumed and `assumed` is set so that the reader can say so.
 */
export function inspectUsageToNative(usage: Record<string, unknown>): NativeUsage {
  const fields = new Map<string, number>();
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const total = count(usage.total_tokens);
  const reasoning = count(usage.reasoning_tokens);
  const cacheRead = count(usage.input_tokens_cache_read);
  const cacheWrite = count(usage.input_tokens_cache_write);
  const cost = count(usage.total_cost);
  if (cost !== undefined) fields.set('cost_usd', cost);
  if (input === undefined && output === undefined) return { fields, assumed: false };
  const i = input ?? 0;
  const o = output ?? 0;
  const r = reasoning ?? 0;
  const cache = (cacheRead ?? 0) + (cacheWrite ?? 0);
  // Readings that the numbers themselves rule out: cache parts larger than the input, reasoning larger than the output.
  const cacheCanBeIn = cache <= i;
  const reasoningCanBeIn = r <= o;
  let cacheOut = true;
  let reasoningOut = !reasoningCanBeIn;
  let assumed = false;
  if (cache === 0 && r === 0) {
    // Nothing to decide: every reading gives the same counts.
  } else if (total !== undefined && total > 0) {
    const fits: [boolean, boolean][] = [];
    for (const co of cacheCanBeIn ? [true, false] : [true])
      for (const ro of reasoningCanBeIn ? [false, true] : [true])
        if (i + o + (co ? cache : 0) + (ro ? r : 0) === total) fits.push([co, ro]);
    // Readings that differ only where the part is 0 give the same counts: they are one reading.
    const distinct = new Set(fits.map(([co, ro]) => `${cache > 0 && co}/${r > 0 && ro}`));
    if (fits.length > 0 && distinct.size === 1) [cacheOut, reasoningOut] = fits[0];
    else assumed = cache > 0 || r > 0;
  } else assumed = cache > 0 || r > 0;
  fields.set('input_tokens', i + (cacheOut ? cache : 0));
  fields.set('output_tokens', o + (reasoningOut ? r : 0));
  if (reasoning !== undefined) fields.set('reasoning_tokens', r);
  if (cacheRead !== undefined) fields.set('cache_read_tokens', cacheRead);
  if (cacheWrite !== undefined) fields.set('cache_write_tokens', cacheWrite);
  return { fields, assumed };
}

const NONE: string[] = [];

/** What the sample's `model_usage` says about the evaluated model, and what else it lists. */
export interface PickedUsage {
  usage: NativeUsage | null;
  /** Other models listed beside the evaluated one (graders, tools): their tokens are not counted. */
  others: string[];
  /** Set when the evaluated model is not listed: the models whose usage was taken instead (summed when several). */
  substitutes: string[];
}

/**
 * The evaluated model's usage from a sample's `model_usage` (keyed by model name). When the model
 * is not listed, the only entry is taken, or the sum of all entries, and `substitutes` says so.
 */
export function pickModelUsage(modelUsage: unknown, model: string): PickedUsage {
  const all = asObject(modelUsage);
  if (!all) return { usage: null, others: NONE, substitutes: NONE };
  const own = Object.hasOwn(all, model) ? asObject(all[model]) : undefined;
  let names: string[] = NONE;
  for (const k in all)
    if (k !== model && asObject(all[k]) !== undefined) (names === NONE ? (names = []) : names).push(k);
  if (own) return { usage: inspectUsageToNative(own), others: names, substitutes: NONE };
  if (names.length === 0) return { usage: null, others: NONE, substitutes: NONE };
  const parts = names.map((n) => inspectUsageToNative(asObject(all[n]) as Record<string, unknown>));
  const fields = new Map<string, number>();
  for (const key of [
    'input_tokens',
    'output_tokens',
    'reasoning_tokens',
    'cache_read_tokens',
    'cache_write_tokens',
    'cost_usd',
  ]) {
    if (parts.every((p) => p.fields.has(key)))
      fields.set(
        key,
        parts.reduce((s, p) => s + (p.fields.get(key) as number), 0),
      );
  }
  return { usage: { fields, assumed: parts.some((p) => p.assumed) }, others: [], substitutes: names };
}
