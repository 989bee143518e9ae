/** The certainty signals a user can pick in the abstention views (Human in the Loop, Risk Guarantee). */
import type { SignalChoice } from '../../src/engines/abstention/certaintySignal';
import type { Choice } from './selectControls';

export const SIGNAL_CHOICES: readonly (Choice & { value: SignalChoice })[] = [
  { value: 'auto', label: 'auto' },
  { value: 'confidence', label: 'confidence' },
  { value: 'calibrated', label: 'calibrated confidence' },
  { value: 'p_true', label: 'P(True)' },
  { value: 'output_tokens', label: 'output tokens' },
];
