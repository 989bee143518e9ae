import type { EconomicAnalysis } from '../economics/economicAnalysis';
import type { ModelSummary } from '../logs/summarizeModels';

/** One log file the report was made from. */
export interface ReportFile {
  path: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

/** Everything a report shows; built by the CLI (and the extension) from the same engines as `summary` and `econ`. */
export interface ReportData {
  /** Cost-Risk Lab's version (package.json). */
  version: string;
  /** ISO 8601 time the report was made. */
  generatedAt: string;
  files: ReportFile[];
  /** Every setting and price used, as [name, value] in words. */
  settings: [string, string][];
  records: number;
  adapter: string;
  /** The `costrisk summary` rows. */
  models: ModelSummary[];
  economics: EconomicAnalysis;
  /** Warnings of the reading and the analysis. */
  warnings: string[];
}

/** The best cascade at one price combination (by test reward), or null when no candidate is a cascade. */
export function bestCascade(economics: EconomicAnalysis, combo: number): { name: string; reward: number } | null {
  const u = economics.uncertainty?.[combo];
  if (u) {
    const c = u.candidates.find((x) => x.kind === 'cascade');
    return c ? { name: c.name, reward: c.reward.value } : null;
  }
  const kinds = new Map(economics.prep.candidates.map((c) => [c.name, c.kind]));
  const ranked = Object.entries(economics.grid[combo].rewards)
    .filter(([name]) => kinds.get(name) === 'cascade')
    .sort((a, b) => b[1] - a[1]);
  return ranked.length ? { name: ranked[0][0], reward: ranked[0][1] } : null;
}

/** "λ_E = $1 per error, λ_L = $0 per minute, λ_A = $0 per abstention" for one row of the grid. */
export function priceWords(
  row: { price_error: number; price_latency: number; price_abstain: number },
  usd: (x: number) => string,
): string {
  return `λ_E = ${usd(row.price_error)} per error, λ_L = ${usd(row.price_latency * 60)} per minute, λ_A = ${usd(row.price_abstain)} per abstention`;
}
