/** Field schemas several views share: model names, split labels, file paths, candidate kinds. */
import type { CandidateKinds, RouterOverhead } from '../economicEvaluation';
import type { SignalChoice } from '../../engines/abstention/certaintySignal';
import { boolean, number, object, oneOf, string, type Schema } from '../schema';
import type { EveryMember } from './payloadSchemas';

/** A model name as logs and forms carry it (one line, no control characters). */
export const modelName: Schema<string> = string({ max: 500, oneLine: true });
/** A split label ('' = every record). */
export const splitLabel: Schema<string> = string({ max: 200, oneLine: true });
/** A file path typed in a form or sent back by the webview (checked against the workspace by the host). */
export const filePath: Schema<string> = string({ max: 4096, oneLine: true });
/** A 1-based line of a log file (a row of a query table). */
export const logLine: Schema<number> = number({ integer: true, min: 1, max: 1e12 });
/** A seed of a random draw. */
export const seed: Schema<number> = number({ integer: true });
/** A rate in (0, 1), such as α or δ. */
export const openRate: Schema<number> = number({ above: 0, below: 1 });

const SIGNAL_CHOICES = [
  'auto',
  'confidence',
  'calibrated',
  'p_true',
  'output_tokens',
] as const satisfies readonly SignalChoice[];
const _everySignal: EveryMember<SignalChoice, typeof SIGNAL_CHOICES> = true;
/** Which per-record number ranks answers (certaintySignal.ts). */
export const signalChoice: Schema<SignalChoice> = oneOf(SIGNAL_CHOICES);

/** Which kinds of candidate systems the economics views compare. */
export const candidateKinds: Schema<CandidateKinds> = object({
  models: boolean,
  cascades: boolean,
  abstention: boolean,
  routers: boolean,
});
/** A price in dollars (per error, per second, per abstention). */
export const price: Schema<number> = number({ min: 0, max: 1e12 });
/** A router's overhead (eq. 3.9): c₀ in $ per query, l₀ in seconds per query. */
export const routerOverhead: Schema<RouterOverhead> = object({
  cost: number({ min: 0, max: 1e6 }),
  latency: number({ min: 0, max: 1e6 }),
});
