/**
 * Strict validation of an archetype given as plain JSON (a file, a JSONL line, an LLM reply, a form):
 * every problem is reported at once, one message per field, naming the field, the rule and the value.
 * Absent fields take the Table 5.1 defaults; unknown fields are errors (a typo must not silently
 * fall back to a default).
 */
import { ARCHETYPE_DEFAULTS, ARCHETYPE_FIELDS, type Archetype } from './archetype';
import { DISTRIBUTION_NAMES, isDistributionName, type DistributionName } from './radialDistributions';
import { isValidIdentifier } from './identifier';
import { defaultArchetypeName } from './defaultArchetypeName';

export type ArchetypeParse = { ok: true; archetype: Archetype; warnings: string[] } | { ok: false; errors: string[] };

/** Upper limits that keep a request within what one machine can generate interactively. */
export const ARCHETYPE_LIMITS = { n_clusters: 1000, dim: 10000, n_samples: 10_000_000 } as const;

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Reads fields of the raw object, pushing one error per bad value and falling back to the default. */
interface FieldReader {
  has(k: string): boolean;
  int(k: 'n_clusters' | 'dim' | 'n_samples', min: number, max: number, dflt: number): number;
  num(k: keyof Archetype, ok: (v: number) => boolean, rule: string, dflt: number): number;
}

function fieldReader(o: Record<string, unknown>, errors: string[]): FieldReader {
  const has = (k: string) => o[k] !== undefined && o[k] !== null;
  return {
    has,
    int(k, min, max, dflt) {
      if (!has(k)) return dflt;
      const v = o[k];
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        errors.push(`${k} must be an integer, got ${show(v)}`);
        return dflt;
      }
      if (v < min || v > max) errors.push(`${k} must be between ${min} and ${max}, got ${v}`);
      return v;
    },
    num(k, ok, rule, dflt) {
      if (!has(k)) return dflt;
      const v = o[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        errors.push(`${k} must be a finite number, got ${show(v)}`);
        return dflt;
      }
      if (!ok(v)) errors.push(`${k} must be ${rule}, got ${v}`);
      return v;
    },
  };
}

type NumericFields = Omit<Archetype, 'name' | 'distributions' | 'distribution_proportions'>;

/** The numeric fields, each checked on its own, with defaults (1-D clusters default to aspect 1). */
function readNumbers(r: FieldReader): NumericFields {
  const n_clusters = r.int('n_clusters', 1, ARCHETYPE_LIMITS.n_clusters, ARCHETYPE_DEFAULTS.n_clusters);
  const dim = r.int('dim', 1, ARCHETYPE_LIMITS.dim, ARCHETYPE_DEFAULTS.dim);
  const n_samples = r.int('n_samples', 1, ARCHETYPE_LIMITS.n_samples, ARCHETYPE_DEFAULTS.n_samples);
  const oneD = dim === 1;
  const aspect_ref = r.num('aspect_ref', (v) => v >= 1, '>= 1', oneD ? 1 : ARCHETYPE_DEFAULTS.aspect_ref);
  const aspect_maxmin = r.num('aspect_maxmin', (v) => v >= 1, '>= 1', oneD ? 1 : ARCHETYPE_DEFAULTS.aspect_maxmin);
  const radius_maxmin = r.num('radius_maxmin', (v) => v >= 1, '>= 1', ARCHETYPE_DEFAULTS.radius_maxmin);
  const max_overlap = r.num('max_overlap', (v) => v > 0 && v < 1, 'in (0, 1)', ARCHETYPE_DEFAULTS.max_overlap);
  const min_overlap = r.num(
    'min_overlap',
    (v) => v > 0 && v < 1,
    'in (0, 1)',
    r.has('max_overlap') && !r.has('min_overlap') ? max_overlap / 10 : ARCHETYPE_DEFAULTS.min_overlap,
  );
  const imbalance_ratio = r.num('imbalance_ratio', (v) => v >= 1, '>= 1', ARCHETYPE_DEFAULTS.imbalance_ratio);
  const scale = r.num('scale', (v) => v > 0, '> 0', ARCHETYPE_DEFAULTS.scale);
  return {
    n_clusters,
    dim,
    n_samples,
    aspect_ref,
    aspect_maxmin,
    radius_maxmin,
    max_overlap,
    min_overlap,
    imbalance_ratio,
    scale,
  };
}

