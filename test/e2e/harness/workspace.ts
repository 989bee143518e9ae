import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { realLogsDir, ROOT } from './paths';

export interface BadLine {
  line: number;
  problem: string;
}

export interface Workspace {
  dir: string;
  /** File names of the real logs copied in (e.g. "mmlu-llama.jsonl"). */
  logs: string[];
  malformed: { file: string; badLines: BadLine[]; validLines: number; models: string[] };
  /** A JSON file that is not an eval log (must not be listed as one). */
  unrelated: string;
  /** Logs written by Inspect AI, lm-evaluation-harness and promptfoo themselves (test/fixtures), with what each must show. */
  thirdParty: ThirdPartyLog[];
  /** Files beside them that are not eval logs (an lm-eval results file). */
  notLogs: string[];
}

export interface ThirdPartyLog {
  file: string;
  /** Model name → accuracy as the tree shows it (three places): the tool's own headline figure. */
  accuracy: Record<string, string>;
}

/**
 * Real third-party logs (see the READMEs beside them in test/fixtures/logs/<tool>/real/): a
 * zstandard `.eval` (Inspect's own chunked layout), an lm-evaluation-harness samples file with its
 * results file, and promptfoo's JSON (with failing latency checks), JSONL (--repeat 3) and CSV output.
 */
const THIRD_PARTY: (ThirdPartyLog & { from: string })[] = [
  {
    from: 'inspect/real/log_streaming-chunked.eval',
    file: 'log_streaming-chunked.eval',
    accuracy: { 'azureai/Meta-Llama-3-1-405B-Instruct-jqf': '0.750' },
  },
  {
    from: 'lm-eval/real/v0.4.3/meta-llama__Meta-Llama-3-8B-Instruct/samples_asdiv_2024-08-21T03-44-09.494230.jsonl',
    file: 'samples_asdiv_2024-08-21T03-44-09.494230.jsonl',
    accuracy: { 'meta-llama/Meta-Llama-3-8B-Instruct': '0.920' },
  },
  {
    from: 'promptfoo/real/sample-export.json',
    file: 'sample-export.json',
    accuracy: { 'openai:gpt-5-mini': '1.000', 'openai:gpt-5': '1.000' },
  },
  {
    from: 'promptfoo/real/repeat.jsonl',
    file: 'repeat.jsonl',
    accuracy: { 'local:mini': '0.667', 'local:thinker': '1.000' },
  },
  { from: 'promptfoo/real/qa.csv', file: 'qa.csv', accuracy: { 'local:mini': '0.667', 'local:flaky': '1.000' } },
];
const NOT_LOGS = [
  {
    from: 'lm-eval/real/v0.4.3/meta-llama__Meta-Llama-3-8B-Instruct/results_2024-08-21T03-44-09.494230.json',
    file: 'results_2024-08-21T03-44-09.494230.json',
  },
];

export const MALFORMED_LOG = 'broken-run.jsonl';
export const UNRELATED_JSON = 'deploy-settings.json';

/**
 * A fresh workspace folder: copies of the real eval logs, a log with a few bad lines among real
 * records (truncated JSON, wrong types, missing fields), and an unrelated JSON file.
 */
export function createWorkspace(dir: string): Workspace {
  mkdirSync(dir, { recursive: true });
  const src = realLogsDir();
  const logs = readdirSync(src)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  for (const f of logs) {
    copyFileSync(join(src, f), join(dir, f));
    chmodSync(join(dir, f), 0o644);
  }
  const malformed = writeMalformedLog(join(src, 'mmlu-llama.jsonl'), join(dir, MALFORMED_LOG));
  writeFileSync(
    join(dir, UNRELATED_JSON),
    JSON.stringify(
      { service: 'ranker', replicas: 3, regions: ['eu-west-1', 'us-east-1'], limits: { cpu: '500m', memory: '1Gi' } },
      null,
      2,
    ),
  );
  for (const f of [...THIRD_PARTY, ...NOT_LOGS]) {
    copyFileSync(join(ROOT, 'test', 'fixtures', 'logs', f.from), join(dir, f.file));
    chmodSync(join(dir, f.file), 0o644);
  }
  const thirdParty = THIRD_PARTY.map(({ file, accuracy }) => ({ file, accuracy }));
  return {
    dir,
    logs,
    malformed: { file: MALFORMED_LOG, ...malformed },
    unrelated: UNRELATED_JSON,
    thirdParty,
    notLogs: NOT_LOGS.map((f) => f.file),
  };
}

/** Real test-split records of two models for 12 queries, with three bad lines placed among them. */
function writeMalformedLog(
  realLog: string,
  out: string,
): { badLines: BadLine[]; validLines: number; models: string[] } {
  const models = ['llama3.2-1b', 'llama3.1-8b'];
  const valid = readFileSync(realLog, 'utf8')
    .split('\n')
    .filter((l) => {
      if (!l.includes('"split": "test"')) return false;
      const m = /"model": "([^"]+)"/.exec(l);
      return !!m && models.includes(m[1]);
    })
    .slice(0, 24);
  const bad: { at: number; text: string; problem: string }[] = [
    { at: 3, text: '{"query_id": "mmlu-test-9001", "model": "llama3.2-1b", "correct": tr', problem: 'truncated JSON' },
    {
      at: 9,
      text: '{"query_id": "mmlu-test-9002", "model": "llama3.1-8b", "correct": "maybe", "logprob": "high", "split": "test"}',
      problem: 'wrong types',
    },
    { at: 16, text: '{"query_id": "mmlu-test-9003", "logprob": -0.2, "split": "test"}', problem: 'missing fields' },
  ];
  const lines = [...valid];
  for (const b of bad) lines.splice(b.at - 1, 0, b.text);
  writeFileSync(out, lines.join('\n') + '\n');
  return { badLines: bad.map((b) => ({ line: b.at, problem: b.problem })), validLines: valid.length, models };
}
