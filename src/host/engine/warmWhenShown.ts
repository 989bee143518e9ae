import type * as vscode from 'vscode';

/** The part of a tree view this needs (a fake in tests). */
export interface ShowableView {
  readonly visible: boolean;
  readonly onDidChangeVisibility: vscode.Event<{ readonly visible: boolean }>;
}

/**
 * Calls `warm` once, the first time `view` is visible (at once if it already is): the engine
 * worker starts when the Eval Logs view first shows, so that the first analysis opened from it
 * does not wait for the worker, while an activation by a command or a restored panel starts
 * nothing early.
 */
export function warmWhenShown(view: ShowableView, warm: () => void): vscode.Disposable {
  if (view.visible) {
    warm();
    return { dispose: () => undefined };
  }
  const sub = view.onDidChangeVisibility((e) => {
    if (!e.visible) return;
    sub.dispose();
    warm();
  });
  return sub;
}
