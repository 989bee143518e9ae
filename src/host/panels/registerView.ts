import * as vscode from 'vscode';
import type { HostServices } from '../hostServices';
import { webviewOptions, type PanelHandle } from './basePanel';

/** Everything the host needs to know about one kind of panel. */
export interface ViewDefinition<S> {
  /** Panel type: one of PANELS in commandIds.ts (also `onWebviewPanel:<type>` in activationEvents). */
  viewType: string;
  title(state: S): string;
  /** One panel per key: showing a state whose panel is open reveals it (e.g. one overview per log). */
  key(state: S): string;
  /** Checks a state restored after a window reload (what the webview last `setState`d); undefined drops the panel. */
  parseState(raw: unknown): S | undefined;
  /**
   * The files a state names that the panel reads. `show()` (from a command: the user chose them)
   * grants them; a state restored from the webview is dropped unless each one is allowed.
   */
  files?(state: S): string[];
  create(panel: vscode.WebviewPanel, state: S, services: HostServices): PanelHandle;
}

export interface RegisteredView<S> {
  /** Opens (or reveals) the panel for this state. */
  show(state: S, column?: vscode.ViewColumn): PanelHandle;
}

/**
 * Registers a panel type: `show()` for commands, and a serializer so open panels come back after
 * a window reload with their state. Everything is disposed with the extension.
 */
export function registerView<S>(services: HostServices, def: ViewDefinition<S>): RegisteredView<S> {
  const open = new Map<string, PanelHandle>();
  const track = (state: S, handle: PanelHandle): PanelHandle => {
    const key = def.key(state);
    open.set(key, handle);
    handle.onDidDispose(() => {
      if (open.get(key) === handle) open.delete(key);
    });
    return handle;
  };
  services.context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(def.viewType, {
      deserializeWebviewPanel: async (panel, raw: unknown) => {
        const state = def.parseState(raw);
        if (state === undefined) {
          services.problems.log(`${def.viewType}: could not restore a panel (its saved state is malformed)`);
          panel.dispose();
          return;
        }
        for (const file of def.files?.(state) ?? []) {
          const allowed = await services.files.check(file, 'read');
          if (!allowed.ok) {
            services.problems.log(`${def.viewType}: did not restore a panel: ${allowed.reason}`);
            panel.dispose();
            return;
          }
        }
        track(state, def.create(panel, state, services));
      },
    }),
    { dispose: () => [...open.values()].forEach((h) => h.dispose()) },
  );
  return {
    show(state, column = vscode.ViewColumn.Active) {
      for (const file of def.files?.(state) ?? []) services.files.grant(file);
      const existing = open.get(def.key(state));
      if (existing) {
        existing.panel.reveal(column);
        return existing;
      }
      const panel = vscode.window.createWebviewPanel(
        def.viewType,
        def.title(state),
        column,
        webviewOptions(services.extensionUri),
      );
      return track(state, def.create(panel, state, services));
    },
  };
}
