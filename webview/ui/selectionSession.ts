/**
 * The webview end of a selection view (`SelectionViewProtocol` in src/protocol/logView.ts: Human in
 * the Loop, Risk Guarantee): holds the user's selection and the data the host computed for it, asks
 * the host again when the selection changes, on Refresh and when the log changes on disk (the
 * latest request wins), and saves the selection the host answered with.
 */
import type { SelectionViewProtocol, SelectionViewState } from '../../src/protocol/logView';
import { baseName } from './fileNames';
import type { HostClient } from './hostClient';
import { latestRequest } from './latestRequest';
import type { StatusLine } from './statusLine';
import type { ViewState } from './viewState';

export interface SelectionSession<S, D> {
  /** The selection last asked for (the saved one until then; null = the host's defaults). */
  readonly selection: S | null;
  /** The data of the newest answer; null before the first. */
  readonly data: D | null;
  /** Merges a change into the selection and asks again; ignored until a selection is known. */
  change(patch: Partial<S>): void;
  /** Asks again with the current selection (nothing before one is known). */
  refresh(): void;
  /** The first request, with the saved selection or the defaults: call after `client.ready()`. */
  start(): void;
}

/** `method` is the view's one request; `render` runs after each applied answer. */
export function selectionSession<M extends string, S, D>(
  client: HostClient<SelectionViewProtocol<M, S, D>>,
  method: M,
  state: ViewState<SelectionViewState<S>>,
  status: StatusLine,
  render: () => void,
): SelectionSession<S, D> {
  const request = latestRequest(status);
  let selection = state.get().selection;
  let data: D | null = null;
  const ask = (sel: S | null): Promise<void> =>
    request(
      data ? 'Updating…' : `Reading ${baseName(state.get().file)}…`,
      () => client.request(method, { selection: sel }),
      (res) => {
        selection = res.selection;
        data = res.data;
        state.update({ selection });
        render();
      },
    );
  client.on('logChanged', () => {
    if (selection) void ask(selection);
  });
  return {
    get selection() {
      return selection;
    },
    get data() {
      return data;
    },
    change(patch) {
      if (!selection) return;
      selection = { ...selection, ...patch };
      void ask(selection);
    },
    refresh() {
      if (selection) void ask(selection);
    },
    start() {
      void ask(selection);
    },
  };
}
