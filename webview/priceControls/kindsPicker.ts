/** The "Systems" checkboxes of the economics views (Economic Evaluation, Optimal-Model Map): which kinds of system to compare. */
import type { CandidateKinds } from '../../src/protocol/economicEvaluation';
import { checkboxes } from '../ui/selectControls';

/**
 * Checkboxes `#kinds` showing `initial`; `onChange` gets the kinds ticked after each click.
 * `onlyModels(true)` hides them for a log that can only offer single models (no confidence scores).
 */
export function kindsPicker(
  initial: CandidateKinds,
  onChange: (kinds: CandidateKinds) => void,
): { element: HTMLElement; onlyModels: (only: boolean) => void } {
  const pick = checkboxes('kinds', 'Systems', (values) =>
    onChange({
      models: values.includes('models'),
      cascades: values.includes('cascades'),
      abstention: values.includes('abstention'),
      routers: values.includes('routers'),
    }),
  );
  pick.set(
    [
      { value: 'models', label: 'single models' },
      { value: 'cascades', label: 'cascades (small → big)' },
      { value: 'abstention', label: 'models with abstention' },
      { value: 'routers', label: 'routers (one model per query, with and without abstention)' },
    ],
    Object.entries(initial)
      .filter(([, v]) => v)
      .map(([k]) => k),
  );
  return { element: pick.element, onlyModels: (only) => (pick.element.hidden = only) };
}
