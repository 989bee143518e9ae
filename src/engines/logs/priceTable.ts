import type { ModelPrice, PriceTable } from './types';

/**
 * Parses a price table: `{ "<model>": { "input": $/M tokens, "output": $/M tokens }, ... }`, with
 * optional `"cache_read"` and `"cache_write"` prices (also accepts `input_per_million` /
 * `output_per_million` and camelCase). Throws with the model name and the field at fault.
 */
export function parsePriceTable(raw: unknown, source = 'price table'): PriceTable {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${source} must be a JSON object mapping model names to prices`);
  const out: PriceTable = new Map();
  for (const [model, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'object' || v === null)
      throw new Error(`${source}: prices for "${model}" must be an object like {"input": 0.15, "output": 0.6}`);
    const o = v as Record<string, unknown>;
    const pick = (...keys: string[]): number | undefined => {
      for (const k of keys) {
        if (!Object.hasOwn(o, k)) continue;
        const x = o[k];
        if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
          throw new Error(`${source}: "${model}".${k} must be a number >= 0 ($ per million tokens)`);
        return x;
      }
      return undefined;
    };
    const need = (...keys: string[]): number => {
      const x = pick(...keys);
      if (x === undefined) throw new Error(`${source}: "${model}" needs "${keys[0]}" ($ per million tokens)`);
      return x;
    };
    const price: ModelPrice = {
      inputPerMillion: need('input', 'input_per_million', 'inputPerMillion'),
      outputPerMillion: need('output', 'output_per_million', 'outputPerMillion'),
    };
    const read = pick('cache_read', 'cache_read_per_million', 'cacheReadPerMillion');
    const write = pick('cache_write', 'cache_write_per_million', 'cacheWritePerMillion');
    if (read !== undefined) price.cacheReadPerMillion = read;
    if (write !== undefined) price.cacheWritePerMillion = write;
    out.set(model, price);
  }
  return out;
}

/** The entries of `b` over those of `a` (either may be absent). */
export function mergePriceTables(a: PriceTable | undefined, b: PriceTable | undefined): PriceTable | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Map([...a, ...b]);
}
