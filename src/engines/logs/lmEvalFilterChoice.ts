import { asString } from './readJsonDocument';

/**
 * Which lines of an lm-eval samples file to read when a task is scored under several filters
 * (one line per filter and document). Lines naming their `filter` (0.4.7+) are kept when they
 * carry the first filter seen, or the user's `wanted` one; lines without the key (before 0.4.7)
 * are told apart by the repeat of their `doc_id`: the n-th line of a document belongs to the n-th
 * filter of the results file's list. Pure: `keep` is called once per sample, in file order.
 */
export class LmEvalFilterChoice {
  /** The filter whose lines are read (the first seen, unless the user chose one). */
  filter: string | undefined;
  /** Lines of other named filters, left out. */
  private otherFilterLines = 0;
  private readonly filtersSeen = new Map<string, number>();
  /** Lines without a "filter" key: the n-th line of a doc_id belongs to the n-th filter. */
  private readonly timesSeen = new Map<string, number>();
  /** Which repeat of a document is read, for lines without a "filter" key. */
  readonly wantedBlock: number;
  private unnamedLines = 0;
  private otherBlockLines = 0;

  /**
   * @param wanted the user's filter (`lmEvalFilter`), if any
   * @param filterNames the task's filters in the results file beside the samples (null: no such file)
   * @param resultsName that results file's name, for messages
   */
  constructor(
    private readonly wanted: string | undefined,
    private readonly filterNames: readonly string[] | null,
    private readonly resultsName: string | undefined,
  ) {
    this.filter = wanted;
    this.wantedBlock = wanted !== undefined && filterNames ? Math.max(0, filterNames.indexOf(wanted)) : 0;
  }

  /** Whether this sample belongs to the filter that is read. */
  keep(sample: Record<string, unknown>): boolean {
    const f = asString(sample.filter);
    if (f !== undefined) {
      this.filtersSeen.set(f, (this.filtersSeen.get(f) ?? 0) + 1);
      this.filter ??= f;
      if (f === this.filter) return true;
      this.otherFilterLines++;
      return false;
    }
    const id = sample.doc_id;
    if (id === undefined || id === null || typeof id === 'object') return true;
    this.unnamedLines++;
    const key = String(id);
    const n = this.timesSeen.get(key) ?? 0;
    this.timesSeen.set(key, n + 1);
    if (n === this.wantedBlock) return true;
    this.otherBlockLines++;
    return false;
  }

  /** The filter's name as the results file keys its metrics ("metric,filter"). */
  resultsFilter(): string {
    return this.filter ?? this.filterNames?.[this.wantedBlock] ?? 'none';
  }

  /** What the reader says about the filters once every line is read (lines left out, a filter asked for but absent). */
  warnings(): string[] {
    const out: string[] = [];
    const quoted = (xs: Iterable<string>) => [...xs].map((x) => `"${x}"`).join(', ');
    const { wanted, filterNames, filtersSeen } = this;
    if (wanted !== undefined && filtersSeen.size && !filtersSeen.has(wanted))
      out.push(`no line uses the filter "${wanted}" (the file has ${quoted(filtersSeen.keys())})`);
    else if (this.otherFilterLines)
      out.push(
        `${this.otherFilterLines} line(s) score the same documents under other filters than "${this.filter}" (${quoted(filtersSeen.keys())}); the "${this.filter}" lines are used`,
      );
    if (this.otherBlockLines) {
      const names = filterNames && filterNames.length > 1 ? ` (${quoted(filterNames)}, per ${this.resultsName})` : '';
      const used = filterNames?.[this.wantedBlock] ?? (this.wantedBlock === 0 ? 'first' : `#${this.wantedBlock + 1}`);
      out.push(
        `${this.otherBlockLines} line(s) repeat a document already read: files without a "filter" key (lm-eval before 0.4.7) hold one line per filter and document, in the order of the task's filters${names}; the lines of the ${used === 'first' ? 'first filter' : `filter "${used}"`} are used`,
      );
    }
    if (
      wanted !== undefined &&
      !filtersSeen.size &&
      this.unnamedLines &&
      (!filterNames || !filterNames.includes(wanted))
    )
      out.push(
        `the lines do not name their filter and ${filterNames ? `${this.resultsName} lists no filter "${wanted}" (it has ${quoted(filterNames)})` : 'no results file beside them lists the filters'}: the first filter's lines are used`,
      );
    return out;
  }
}
