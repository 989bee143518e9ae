import type { Rng } from '../numeric/rng';

/**
 * Low-sample training set of thesis §2.4: repeatedly, for each model, draw one query it answered
 * correctly and one it got wrong (at random), until `target` draws were made; collisions make the
 * set smaller than the target (the thesis reports 20–30 for a target of 30). A model that is
 * always right (or wrong) contributes only from the class it has. Returns query positions.
 */
export function balancedSubsample(correct: readonly Uint8Array[], target: number, rng: Rng): Set<number> {
  const chosen = new Set<number>();
  const pools = correct.map((col) => {
    const right: number[] = [];
    const wrong: number[] = [];
    col.forEach((c, q) => (c ? right : wrong).push(q));
    return [right, wrong];
  });
  let draws = 0;
  while (draws < target) {
    let drew = false;
    for (const pool of pools) {
      for (const cls of pool) {
        if (draws >= target) break;
        if (cls.length) {
          chosen.add(cls[rng.int(cls.length)]);
          drew = true;
        }
        draws++;
      }
    }
    if (!drew) break;
  }
  return chosen;
}
