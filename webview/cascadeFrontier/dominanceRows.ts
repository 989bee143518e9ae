/**
 * The rows of the "which sub-cascade dominates where" table. The engine walks a 400-point cost
 * grid, so a sub-cascade that is lowest at a single grid point (by a hair, between two stretches
 * of another one) makes a row whose range is one point. Those rows are left out of the table (the
 * chart still shows every curve), so it lists the stretches where a system stays the best. Pure.
 */
import type { SubCascadeResult } from '../../src/protocol/cascadeFrontier';

type Segment = SubCascadeResult['dominance'][number];

/** The table's rows and how many single-point rows were left out. */
export function dominanceRows(segments: readonly Segment[]): { rows: Segment[]; folded: number } {
  const wide = segments.filter((s) => s.costTo > s.costFrom);
  // every row a single point (a very short grid): show them all rather than nothing
  if (wide.length === 0) return { rows: [...segments], folded: 0 };
  return { rows: wide, folded: segments.length - wide.length };
}
