/**
 * The webview end of the message protocol: typed requests (a promise per `requestId`, settled by
 * the host's reply), notifications both ways, and the `ready` handshake. Register handlers with
 * `on()` first, then call `ready()`: the host posts nothing before it.
 */
import {
  isHostToWebview,
  type ExportFileParams,
  type HostNotificationName,
  type RequestMethod,
  type RequestParams,
  type RequestResult,
  type ViewProtocol,
  type WebviewNotificationName,
  type WebviewNotificationPayload,
  type WebviewToHost,
} from '../../src/protocol/messages';
import { vscodeApi } from './vscodeApi';

/** A request the host answered with `{ ok: false, error }`. */
export class HostError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

export interface HostClient<P extends ViewProtocol> {
  request<M extends RequestMethod<P>>(method: M, params: RequestParams<P, M>): Promise<RequestResult<P, M>>;
  /** The `exportFile` request every view has: the `ExportFn` that chart and table cards take (no `this`: pass it as is). */
  exportFile(params: ExportFileParams): Promise<{ savedTo: string | null }>;
  notify<N extends WebviewNotificationName<P>>(name: N, payload: WebviewNotificationPayload<P, N>): void;
  /** Subscribes to a host notification; returns the unsubscribe function. */
  on<N extends HostNotificationName<P>>(name: N, handler: (payload: P['hostNotifications'][N]) => void): () => void;
  /** Tells the host the page is listening. Call once, after the `on()` calls. */
  ready(): void;
}

export function createHostClient<P extends ViewProtocol>(): HostClient<P> {
  const api = vscodeApi();
  const pending = new Map<number, { method: string; resolve(v: unknown): void; reject(e: Error): void }>();
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  const post = (msg: WebviewToHost<P>): void => api.postMessage(msg);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const msg = event.data;
    if (!isHostToWebview(msg)) return;
    if (msg.type === 'reply') {
      const p = pending.get(msg.requestId);
      if (!p) return;
      pending.delete(msg.requestId);
      if (msg.reply.ok) p.resolve(msg.reply.result);
      else p.reject(new HostError(p.method, msg.reply.error));
      return;
    }
    for (const h of handlers.get(msg.name) ?? []) {
      try {
        h(msg.payload);
      } catch (err) {
        reportError(err);
      }
    }
  });

  const reportError = (err: unknown): void => {
    const message = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
    post({ type: 'notification', name: 'webviewError', payload: { message } } as WebviewToHost<P>);
    console.error(err);
  };
  window.addEventListener('error', (e) => reportError(e.error ?? e.message));
  window.addEventListener('unhandledrejection', (e) => reportError(e.reason));

  const send = (method: string, params: unknown): Promise<unknown> => {
    const requestId = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(requestId, { method, resolve, reject });
      post({ type: 'request', requestId, method, params } as WebviewToHost<P>);
    });
  };

  return {
    request<M extends RequestMethod<P>>(method: M, params: RequestParams<P, M>) {
      return send(method, params) as Promise<RequestResult<P, M>>;
    },
    exportFile: (params) => send('exportFile', params) as Promise<{ savedTo: string | null }>,
    notify(name, payload) {
      post({ type: 'notification', name, payload } as unknown as WebviewToHost<P>);
    },
    on(name, handler) {
      const set = handlers.get(name) ?? new Set();
      handlers.set(name, set);
      const h = handler as (payload: unknown) => void;
      set.add(h);
      return () => set.delete(h);
    },
    ready() {
      post({ type: 'ready' });
    },
  };
}
