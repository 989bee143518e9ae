import * as vscode from 'vscode';
import {
  isWebviewToHost,
  type CommonWebviewNotifications,
  type ExportFileParams,
  type HostNotificationName,
  type HostToWebview,
  type Reply,
  type ViewProtocol,
  type WebviewToHost,
} from '../../protocol/messages';
import type { HostServices } from '../hostServices';
import { saveExport } from './saveExport';
import { makeNonce, webviewHtml } from './webviewHtml';

/** Answers to a view's requests, one function per method (types come from the view's protocol). */
export type RequestHandlers<P extends ViewProtocol> = {
  [M in keyof P['requests'] & string]: (params: P['requests'][M]['params'], token: vscode.CancellationToken) => Promise<P['requests'][M]['result']> | P['requests'][M]['result'];
};
/** Reactions to a view's one-way messages. */
export type NotificationHandlers<P extends ViewProtocol> = {
  [N in keyof P['webviewNotifications'] & string]: (payload: P['webviewNotifications'][N]) => void;
};

/** What the view registry needs from any panel, whatever its protocol. */
export interface PanelHandle {
  readonly panel: vscode.WebviewPanel;
  readonly onDidDispose: vscode.Event<void>;
  dispose(): void;
}

/** Resources a webview may load: the built bundles and the shared stylesheets, nothing else. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media', 'build'), vscode.Uri.joinPath(extensionUri, 'media', 'css')] };
}

/**
 * A webview panel's lifecycle and messaging. Subclasses give the bundle name, the request and
 * notification handlers of their protocol, and `onReady()` (called each time the webview (re)loads
 * and says `ready`; post the view's data there). Posts made before `ready` are queued. Every
 * request gets exactly one reply; a handler that throws becomes `{ ok: false, error }`.
 * `exportFile`, `showProblems` and `webviewError` are handled here for every view.
 */
export abstract class BasePanel<P extends ViewProtocol, S> implements PanelHandle {
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  /** Cancelled when the panel closes: pass it to long work started for this panel. */
  protected readonly lifetime = new vscode.CancellationTokenSource();
  private ready = false;
  private queue: HostToWebview<P>[] = [];
  private isDisposed = false;

  protected abstract readonly requestHandlers: RequestHandlers<P>;
  protected readonly notificationHandlers: Partial<NotificationHandlers<P>> = {};

  constructor(readonly panel: vscode.WebviewPanel, protected readonly services: HostServices, protected state: S, bundle: string) {
    const { extensionUri } = services;
    const webview = panel.webview;
    webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      title: panel.title,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'build', `${bundle}.js`)).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'css', 'view.css')).toString()],
      initialState: state,
    });
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    webview.onDidReceiveMessage((m: unknown) => this.receive(m), null, this.disposables);
    panel.onDidChangeViewState(() => {
      if (!panel.visible) this.ready = false; // a hidden webview is unloaded; it says `ready` again when shown
    }, null, this.disposables);
    this.disposables.push(this.disposed, this.lifetime);
  }

  /** Called on every `ready` from the webview (first load, reload, shown again). */
  protected abstract onReady(): void | Promise<void>;

  /** Where exports are offered first (default: the first workspace folder). */
  protected exportFolder(): vscode.Uri | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri;
  }

  /** Posts a notification, or queues it until the webview is ready. */
  protected notify<N extends HostNotificationName<P>>(name: N, payload: P['hostNotifications'][N]): void {
    this.post({ type: 'notification', name, payload } as HostToWebview<P>);
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  private post(msg: HostToWebview<P>): void {
    if (this.isDisposed) return;
    if (!this.ready) {
      this.queue.push(msg);
      return;
    }
    void this.panel.webview.postMessage(msg);
  }

  private receive(raw: unknown): void {
    if (!isWebviewToHost(raw)) {
      this.services.problems.log(`${this.panel.viewType}: dropped a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    const msg = raw as WebviewToHost<P>;
    if (msg.type === 'ready') {
      this.ready = true;
      const queued = this.queue;
      this.queue = [];
      for (const m of queued) void this.panel.webview.postMessage(m);
      void Promise.resolve()
        .then(() => this.onReady())
        .catch((err: unknown) => this.services.problems.error(`${this.panel.title}`, err));
    } else if (msg.type === 'request') void this.answer(msg.requestId, msg.method, msg.params);
    else this.onNotification(msg.name, msg.payload);
  }

  private async answer(requestId: number, method: string, params: unknown): Promise<void> {
    let reply: Reply<unknown>;
    try {
      const handler = method === 'exportFile' ? (p: unknown) => this.exportFile(p as ExportFileParams) : (this.requestHandlers as Record<string, ((p: unknown, t: vscode.CancellationToken) => unknown) | undefined>)[method];
      if (!handler) throw new Error(`unknown request "${method}"`);
      reply = { ok: true, result: (await handler(params, this.lifetime.token)) ?? null };
    } catch (err) {
      reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (!this.isDisposed) void this.panel.webview.postMessage({ type: 'reply', requestId, reply });
  }

  private onNotification(name: string, payload: unknown): void {
    const common = payload as CommonWebviewNotifications[keyof CommonWebviewNotifications];
    if (name === 'showProblems') return this.services.problems.show();
    if (name === 'webviewError') return this.services.problems.log(`${this.panel.viewType} webview: ${(common as CommonWebviewNotifications['webviewError']).message}`);
    const handler = (this.notificationHandlers as Record<string, ((p: unknown) => void) | undefined>)[name];
    if (handler) handler(payload);
    else this.services.problems.log(`${this.panel.viewType}: no handler for notification "${name}"`);
  }

  private async exportFile(params: ExportFileParams): Promise<{ savedTo: string | null }> {
    return { savedTo: await saveExport(params, this.exportFolder()) };
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.lifetime.cancel();
    this.disposed.fire();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
