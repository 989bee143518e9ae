import type { ModelPrice as DbModelPrice } from '@pydantic/genai-prices';
import type { CostSource, ModelPrice, PriceTable } from './types';
import { appendAll } from '../../shared/arrays';

/** A model's prices and where they came from. */
export interface ResolvedPrice {
  price: ModelPrice;
  source: Exclude<CostSource, 'log' | 'none'>;
  /** The name the price was found under (e.g. `gpt-4o` for `openai:chat:gpt-4o`), and for the database its provider. */
  matched: string;
}

/** Token counts of one call, in the inclusive convention of EvalRecord (cache tokens are part of the input). */
export interface TokenUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
}

/**
 * Prices one call: uncached input at the input price, cache reads and writes at their own prices
 * (the input price when the source has none), output (reasoning included) at the output price. A
 * tiered price (e.g. Gemini 2.5 Pro above 200k prompt tokens) uses the tier the call's input reached.
 */
export function priceTokens(p: ModelPrice, u: TokenUsage): number {
  const tier = p.tiers?.findLast((t) => (u.inputTokens ?? 0) > t.aboveInputTokens) ?? p;
  const read = u.cacheReadTokens ?? 0;
  const write = u.cacheWriteTokens ?? 0;
  const plainInput = Math.max(0, (u.inputTokens ?? 0) - read - write);
  return (
    (plainInput * tier.inputPerMillion +
      read * (tier.cacheReadPerMillion ?? tier.inputPerMillion) +
      write * (tier.cacheWritePerMillion ?? tier.inputPerMillion) +
      (u.outputTokens ?? 0) * tier.outputPerMillion) /
    1e6
  );
}

/**
 * The names a model may be priced under, most specific first: the name itself, then with provider
 * prefixes dropped one at a time (`openai/gpt-4o` and `openai:chat:gpt-4o` both reach `gpt-4o`;
 * `together/meta-llama/Llama-3-70b` reaches `meta-llama/Llama-3-70b`, then `Llama-3-70b`).
 */
export function modelNameCandidates(name: string): string[] {
  const out = [name];
  let rest = name;
  // Real names have a few prefixes; a hostile one with thousands of separators must not cost thousands of lookups each.
  while (out.length < MAX_NAME_CANDIDATES) {
    const cut = rest.search(/[/:]/);
    if (cut < 0) break;
    rest = rest.slice(cut + 1);
    if (rest !== '' && !out.includes(rest)) out.push(rest);
  }
  return out;
}

/** Names tried per model at most (the name and up to seven shorter forms). */
const MAX_NAME_CANDIDATES = 8;
/** Model names longer than this are not looked up in the price database (no model id is that long; each lookup scans it). */
const MAX_DATABASE_NAME = 200;
/** Distinct model names looked up in the price database per read at most (about 0.2 ms each): a hostile log of a million invented names stays fast. */
const MAX_DATABASE_LOOKUPS = 10_000;

/** Inspect and promptfoo provider prefixes that the price database knows under another id. */
const PROVIDER_ALIASES = new Map<string, string>([
  ['vertex', 'google'],
  ['gemini', 'google'],
  ['google-vertex', 'google'],
  ['bedrock', 'aws'],
  ['azure', 'azure'],
  ['azureai', 'azure'],
  ['grok', 'x-ai'],
  ['xai', 'x-ai'],
  ['togetherai', 'together'],
]);

/** Providers whose embedding models the database prices, tried for an embedding model named without a provider prefix. */
const EMBEDDING_PROVIDERS = ['openai', 'google', 'cohere', 'mistral', 'voyage'];

/**
 * Looks a model up in the bundled price database (pydantic's genai-prices), with its provider prefix
 * as a hint. An embedding model needs an input price only (its output price is then 0), and is also
 * looked for among the providers of embedding models (the database does not guess them from the name).
 */
