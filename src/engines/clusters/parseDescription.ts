/**
 * Offline, deterministic reading of an English description of an archetype ("seven highly separated
 * clusters in 10D with very different shapes") into archetype fields: the natural-language feature
 * with no LLM at all. It recognises counts in words or digits, dimensions ("in 10D", "3-dimensional"),
 * sample counts (total or "N each"), shape words (spherical, oblong, very oblong), variety of shapes
 * and sizes, separation/overlap phrases, class imbalance, distribution names and heavy tails, and
 * percentages of distributions. Unrecognised words are ignored; `understood` lists what was used.
 */
import type { Archetype } from './archetype';
import type { DistributionName } from './radialDistributions';
import { readNumber } from './numberWords';
import { toIdentifier } from './identifier';
import { parseArchetype } from './validateArchetype';
import { appendAll } from '../../shared/arrays';

export interface DescriptionParse {
  archetype: Archetype;
  /** Human-readable list of what was recognised, e.g. "7 clusters", "dim 10", "well separated". */
  understood: string[];
  warnings: string[];
}

const CLUSTER_NOUNS = /^(clusters?|blobs?|groups?|classes|class|components?|modes?|communities|community)$/;
const SAMPLE_NOUNS = /^(samples?|points?|observations?|rows?|datapoints?|records?|instances?)$/;
const DIM_NOUNS = /^(d|dims?|dimensions?|dimensional|features?|variables?|coordinates?)$/;
const INTENSIFIERS = /^(very|highly|extremely|really|super|strongly|severely|hugely|quite)$/;
const MILD = /^(slightly|somewhat|mildly|a|little|bit|weakly|moderately)$/;

const DIST_WORDS: [RegExp, DistributionName][] = [
  [/^(normal|normally|gaussian|gaussians|gauss)$/, 'normal'],
  [/^(lognormal|lognormally)$/, 'lognormal'],
  [/^(exponential|exponentially|exp)$/, 'exponential'],
  [/^(uniform|uniformly)$/, 'uniform'],
  [/^(beta)$/, 'beta'],
  [/^(gumbel)$/, 'gumbel'],
  [/^(weibull)$/, 'weibull'],
  [/^(gamma)$/, 'gamma'],
  [/^(pareto)$/, 'pareto'],
  [/^(chisquare|chisquared|chi2)$/, 'chisquare'],
];

function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/log[\s-]+normal/g, 'lognormal')
    .replace(/chi[\s-]+squared?/g, 'chisquare')
    .replace(/student'?s?[\s-]+t\b|\bt[\s-]+distribut\w*/g, 'studentt ')
    .replace(/\bf[\s-]+distribut\w*/g, 'fdist ')
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/(\d+(?:\.\d+)?)\s*%/g, ' $1 percent ')
    .replace(/(\d+)\s*-?\s*d\b/g, '$1 d')
    .replace(/[^a-z0-9.%]+/g, ' ')
    .split(' ')
    .map((t) => t.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean);
}

const has = (tokens: string[], re: RegExp) => tokens.some((t) => re.test(t));
/** Index of the first occurrence of a word sequence, or -1. */
function findSeq(tokens: string[], seq: string[]): number {
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (!new RegExp(`^(${seq[j]})$`).test(tokens[i + j])) continue outer;
    return i;
  }
  return -1;
}
const phrase = (tokens: string[], ...seqs: string[]) => seqs.some((s) => findSeq(tokens, s.split(' ')) >= 0);
/** Intensity of the words just before position i: 2 strong, 0 mild, 1 plain. */
function intensity(tokens: string[], i: number): 0 | 1 | 2 {
  for (let j = Math.max(0, i - 2); j < i; j++) {
    if (INTENSIFIERS.test(tokens[j])) return 2;
    if (MILD.test(tokens[j])) return 0;
  }
  return 1;
}

/** What the sections of a description have read so far. */
interface Reading {
  tokens: string[];
  out: Partial<Archetype> & Record<string, unknown>;
  understood: string[];
  warnings: string[];
}

/** The number of clusters: a number up to four words before a cluster noun. */
function readClusterCount({ tokens, out, understood }: Reading): void {
  for (let i = 0; i < tokens.length && out.n_clusters === undefined; i++) {
    if (!CLUSTER_NOUNS.test(tokens[i]) || /^(per|each|every|a)$/.test(tokens[i - 1] ?? '')) continue;
    for (let j = i - 1; j >= Math.max(0, i - 5); j--) {
      for (let s = Math.max(0, j - 3); s <= j; s++) {
        const r = readNumber(tokens, s);
        if (
          r &&
          s + r.used - 1 === j &&
          Number.isInteger(r.value) &&
          r.value >= 1 &&
          !DIM_NOUNS.test(tokens[j + 1] ?? '')
        ) {
          out.n_clusters = r.value;
          break;
        }
      }
      if (out.n_clusters !== undefined) break;
    }
  }
  if (out.n_clusters !== undefined) understood.push(`${out.n_clusters} clusters`);
}

