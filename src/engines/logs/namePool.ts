/**
 * Strings numbered in order of first sight: the model, split, task and signal names of a log, which
 * a million records share among a few dozen values. Kept as indices into `names`, they cost a few
 * bytes a record instead of a string reference each.
 *
 * `internColumn` is `intern` for a column whose value repeats line after line (records come grouped
 * by model, split and task): the column's last value is compared first, which is cheaper than
 * hashing. Used by the record table and by the parser thread's batches.
 */
export class NamePool {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  /** Per column: its last value (null before the first) and that value's index. */
  private readonly lastName: (string | null)[];
  private readonly lastIndex: number[];

  /**
   * @param columns how many columns use `internColumn`
   * @param onNew called with each new name's index before it is added (the record table widens
   *   its 16-bit name columns there when the index passes 65,535)
   */
  constructor(
    columns: number,
    private readonly onNew?: (k: number) => void,
  ) {
    this.lastName = new Array<string | null>(columns).fill(null);
    this.lastIndex = new Array<number>(columns).fill(0);
  }

  /** The index of `s`, added on first sight. */
  intern(s: string): number {
    let k = this.index.get(s);
    if (k === undefined) {
      k = this.names.length;
      this.onNew?.(k);
      this.names.push(s);
      this.index.set(s, k);
    }
    return k;
  }

  /** `intern` for column `column`, comparing with that column's last value first. */
  internColumn(column: number, s: string): number {
    if (this.lastName[column] === s) return this.lastIndex[column];
    const k = this.intern(s);
    this.lastName[column] = s;
    this.lastIndex[column] = k;
    return k;
  }
}