function databasePrice(name: string, embedding = false): ResolvedPrice | null {
  const parts = name.split(/[/:]/);
  const prefix = parts.length > 1 ? parts[0].toLowerCase() : undefined;
  const providerId = prefix === undefined ? undefined : (PROVIDER_ALIASES.get(prefix) ?? prefix);
  const known = providerId !== undefined && priceDatabase().findProvider({ providerId }) !== undefined;
  const hints: { providerId?: string }[] = known ? [{ providerId }, {}] : [{}];
  if (embedding && !known)
    appendAll(
      hints,
      EMBEDDING_PROVIDERS.map((id) => ({ providerId: id })),
    );
  for (const candidate of modelNameCandidates(name).slice(parts.length > 1 ? 1 : 0)) {
    for (const opts of hints) {
      let hit: ReturnType<PriceDatabase['calcPrice']> = null;
      try {
        hit = priceDatabase().calcPrice({ input_tokens: 1, output_tokens: 1 }, candidate, opts);
      } catch {
        hit = null;
      }
      const price = hit ? fromDatabase(hit.model_price, embedding) : null;
      if (hit && price) return { price, source: 'database', matched: `${hit.provider.id}/${hit.model.id}` };
    }
  }
  return null;
}

type DbValue = DbModelPrice[string];
type PriceDatabase = typeof import('@pydantic/genai-prices');
let database: PriceDatabase | null = null;

/**
 * genai-prices, loaded at its first use: starting its module builds its indexes (and its first
 * localeCompare loads ICU's collation data), about 50 ms of every CLI command and worker start,
 * while most logs carry their costs and never look a price up. (esbuild bundles the require call
 * as a module started on demand.)
 */
function priceDatabase(): PriceDatabase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (database ??= require('@pydantic/genai-prices') as PriceDatabase);
}

/** genai-prices' price record ($ per million tokens, possibly tiered by prompt size) as ours; null without token prices (`inputOnly`: an output price of 0 when none). */
function fromDatabase(p: DbModelPrice, inputOnly = false): ModelPrice | null {
  const base = (v: DbValue): number | undefined => (typeof v === 'number' ? v : v === undefined ? undefined : v.base);
  const input = base(p.input_mtok);
  const output = base(p.output_mtok) ?? (inputOnly ? 0 : undefined);
  if (input === undefined || output === undefined) return null;
  const price: ModelPrice = { inputPerMillion: input, outputPerMillion: output };
  const read = base(p.cache_read_mtok);
  const write = base(p.cache_write_mtok);
  if (read !== undefined) price.cacheReadPerMillion = read;
  if (write !== undefined) price.cacheWritePerMillion = write;
  const starts = new Set<number>();
  for (const v of [p.input_mtok, p.output_mtok, p.cache_read_mtok, p.cache_write_mtok])
    if (typeof v === 'object') for (const t of v.tiers) starts.add(t.start);
  if (starts.size) {
    const at = (v: DbValue, start: number): number | undefined =>
      typeof v === 'object' ? (v.tiers.findLast((t) => t.start <= start)?.price ?? v.base) : v;
    price.tiers = [...starts]
      .sort((a, b) => a - b)
      .map((start) => ({
        aboveInputTokens: start,
        inputPerMillion: at(p.input_mtok, start) ?? input,
        outputPerMillion: at(p.output_mtok, start) ?? output,
        cacheReadPerMillion: at(p.cache_read_mtok, start),
        cacheWritePerMillion: at(p.cache_write_mtok, start),
      }));
  }
  return price;
}

/**
 * Resolves each model's prices once: the user's table first (by any of the model's names, see
 * modelNameCandidates), then, unless turned off, the bundled price database. Returns null for a
 * model that neither knows (its records then have no cost, and the reader says so). The database
 * is asked about names of at most 200 characters and at most 10,000 distinct names per resolver.
 * `kind: 'embedding'` prices embedding models (an input price is enough; see databasePrice).
 */
export function makePriceResolver(
  table: PriceTable | undefined,
  useDatabase: boolean,
  kind: 'chat' | 'embedding' = 'chat',
): (model: string) => ResolvedPrice | null {
  const memo = new Map<string, ResolvedPrice | null>();
  let lookups = 0;
  return (model) => {
    let hit = memo.get(model);
    if (hit !== undefined) return hit;
    hit = null;
    if (table) {
      for (const name of modelNameCandidates(model)) {
        const price = table.get(name);
        if (price) {
          hit = { price, source: 'prices', matched: name };
          break;
        }
      }
    }
    if (hit === null && useDatabase && model.length <= MAX_DATABASE_NAME && lookups < MAX_DATABASE_LOOKUPS) {
      lookups++;
      hit = databasePrice(model, kind === 'embedding');
    }
    memo.set(model, hit);
    return hit;
  };
}