/** The dimension: "<n> d", "<n> dimensions", "<n> dimensional"; "high dimensional". */
function readDimension({ tokens, out, understood, warnings }: Reading): void {
  for (let i = 0; i < tokens.length && out.dim === undefined; i++) {
    const r = readNumber(tokens, i);
    if (r && DIM_NOUNS.test(tokens[i + r.used] ?? '') && Number.isInteger(r.value) && r.value >= 1) out.dim = r.value;
  }
  if (out.dim === undefined && phrase(tokens, 'high dimensional|dimensions', 'high dim|d')) {
    out.dim = 50;
    warnings.push('"high-dimensional" read as dim 50');
  }
  if (out.dim !== undefined) understood.push(`dim ${out.dim}`);
}

/** Samples: "<n> samples each|per cluster" (stored negative until n_clusters is known) or "<n> samples" (total). */
function readSampleCount({ tokens, out }: Reading): void {
  for (let i = 0; i < tokens.length && out.n_samples === undefined; i++) {
    const r = readNumber(tokens, i);
    if (!r) continue;
    let j = i + r.used;
    if (/^(total|data)$/.test(tokens[j] ?? '')) j++;
    if (/^(data)$/.test(tokens[j] ?? '')) j++;
    if (!SAMPLE_NOUNS.test(tokens[j] ?? '')) continue;
    const after = tokens.slice(j + 1, j + 4).join(' ');
    const each = /^(each|per cluster|per group|per class|in each|a cluster|apiece)/.test(after);
    out.n_samples = each ? -r.value : r.value; // resolved once n_clusters is known
  }
}

/** Shapes (spherical, oblong) and the variety of shapes and of sizes. */
function readShapes({ tokens, out, understood }: Reading): void {
  const oblongAt = tokens.findIndex((t) =>
    /^(oblong|elongated|elliptical|ellipsoidal|stretched|elongate|eccentric|cigar|thin|skinny)$/.test(t),
  );
  if (has(tokens, /^(spherical|round|circular|isotropic|spheres|ball|balls)$/) && oblongAt < 0) {
    out.aspect_ref = 1;
    out.aspect_maxmin = 1;
    understood.push('spherical');
  } else if (oblongAt >= 0) {
    const lvl = intensity(tokens, oblongAt);
    out.aspect_ref = [2, 3, 6][lvl];
    out.aspect_maxmin = 1.5;
    understood.push(['slightly oblong', 'oblong', 'very oblong'][lvl]);
  }
  const shapesAt = findSeq(tokens, ['different|differing|varied|varying|diverse', 'shapes?|shape']);
  if (shapesAt >= 0) {
    const lvl = intensity(tokens, shapesAt);
    out.aspect_maxmin = [1.7, 3, 5][lvl];
    out.radius_maxmin ??= [2, 3, 5][lvl];
    understood.push(['somewhat different shapes', 'different shapes', 'very different shapes'][lvl]);
  } else if (phrase(tokens, 'same|similar|identical|equal shapes?', 'equally oblong|elongated')) {
    out.aspect_maxmin = 1;
    understood.push('similar shapes');
  }
  const sizesAt = findSeq(tokens, [
    'different|differing|varied|varying|diverse',
    'sizes?|volumes?|radii|scales?|spreads?',
  ]);
  if (sizesAt >= 0) {
    const lvl = intensity(tokens, sizesAt);
    out.radius_maxmin = [2, 3, 5][lvl];
    understood.push(['somewhat different sizes', 'different sizes', 'very different sizes'][lvl]);
  } else if (phrase(tokens, 'same|similar|equal|identical sizes?|volumes?|size')) {
    out.radius_maxmin = 1;
    understood.push('similar sizes');
  }
}

/** How well separated the clusters are said to be, the word at sepAt saying they are. */
function readSeparated({ tokens, out, understood }: Reading, sepAt: number): void {
  const strongest = phrase(
    tokens,
    'very|extremely|really|super well|clearly|cleanly separated',
    'perfectly|completely|totally|fully separated',
    'very|extremely|really far apart',
    'no|zero overlap',
  );
  const well =
    intensity(tokens, sepAt) === 2 ||
    phrase(tokens, 'well|clearly|cleanly|nicely|highly|widely separated', 'far apart') ||
    /^(distinct|isolated|disjoint)$/.test(tokens[sepAt]);
  const level = strongest ? 2 : well ? 1 : 0;
  [out.max_overlap, out.min_overlap] = [
    [1e-3, 1e-4],
    [1e-4, 1e-5],
    [1e-5, 1e-6],
  ][level] as [number, number];
  understood.push(['separated', 'well separated', 'very well separated'][level]);
}

