import type { CandidateKinds } from '../../protocol/economicEvaluation';
import type { EconSourceParams } from '../../worker/jobs/econPrepared';
import { readSettings } from '../settings';

/** Worker parameters for an economics job on `file`: the user's price settings and the chosen candidate kinds. */
export function econSourceParams(file: string, kinds: CandidateKinds = { models: true, cascades: true, routers: true }): EconSourceParams {
  const s = readSettings();
  const set = kinds.models && kinds.cascades ? 'all' : kinds.models ? 'models' : kinds.cascades ? 'cascades' : 'none';
  if (set === 'none' && !kinds.routers) throw new Error('choose at least one kind of system to compare (single models, cascades or routers)');
  return { file, prices: s.prices, priceFile: s.priceFile, correctThreshold: s.correctThreshold, set, routers: kinds.routers };
}
