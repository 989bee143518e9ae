import * as vscode from 'vscode';
import {
  isWebviewToHost,
  type ExportFileParams,
  type HostNotificationName,
  type HostToWebview,
  type Reply,
  type ViewProtocol,
} from '../../protocol/messages';
import { commonPayloads } from '../../protocol/payloads/commonPayloads';
import type { PayloadSchemas } from '../../protocol/payloads/payloadSchemas';
import { checkPayload, type Schema } from '../../protocol/schema';
import type { HostServices } from '../hostServices';
import { displayLine, displayText } from '../text/displayText';
import { NEEDS_TRUST, requireTrust } from '../trust';
import { saveExport } from './saveExport';
import { makeNonce, webviewHtml } from './webviewHtml';

/** Answers to a view's requests, one function per method (types come from the view's protocol). */
export type RequestHandlers<P extends ViewProtocol> = {
  [M in keyof P['requests'] & string]: (
    params: P['requests'][M]['params'],
    token: vscode.CancellationToken,
  ) => Promise<P['requests'][M]['result']> | P['requests'][M]['result'];
};
/** Reactions to a view's one-way messages. */
export type NotificationHandlers<P extends ViewProtocol> = {
  [N in keyof P['webviewNotifications'] & string]: (payload: P['webviewNotifications'][N]) => void;
};

/** A request or notification the host answers: the schema its payload must pass, and what runs then. */
interface Route {
  schema: Schema<unknown>;
  run(payload: unknown, token: vscode.CancellationToken): unknown;
}

/** What the view registry needs from any panel, whatever its protocol. */
export interface PanelHandle {
  readonly panel: vscode.WebviewPanel;
  readonly onDidDispose: vscode.Event<void>;
  dispose(): void;
}

