import { NO_KIND_CHOSEN, type CandidateKinds } from '../../protocol/economicEvaluation';
import type { EconSourceParams } from '../../worker/jobs/econPrepared';
import { logJobSource } from '../settings';

/** Worker parameters for an economics job on `file`: the user's price settings and the chosen candidate kinds. */
export function econSourceParams(
  file: string,
  kinds: CandidateKinds = { models: true, cascades: true, abstention: true, routers: true },
): EconSourceParams {
  const set = kinds.models && kinds.cascades ? 'all' : kinds.models ? 'models' : kinds.cascades ? 'cascades' : 'none';
  if (set === 'none' && !kinds.abstention && !kinds.routers) throw new Error(NO_KIND_CHOSEN);
  return { ...logJobSource(file), set, abstention: kinds.abstention, routers: kinds.routers };
}
