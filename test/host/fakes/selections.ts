/** A valid Human in the Loop selection on a log of one model "a", for host tests of the panel's requests. */
export const HITL_SELECTION = {
  split: '',
  models: ['a'],
  fast: 'a',
  reasoning: null,
  fastSignal: 'auto',
  reasoningSignal: 'confidence',
  maxRejection: 0.2,
  dragRejection: 0.1,
};
