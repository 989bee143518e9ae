/** One prompt x provider column group of promptfoo's CSV: `[provider] prompt label`, Status, Score, Named Scores, Metric: <name>..., Grader Reason, Comment. */
export interface PromptfooCsvColumn {
  /** Index of the output cell; the Status cell follows it. */
  at: number;
  header: string;
  provider: string;
  promptLabel: string;
  /** Named metric columns (`Metric: <name>`) of this group: name to cell index. */
  metrics: Map<string, number>;
  reasonAt: number | null;
}

/** The layout of a promptfoo CSV header: description and variable columns, then one group per prompt x provider. */
export interface PromptfooCsvLayout {
  descriptionAt: number | null;
  /** Variable name and cell index. */
  vars: { name: string; at: number }[];
  columns: PromptfooCsvColumn[];
}

/** True when a header row has promptfoo's column group (an output column followed by Status, Score and Named Scores). */
export function isPromptfooCsvHeader(names: string[]): boolean {
  for (let i = 0; i + 3 < names.length; i++) if (isGroupStart(names, i)) return true;
  return false;
}

const isGroupStart = (names: string[], i: number): boolean =>
  names[i + 1]?.trim() === 'Status' && names[i + 2]?.trim() === 'Score' && names[i + 3]?.trim() === 'Named Scores';

/**
 * Reads the header row of `promptfoo eval -o results.csv` (its current layout, with Status and
 * Score columns), or null when the row is not one. The output column is named
 * `[<provider label or id>] <prompt label>`.
 */
export function promptfooCsvLayout(names: string[]): PromptfooCsvLayout | null {
  const columns: PromptfooCsvColumn[] = [];
  let firstGroup = -1;
  for (let i = 0; i + 3 < names.length; i++) {
    if (!isGroupStart(names, i)) continue;
    if (firstGroup < 0) firstGroup = i;
    const header = names[i];
    const m = /^\[(.*?)\] ([\s\S]*)$/.exec(header);
    const metrics = new Map<string, number>();
    let j = i + 4;
    for (; j < names.length && names[j].startsWith('Metric: '); j++) metrics.set(names[j].slice(8), j);
    const reasonAt = names[j]?.trim() === 'Grader Reason' ? j : null;
    columns.push({ at: i, header, provider: m ? m[1] : '', promptLabel: m ? m[2] : header, metrics, reasonAt });
    i = reasonAt !== null ? reasonAt + 1 : j - 1;
  }
  if (firstGroup < 0) return null;
  const descriptionAt = names[0] === 'Description' ? 0 : null;
  const vars = names
    .slice(descriptionAt === null ? 0 : 1, firstGroup)
    .map((name, k) => ({ name, at: k + (descriptionAt === null ? 0 : 1) }));
  return { descriptionAt, vars, columns };
}