/** How much the clusters overlap, the word at overlapAt saying they do; `heavy` when a strong-overlap phrase occurs. */
function readOverlapping({ tokens, out, understood }: Reading, overlapAt: number, heavy: boolean): void {
  const lvl = intensity(tokens, overlapAt);
  if (phrase(tokens, 'moderate|moderately|medium|some overlap|overlapping')) {
    [out.max_overlap, out.min_overlap] = [0.1, 0.05];
    understood.push('moderate overlap');
  } else if (heavy) {
    const extreme =
      phrase(
        tokens,
        'heavy|heavily|massive|lots|lot|extensive|extensively overlap|overlapping|overlaps',
        'overlap|overlapping|overlaps heavily|lots',
        'overlap|overlapping|overlaps a lot',
      ) || lvl === 2;
    [out.max_overlap, out.min_overlap] = extreme ? [0.4, 0.3] : [0.2, 0.1];
    understood.push(extreme ? 'heavy overlap' : 'significant overlap');
  } else if (lvl === 0 || phrase(tokens, 'little|small|minor|minimal|slight overlap|overlapping')) {
    [out.max_overlap, out.min_overlap] = [0.01, 0.001];
    understood.push('little overlap');
  } else {
    [out.max_overlap, out.min_overlap] = [0.1, 0.01];
    understood.push('overlapping');
  }
}

/** Overlap or separation between clusters. */
function readOverlap(r: Reading): void {
  const { tokens, out, understood } = r;
  const sepAt = tokens.findIndex(
    (t, i) =>
      /^(separated|apart|isolated|distinct|disjoint|separate)$/.test(t) &&
      !(tokens[i - 1] === 'not' || tokens[i - 1] === 'poorly' || tokens[i - 1] === 'barely'),
  );
  const overlapAt = tokens.findIndex((t) =>
    /^(overlap|overlapping|overlaps|overlapped|overlay|touching|mixed|intermingled|blended)$/.test(t),
  );
  const heavy = phrase(
    tokens,
    'heavy|heavily|strong|strongly|lots|lot|large|high|highly|much|massive|substantial|substantially|significant|significantly|considerable|considerably|very|extensive|extensively overlap|overlapping|overlaps',
    'overlap|overlapping|overlaps heavily|strongly|significantly|substantially|lots|much',
    'overlap|overlapping|overlaps a lot',
    'close together',
    'poorly separated',
  );
  if (sepAt >= 0 && (overlapAt < 0 || phrase(tokens, 'no|without|little|minimal|zero|hardly any overlap'))) {
    readSeparated(r, sepAt);
  } else if (overlapAt >= 0) {
    readOverlapping(r, overlapAt, heavy);
  } else if (heavy) {
    [out.max_overlap, out.min_overlap] = [0.2, 0.1];
    understood.push('close together');
  }
}

/** Class imbalance, or balance. */
function readImbalance({ tokens, out, understood }: Reading): void {
  const imbAt = tokens.findIndex((t) => /^(imbalanced|imbalance|unbalanced|unequal|skewed|lopsided)$/.test(t));
  if (imbAt >= 0 && !phrase(tokens, 'no|without class imbalance|imbalance')) {
    const lvl = phrase(tokens, 'high|heavy|strong|severe|extreme|large|significant|big|huge class imbalance|imbalance')
      ? 2
      : intensity(tokens, imbAt);
    out.imbalance_ratio = [1.5, 3, 5][lvl];
    understood.push(['slight imbalance', 'imbalanced', 'strong imbalance'][lvl]);
  } else if (
    phrase(
      tokens,
      'balanced',
      'perfect|perfectly|equal|no class balance|balanced|imbalance',
      'same number of points|samples',
    )
  ) {
    out.imbalance_ratio = 1;
    understood.push('balanced');
  }
}

