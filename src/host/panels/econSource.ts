import { NO_KIND_CHOSEN, type CandidateKinds } from '../../protocol/economicEvaluation';
import type { EconSourceParams } from '../../worker/jobs/econPrepared';
import { runsJobSource } from '../settings';
import type { RunsViewHostState } from '../../protocol/logView';

/** Worker parameters for an economics job on a log (and the runs compared with it): the user's price settings and the chosen candidate kinds. */
export function econSourceParams(
  source: RunsViewHostState,
  kinds: CandidateKinds = { models: true, cascades: true, abstention: true, routers: true },
): EconSourceParams {
  const set = kinds.models && kinds.cascades ? 'all' : kinds.models ? 'models' : kinds.cascades ? 'cascades' : 'none';
  if (set === 'none' && !kinds.abstention && !kinds.routers) throw new Error(NO_KIND_CHOSEN);
  return {
    ...runsJobSource(source),
    set,
    abstention: kinds.abstention,
    routers: kinds.routers,
  };
}
