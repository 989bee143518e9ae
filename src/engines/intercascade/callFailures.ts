import type { StageCall } from './callModel';

const MAX_EXAMPLES = 3;

/** Failed calls by cause among the run's results, with the first few messages. */
export interface FailedCallCounts {
  transport: number;
  malformed: number;
  usage: number;
  examples: string[];
}

/** Counts failed calls by cause. */
export function countFailures(calls: readonly StageCall[]): FailedCallCounts {
  const out: FailedCallCounts = { transport: 0, malformed: 0, usage: 0, examples: [] };
  for (const c of calls) {
    if (c.error === null) continue;
    out[c.errorKind ?? 'transport']++;
    if (out.examples.length < MAX_EXAMPLES)
      out.examples.push(c.error.startsWith(`${c.model}:`) ? c.error : `${c.model}: ${c.error}`);
  }
  return out;
}

/** "3 model calls failed and counted as unsure answers (2 transport errors, 1 malformed reply); first: ..." or null. */
export function failureWarning(f: FailedCallCounts): string | null {
  const n = f.transport + f.malformed + f.usage;
  if (n === 0) return null;
  const causes = [
    [f.transport, 'transport error', 'transport errors'],
    [f.malformed, 'malformed reply', 'malformed replies'],
    [f.usage, 'implausible token count', 'implausible token counts'],
  ]
    .filter(([c]) => (c as number) > 0)
    .map(([c, one, many]) => `${c} ${c === 1 ? one : many}`)
    .join(', ');
  return `${n} model call${n === 1 ? '' : 's'} failed and counted as unsure answers (${causes}); first: ${f.examples[0]}`;
}