/** Distribution names, their percentages and heavy tails. */
function readDistributions({ tokens, out, understood, warnings }: Reading): void {
  const named: DistributionName[] = [];
  const percents = new Map<DistributionName, number>();
  tokens.forEach((t, i) => {
    let d: DistributionName | null = null;
    if (t === 'studentt') d = 'standard_t';
    else if (t === 'fdist') d = 'f';
    else for (const [re, name] of DIST_WORDS) if (re.test(t)) d = name;
    if (!d || (d === 'normal' && tokens[i - 1] === 'log')) return;
    if (d === 'uniform' && /^(sizes?|shapes?|spread|density)$/.test(tokens[i + 1] ?? '')) return;
    if (!named.includes(d)) named.push(d);
    const pctAt = tokens.slice(Math.max(0, i - 4), i).lastIndexOf('percent');
    if (pctAt >= 0) {
      const num = Number(tokens[Math.max(0, i - 4) + pctAt - 1]);
      if (Number.isFinite(num)) percents.set(d, num / 100);
    }
    if (tokens[i - 1] === 'half' || tokens[i - 2] === 'half') percents.set(d, 0.5);
  });
  const heavyTails = phrase(tokens, 'heavy|fat|long|thick tails?|tailed', 'outliers', 'heavytailed');
  if (heavyTails) {
    for (const d of ['standard_t', 'pareto', 'lognormal'] as const) if (!named.includes(d)) named.push(d);
    understood.push('heavy tails');
  }
  if (named.length) {
    out.distributions = named;
    understood.push(`distributions ${named.join(', ')}`);
    if (percents.size === named.length) out.distribution_proportions = named.map((d) => percents.get(d)!);
    else if (percents.size) warnings.push('percentages were given for only some distributions; using equal shares');
  } else if (phrase(tokens, 'different|various|diverse|varied|varying|many|mixed distributions?')) {
    out.distributions = ['normal', 'exponential', 'gamma', 'weibull', 'lognormal'];
    understood.push('different distributions');
  }
}

/** Fills in what the description left open (n_samples per cluster, 1-D shapes) and validates; a field that fails validation is dropped with a warning. */
function resolve({ tokens, out, understood, warnings }: Reading, text: string): DescriptionParse {
  const k = out.n_clusters ?? 6;
  if (typeof out.n_samples === 'number' && out.n_samples < 0) {
    out.n_samples = -out.n_samples * k;
    understood.push(`${out.n_samples / k} samples each`);
  } else if (out.n_samples !== undefined) understood.push(`${out.n_samples} samples`);
  else out.n_samples = 100 * k;
  if (out.dim === 1) {
    out.aspect_ref = 1;
    out.aspect_maxmin = 1;
  }
  if (out.imbalance_ratio !== undefined && out.n_samples < k * 2) out.imbalance_ratio = 1;
  out.name = describeName(tokens, text);
  const r = parseArchetype(out);
  if (!r.ok) {
    // Keep the feature usable: drop the offending fields and say so.
    const bad = r.errors.map((e) => e.split(' ')[0]);
    for (const f of bad) delete out[f];
    appendAll(
      warnings,
      r.errors.map((e) => `ignored: ${e}`),
    );
    const again = parseArchetype(out);
    if (!again.ok) throw new Error(`could not read the description: ${again.errors.join('; ')}`);
    return { archetype: again.archetype, understood, warnings };
  }
  return { archetype: r.archetype, understood, warnings: [...warnings, ...r.warnings] };
}

/**
 * Reads an English description into an archetype, section by section (counts, dimension, samples,
 * shapes, overlap, imbalance, distributions), then validates.
 * @throws Error when even the fields that survive validation do not make an archetype.
 */
export function parseDescription(text: string): DescriptionParse {
  const reading: Reading = { tokens: tokenize(text), out: {}, understood: [], warnings: [] };
  for (const read of [
    readClusterCount,
    readDimension,
    readSampleCount,
    readShapes,
    readOverlap,
    readImbalance,
    readDistributions,
  ])
    read(reading);
  return resolve(reading, text);
}

const STOP = new Set([
  'a',
  'an',
  'the',
  'with',
  'in',
  'and',
  'of',
  'that',
  'are',
  'which',
  'is',
  'be',
  'to',
  'i',
  'want',
  'need',
  'generate',
  'make',
  'create',
  'please',
  'give',
  'me',
  'some',
  'dataset',
  'data',
  'set',
  'where',
  'have',
  'has',
  'their',
  'them',
  'they',
  'but',
  'all',
]);

/** An identifier from the description's content words, at most eight of them. */
function describeName(tokens: string[], text: string): string {
  const words = tokens
    .filter((t) => !STOP.has(t))
    .map((t) => (t === 'percent' ? 'pct' : t === 'studentt' ? 't' : t === 'fdist' ? 'f' : t));
  const merged: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (/^\d+$/.test(words[i]) && words[i + 1] === 'd') {
      merged.push(`${words[i]}d`);
      i++;
    } else merged.push(words[i]);
  }
  return toIdentifier(merged.slice(0, 8).join('_') || text);
}
