/**
 * The view's persisted state: what it last saved with `setState` (kept by VS Code across hide,
 * show and window reload, and handed to the host's panel serializer), else the host's initial
 * state from `<body data-initial-state>`. Keep it small and plain JSON.
 */
import { vscodeApi } from './vscodeApi';

export interface ViewState<S> {
  get(): S;
  /** Merges a change and saves it. */
  update(patch: Partial<S>): S;
}

/** `restore` validates what was saved or passed (it may be from an older version) and fills defaults. */
export function createViewState<S extends object>(restore: (saved: unknown, initial: unknown) => S): ViewState<S> {
  const api = vscodeApi();
  let initial: unknown = null;
  try {
    initial = JSON.parse(document.body.dataset.initialState ?? 'null');
  } catch {
    initial = null;
  }
  let state = restore(api.getState(), initial);
  api.setState(state);
  return {
    get: () => state,
    update(patch) {
      state = { ...state, ...patch };
      api.setState(state);
      return state;
    },
  };
}
