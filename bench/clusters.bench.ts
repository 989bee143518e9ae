// Synthetic cluster generation (issue 6 performance targets), one data set at a time, beside the
// Python repliclust 1.0 timings measured on this machine. Each case: 2 warm-up data sets, then
// `reps` data sets with seeds 1..reps; prints the median and the fastest per-data-set wall time and
// the median CPU time of this process (user + system; the machine is shared by other jobs, and CPU
// time is what the generator itself costs), and the convergence count.
import { generateDataset } from '../src/engines/clusters/generateDataset';
import { makeArchetype } from '../src/engines/clusters/validateArchetype';
import type { Archetype } from '../src/engines/clusters/archetype';

interface Case {
  label: string;
  archetype: Archetype;
  repliclustS: number | null;
  targetS: number;
  reps: number;
}

const cases: Case[] = [
  {
    label: '12 clusters / 2D / 1200 samples / 5 distributions',
    // thesis §5.4 archetype 1, "twelve clusters of different distributions"
    archetype: makeArchetype({
      name: 'twelve_clusters_different_distributions',
      n_clusters: 12,
      dim: 2,
      n_samples: 1200,
      aspect_ref: 1.5,
      aspect_maxmin: 2,
      radius_maxmin: 3,
      imbalance_ratio: 2,
      max_overlap: 0.05,
      min_overlap: 0.001,
      distributions: ['normal', 'exponential', 'gamma', 'weibull', 'lognormal'],
    }),
    repliclustS: 0.265,
    targetS: 0.08,
    reps: 30,
  },
  {
    label: '7 clusters / 10D / 700 samples',
    // thesis §5.4 archetype 3, "seven highly separated clusters in 10D with very different shapes"
    archetype: makeArchetype({
      name: 'seven_highly_separated_10d_very_different_shapes',
      n_clusters: 7,
      dim: 10,
      n_samples: 700,
      aspect_ref: 1.5,
      aspect_maxmin: 3,
      radius_maxmin: 3,
      imbalance_ratio: 2,
      max_overlap: 1e-4,
      min_overlap: 1e-5,
      distributions: ['normal', 'exponential'],
    }),
    repliclustS: 0.028,
    targetS: 0.03,
    reps: 30,
  },
  {
    label: '4 clusters / 100D / 4000 samples',
    // thesis §5.4 archetype 6, "four clusters in 100D with 1000 samples each"
    archetype: makeArchetype({
      name: 'four_clusters_100d_1000_samples_each',
      n_clusters: 4,
      dim: 100,
      n_samples: 4000,
      aspect_ref: 1,
      aspect_maxmin: 1,
      radius_maxmin: 3,
      imbalance_ratio: 2,
      max_overlap: 0.05,
      min_overlap: 0.001,
      distributions: ['normal', 'exponential'],
    }),
    repliclustS: 0.051,
    targetS: 0.05,
    reps: 20,
  },
  {
    label: '4 clusters / 100D / 4000 samples, oblong (aspect 1.5, not in the issue)',
    archetype: makeArchetype({
      name: 'four_oblong_100d',
      n_clusters: 4,
      dim: 100,
      n_samples: 4000,
      aspect_ref: 1.5,
      aspect_maxmin: 2,
      distributions: ['normal', 'exponential'],
    }),
    repliclustS: null,
    targetS: 0.05,
    reps: 10,
  },
  {
    label: '30 clusters / 2D / 30,000 samples',
    archetype: makeArchetype({ name: 'thirty_clusters_2d', n_clusters: 30, dim: 2, n_samples: 30000 }),
    repliclustS: null,
    targetS: 1,
    reps: 10,
  },
];

const fmt = (s: number) => `${s.toFixed(3)} s`;
for (const c of cases) {
  for (let w = 0; w < 2; w++) generateDataset(c.archetype, { seed: 1000 + w });
  const ts: number[] = [];
  const cpu: number[] = [];
  let converged = 0;
  for (let s = 1; s <= c.reps; s++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const d = generateDataset(c.archetype, { seed: s });
    ts.push((performance.now() - t0) / 1000);
    const dc = process.cpuUsage(c0);
    cpu.push((dc.user + dc.system) / 1e6);
    if (d.converged) converged++;
  }
  ts.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const median = ts[Math.floor(ts.length / 2)];
  const cpuMedian = cpu[Math.floor(cpu.length / 2)];
  console.log(`${c.label}`);
  console.log(
    `  per data set: wall median ${fmt(median)}, fastest ${fmt(ts[0])}, slowest ${fmt(ts[ts.length - 1])}; CPU median ${fmt(cpuMedian)}  (n = ${c.reps}, ${converged}/${c.reps} converged)`,
  );
  console.log(
    `  repliclust ${c.repliclustS === null ? '—' : fmt(c.repliclustS)}   target <= ${fmt(c.targetS)}   wall median ${median <= c.targetS ? 'meets' : 'MISSES'}, fastest ${ts[0] <= c.targetS ? 'meets' : 'MISSES'} the target`,
  );
}