/** Rules that tie numeric fields together (1-D aspect, overlap order, enough samples per cluster). */
function checkConsistency(f: NumericFields, errors: string[]): void {
  const { n_clusters, dim, n_samples, aspect_ref, aspect_maxmin, max_overlap, min_overlap, imbalance_ratio } = f;
  if (dim === 1 && (aspect_ref !== 1 || aspect_maxmin !== 1))
    errors.push(
      `aspect_ref and aspect_maxmin must be 1 when dim is 1 (a 1-D cluster has one axis), got ${aspect_ref} and ${aspect_maxmin}`,
    );
  if (min_overlap >= max_overlap)
    errors.push(
      `min_overlap must be smaller than max_overlap (usually about ten times smaller), got min_overlap ${min_overlap} >= max_overlap ${max_overlap}`,
    );
  if (n_samples < n_clusters)
    errors.push(
      `n_samples must be at least n_clusters (every cluster needs a point), got n_samples ${n_samples} < n_clusters ${n_clusters}`,
    );
  else if (n_clusters > 1) {
    const smallest = (2 * (n_samples / n_clusters)) / (1 + imbalance_ratio);
    if (smallest < 1)
      errors.push(
        `n_samples ${n_samples} is too small for imbalance_ratio ${imbalance_ratio} with ${n_clusters} clusters: the smallest cluster would get ${smallest.toFixed(2)} points (needs >= 1)`,
      );
  }
}

/** The distribution names: known, not repeated, at least one. */
function readDistributions(o: Record<string, unknown>, r: FieldReader, errors: string[]): DistributionName[] {
  if (!r.has('distributions')) return [...ARCHETYPE_DEFAULTS.distributions];
  const v = o.distributions;
  if (!Array.isArray(v) || v.length === 0)
    errors.push(`distributions must be a non-empty list of names, got ${show(v)}`);
  else {
    const bad = v.filter((d) => !isDistributionName(d));
    if (bad.length)
      errors.push(`distributions: unknown ${bad.map(show).join(', ')} (known: ${DISTRIBUTION_NAMES.join(', ')})`);
    else if (new Set(v).size !== v.length) errors.push(`distributions must not repeat a name, got ${show(v)}`);
    else return v as DistributionName[];
  }
  return [...ARCHETYPE_DEFAULTS.distributions];
}

/** One non-negative share per distribution, rescaled to sum to 1 (with a warning when they did not). */
function readProportions(
  o: Record<string, unknown>,
  r: FieldReader,
  distributions: DistributionName[],
  errors: string[],
  warnings: string[],
): number[] {
  const equal = distributions.map(() => 1 / distributions.length);
  if (!r.has('distribution_proportions')) return equal;
  const v = o.distribution_proportions;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x) || x < 0))
    errors.push(`distribution_proportions must be a list of non-negative numbers, got ${show(v)}`);
  else if (v.length !== distributions.length)
    errors.push(
      `distribution_proportions must have one entry per distribution (${distributions.length}), got ${v.length}`,
    );
  else {
    const total = (v as number[]).reduce((a, b) => a + b, 0);
    if (!(total > 0)) errors.push('distribution_proportions must not all be zero');
    else {
      if (Math.abs(total - 1) > 1e-6)
        warnings.push(`distribution_proportions summed to ${total}; rescaled to sum to 1`);
      return (v as number[]).map((x) => x / total);
    }
  }
  return equal;
}

/**
 * Validates `input` and fills defaults.
 * @example parseArchetype({ n_clusters: 3, dim: 10 }) // { ok: true, archetype: {..., name: 'three_clusters_10d'} }
 */
export function parseArchetype(input: unknown): ArchetypeParse {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: [`an archetype must be a JSON object, got ${show(input)}`] };
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(ARCHETYPE_FIELDS as readonly string[]).includes(key))
      errors.push(`unknown field "${key}" (allowed: ${ARCHETYPE_FIELDS.join(', ')})`);
  }
  const r = fieldReader(o, errors);
  const numbers = readNumbers(r);
  checkConsistency(numbers, errors);
  const distributions = readDistributions(o, r, errors);
  const distribution_proportions = readProportions(o, r, distributions, errors, warnings);
  let name = '';
  if (r.has('name')) {
    if (typeof o.name !== 'string' || !isValidIdentifier(o.name))
      errors.push(
        `name must be a valid variable name (letters, digits and underscores, not starting with a digit, not a keyword), got ${show(o.name)}`,
      );
    else name = o.name;
  }
  if (errors.length) return { ok: false, errors };
  const archetype: Archetype = {
    name,
    n_clusters: numbers.n_clusters,
    dim: numbers.dim,
    n_samples: numbers.n_samples,
    aspect_ref: numbers.aspect_ref,
    aspect_maxmin: numbers.aspect_maxmin,
    radius_maxmin: numbers.radius_maxmin,
    max_overlap: numbers.max_overlap,
    min_overlap: numbers.min_overlap,
    imbalance_ratio: numbers.imbalance_ratio,
    distributions,
    distribution_proportions,
    scale: numbers.scale,
  };
  if (!name) archetype.name = defaultArchetypeName(archetype);
  return { ok: true, archetype, warnings };
}

/** Like {@link parseArchetype} but throws one Error listing every problem. */
export function makeArchetype(input: Partial<Archetype> = {}): Archetype {
  const r = parseArchetype(input);
  if (!r.ok) throw new Error(`invalid archetype: ${r.errors.join('; ')}`);
  return r.archetype;
}
