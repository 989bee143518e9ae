// The generator's work estimate (src/engines/clusters/estimateGeneration.ts) against measured CPU
// time, five data sets per archetype (seeds 2–6): the archetypes exercise each term of the cost model (rotations
// and pair tables at large dim, centre placement at many clusters, point drawing at many samples,
// the distortion network). Prints the estimate, the measured CPU seconds (median and min–max of the
// five) and their ratio to the median; a ratio far from 1 means the constants in GENERATOR_COSTS need measuring again on this machine.
import { estimateGeneration } from '../src/engines/clusters/estimateGeneration';
import { generateDataset } from '../src/engines/clusters/generateDataset';
import { makeArchetype } from '../src/engines/clusters/validateArchetype';
import type { Archetype } from '../src/engines/clusters/archetype';
import { median, spread } from './measure';

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const cases: { fields: Partial<Archetype>; distort?: boolean }[] = [
  { fields: { n_clusters: 3, dim: 600, n_samples: 300 } },
  { fields: { n_clusters: 4, dim: 250, n_samples: 400 } },
  { fields: { n_clusters: 1000, dim: 2, n_samples: 10000 } },
  { fields: { n_clusters: 200, dim: 3, n_samples: 4000 } },
  { fields: { n_clusters: 5, dim: 40, n_samples: 40000 } },
  { fields: { n_clusters: 30, dim: 10, n_samples: 1000, aspect_ref: 1, aspect_maxmin: 1 } },
  { fields: { n_clusters: 3, dim: 5, n_samples: 3000 }, distort: true },
];

generateDataset(makeArchetype({ n_clusters: 3, dim: 50, n_samples: 200 }), { seed: 1 }); // warm up
for (const c of cases) {
  const a = makeArchetype(c.fields);
  const measured: number[] = [];
  const epochs: number[] = [];
  for (let seed = 2; seed <= 6; seed++) {
    const t = cpuSeconds();
    const d = generateDataset(a, { seed, distort: c.distort });
    measured.push(cpuSeconds() - t);
    epochs.push(d.epochs);
  }
  const e = estimateGeneration(a, { distort: c.distort });
  console.log(
    `${JSON.stringify(c.fields)}${c.distort ? ' distorted' : ''}: estimated ${e.seconds.toFixed(2)} s, measured median ${median(measured).toFixed(2)} s CPU (${spread(measured, 2)}, n = 5; ratio ${(e.seconds / median(measured)).toFixed(2)}; ${spread(epochs, 0)} epochs; mostly ${e.mostly})`,
  );
}
