// `npm run demo`: the main job on the bundled example logs, through the same `costrisk` CLI a
// user would run. Which model answers best for its price, which cascade thresholds to deploy, and
// which system wins at a few prices of error. Each step prints the command it runs.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOG = 'examples/mmlu-llama.jsonl';
const steps = [
  ['Models on the test split', ['summary', LOG, '--split', 'test']],
  ['Calibration of each model (thesis §2.4)', ['calibrate', LOG]],
  [
    'Cascade thresholds: Rational Tuning against grid search and Bayesian optimisation',
    ['tune', LOG, '--cascade', 'llama3.2-1b,llama3.1-8b,llama3.1-405b', '--method', 'all'],
  ],
  [
    'Best system by price of error (λ_L = 0)',
    ['econ', LOG, '--price-error', '0.0001,0.001,0.01,0.1,1', '--price-latency', '0'],
  ],
  [
    'Guaranteed risk: threshold with error ≤ 5% among accepted answers, at confidence 90%',
    ['guarantee', 'examples/mmlu-qwen-oai.jsonl', '--model', 'gpt-4o', '--alpha', '0.05', '--delta', '0.1'],
  ],
  [
    'Synthetic cluster data from a description (offline parser)',
    [
      'generate',
      '--describe',
      'seven well separated oblong clusters in 10D',
      '--seed',
      '1',
      '--out',
      join(tmpdir(), 'costrisk-demo'),
    ],
  ],
];
for (const [title, args] of steps) {
  console.log(`\n### ${title}\n$ costrisk ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}\n`);
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(
  '\nOpen this folder in VS Code with the extension installed (npm run package) to see the same analyses as views.',
);
