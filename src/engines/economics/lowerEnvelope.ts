/** A line y = a + s·x. */
export interface Line {
  a: number;
  s: number;
}

/** On [from, to], line `index` is the lowest. */
export interface EnvelopePiece {
  from: number;
  to: number;
  index: number;
}

/**
 * The lower envelope of lines over [lo, hi] (hi may be +∞), left to right. At a tie the line with
 * the smaller slope wins (it stays lowest to the right), then the lower index. Each step moves to
 * a line of strictly smaller slope, so there are at most #lines pieces; O(#lines²) overall, which
 * is cheap for the ≤ ~100 operating points of a candidate.
 */
export function lowerEnvelope(lines: readonly Line[], lo: number, hi: number): EnvelopePiece[] {
  if (lines.length === 0) return [];
  if (!(hi > lo)) throw new Error(`envelope range must have hi > lo, got [${lo}, ${hi}]`);
  const at = (i: number, x: number): number => (x === 0 ? lines[i].a : lines[i].a + lines[i].s * x);
  let cur = 0;
  for (let i = 1; i < lines.length; i++) {
    const yi = at(i, lo);
    const yc = at(cur, lo);
    if (yi < yc || (yi === yc && lines[i].s < lines[cur].s)) cur = i;
  }
  const pieces: EnvelopePiece[] = [];
  let x = lo;
  for (;;) {
    let next = -1;
    let nx = Infinity;
    for (let i = 0; i < lines.length; i++) {
      if (!(lines[i].s < lines[cur].s)) continue;
      let xi = (lines[i].a - lines[cur].a) / (lines[cur].s - lines[i].s);
      if (xi === Infinity) continue; // parallel up to rounding: never crosses
      // A crossing at (or, by rounding, just before) x means line i takes over right away.
      if (!(xi > x)) xi = x;
      if (xi < nx || (xi === nx && lines[i].s < lines[next].s)) {
        nx = xi;
        next = i;
      }
    }
    if (next < 0 || nx >= hi) {
      pieces.push({ from: x, to: hi, index: cur });
      return pieces;
    }
    if (nx > x) pieces.push({ from: x, to: nx, index: cur });
    x = nx;
    cur = next;
  }
}