/** Resources a webview may load: the built bundles and the shared stylesheets, nothing else. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'media', 'build'),
      vscode.Uri.joinPath(extensionUri, 'media', 'css'),
    ],
  };
}

/**
 * A webview panel's lifecycle and messaging. Subclasses give the bundle name, the request and
 * notification handlers of their protocol, and `onReady()` (called each time the webview (re)loads
 * and says `ready`; post the view's data there). Posts made before `ready` are queued. Every
 * request gets exactly one reply; a handler that throws becomes `{ ok: false, error }`.
 * `exportFile`, `showProblems` and `webviewError` are handled here for every view.
 *
 * Nothing from the webview is trusted: handlers are looked up in `Map`s (a message type such as
 * `constructor` finds nothing), and every payload must pass the view's schema (`payloads`) before
 * its handler runs. A refused message costs one line in the output channel (a refused request is
 * also answered with the reason, so the view does not wait forever); nothing throws.
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
  /** The schema of every request's params and notification's payload (src/protocol/payloads/). */
  protected abstract readonly payloads: PayloadSchemas<P>;
  private routes: { requests: Map<string, Route>; notifications: Map<string, Route> } | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly services: HostServices,
    protected state: S,
    bundle: string,
  ) {
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
    panel.onDidChangeViewState(
      () => {
        if (!panel.visible) this.ready = false; // a hidden webview is unloaded; it says `ready` again when shown
      },
      null,
      this.disposables,
    );
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
    try {
      this.dispatch(raw);
    } catch (err) {
      // A bug in routing must not take the panel down: one line, and the message is dropped.
      this.drop('a message', `could not be handled (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  private dispatch(raw: unknown): void {
    if (!isWebviewToHost(raw)) return this.drop('a malformed message', describeMessage(raw));
    if (raw.type === 'ready') {
      this.ready = true;
      const queued = this.queue;
      this.queue = [];
      for (const m of queued) void this.panel.webview.postMessage(m);
      void Promise.resolve()
        .then(() => this.onReady())
        .catch((err: unknown) => this.services.problems.error(`${this.panel.title}`, err));
      return;
    }
    const { requests, notifications } = this.routeTable();
    if (raw.type === 'request') {
      const route = requests.get(raw.method);
      if (!route)
        return this.refuse(
          raw.requestId,
          `request "${clipName(raw.method)}"`,
          `unknown request "${clipName(raw.method)}"`,
        );
      const params = checkPayload(route.schema, raw.params, 'params');
      if (!params.ok)
        return this.refuse(
          raw.requestId,
          `request "${raw.method}"`,
          `invalid request "${raw.method}": ${params.error}`,
        );
      void this.answer(raw.requestId, route, params.value);
      return;
    }
    const route = notifications.get(raw.name);
    if (!route) return this.drop(`notification "${clipName(raw.name)}"`, 'no such notification');
    const payload = checkPayload(route.schema, raw.payload, 'payload');
    if (!payload.ok) return this.drop(`notification "${raw.name}"`, payload.error);
    route.run(payload.value, this.lifetime.token);
  }

  /** The handlers by name, built once from the subclass's handler objects (own keys only) and the common ones. */
  private routeTable(): { requests: Map<string, Route>; notifications: Map<string, Route> } {
    if (this.routes) return this.routes;
    const routes = (handlers: object, schemas: object): Map<string, Route> => {
      const out = new Map<string, Route>();
      const schemaOf = new Map(Object.entries(schemas) as [string, Schema<unknown>][]);
      for (const [name, run] of Object.entries(handlers) as [string, Route['run']][]) {
        const schema = schemaOf.get(name);
        if (schema && typeof run === 'function') out.set(name, { schema, run });
      }
      return out;
    };
    const requests = routes(this.requestHandlers, this.payloads.requests);
    requests.set('exportFile', {
      schema: commonPayloads.requests.exportFile,
      run: (p) => this.exportFile(p as ExportFileParams),
    });
    const notifications = routes(this.notificationHandlers, this.payloads.notifications);
    notifications.set('showProblems', {
      schema: commonPayloads.notifications.showProblems,
      run: () => this.services.problems.show(),
    });
    notifications.set('webviewError', {
      schema: commonPayloads.notifications.webviewError,
      run: (p) =>
        this.services.problems.log(
          `${this.panel.viewType} webview: ${displayLine((p as { message: string }).message)}`,
        ),
    });
    this.routes = { requests, notifications };
    return this.routes;
  }

  private async answer(requestId: number, route: Route, params: unknown): Promise<void> {
    let reply: Reply<unknown>;
    try {
      reply = { ok: true, result: (await route.run(params, this.lifetime.token)) ?? null };
    } catch (err) {
      reply = { ok: false, error: displayText(err instanceof Error ? err.message : String(err), 5000) };
    }
    if (!this.isDisposed) void this.panel.webview.postMessage({ type: 'reply', requestId, reply });
  }

  /** A refused request: one line in the output channel, and the reason as the reply. */
  private refuse(requestId: number, what: string, reason: string): void {
    this.drop(what, reason);
    if (!this.isDisposed)
      void this.panel.webview.postMessage({
        type: 'reply',
        requestId,
        reply: { ok: false, error: displayText(reason, 5000) },
      });
  }

  /** One line in the output channel for a message that was not acted on. */
  private drop(what: string, reason: string): void {
    this.services.problems.log(`${this.panel.viewType}: dropped ${what} from the webview: ${displayLine(reason, 500)}`);
  }

  private async exportFile(params: ExportFileParams): Promise<{ savedTo: string | null }> {
    requireTrust(NEEDS_TRUST.saving);
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

/** A message name as quoted in a log line: one line, at most 80 characters. */
function clipName(name: string): string {
  return displayLine(name, 80);
}

/** What a malformed message looked like, briefly and without its content. */
function describeMessage(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return raw === null ? 'null' : typeof raw;
  if (Array.isArray(raw)) return 'an array';
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string'
    ? `type "${clipName(type)}" with a missing or malformed field`
    : 'an object without a message type';
}
