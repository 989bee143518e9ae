import type { PriceTable } from './types';

/**
 * Parses a price table: `{ "<model>": { "input": $/M tokens, "output": $/M tokens }, ... }`
 * (also accepts `input_per_million` / `output_per_million` and camelCase). Throws with the model
 * name and the field at fault.
 */
export function parsePriceTable(raw: unknown, source = 'price table'): PriceTable {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${source} must be a JSON object mapping model names to prices`);
  const out: PriceTable = {};
  for (const [model, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'object' || v === null) throw new Error(`${source}: prices for "${model}" must be an object like {"input": 0.15, "output": 0.6}`);
    const o = v as Record<string, unknown>;
    const pick = (...keys: string[]): number => {
      for (const k of keys) {
        const x = o[k];
        if (x === undefined) continue;
        if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new Error(`${source}: "${model}".${k} must be a number >= 0 ($ per million tokens)`);
        return x;
      }
      throw new Error(`${source}: "${model}" needs "${keys[0]}" ($ per million tokens)`);
    };
    out[model] = {
      inputPerMillion: pick('input', 'input_per_million', 'inputPerMillion'),
      outputPerMillion: pick('output', 'output_per_million', 'outputPerMillion'),
    };
  }
  return out;
}
