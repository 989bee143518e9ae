/**
 * The message protocol between the extension host and every webview, as plain JSON. Types and
 * type guards only: no `vscode`, no DOM. Each view declares its own {@link ViewProtocol} in
 * `src/protocol/<view>.ts`; the shared shapes below wrap it.
 *
 * Flow: the webview posts `ready` once its script runs; the host posts nothing before that (it
 * queues). The webview asks with `request` (carrying a `requestId`) and the host answers with
 * exactly one `reply`. Either side may send one-way `notification`s.
 */

/** The result of a request: a value, or an error message fit to show the user. */
export type Reply<R> = { ok: true; result: R } | { ok: false; error: string };

/** What one view's messages carry. Every payload is plain JSON. */
export interface ViewProtocol {
  /** Webview -> host requests, answered with a {@link Reply}. */
  requests: Record<string, { params: unknown; result: unknown }>;
  /** Host -> webview one-way messages. */
  hostNotifications: Record<string, unknown>;
  /** Webview -> host one-way messages. */
  webviewNotifications: Record<string, unknown>;
}

/** A file the webview asks the host to save: a chart as PNG, a table as CSV, data or a config as JSON. */
export interface ExportFileParams {
  format: 'png' | 'csv' | 'json';
  /** File name without folder, e.g. `model-overview-scatter.png`. */
  suggestedName: string;
  /** PNG: base64 (no `data:` prefix). CSV, JSON: the text itself. */
  data: string;
}

/** Requests and notifications every view gets for free (the base panel answers them). */
export interface CommonRequests {
  exportFile: { params: ExportFileParams; result: { savedTo: string | null } };
}
export interface CommonWebviewNotifications {
  /** Show the "Cost-Risk Lab" output channel (problems found while reading logs). */
  showProblems: Record<string, never>;
  /** A webview-side error the host should log (never thrown across the boundary). */
  webviewError: { message: string };
}

type Requests<P extends ViewProtocol> = P['requests'] & CommonRequests;
type WebviewNotifications<P extends ViewProtocol> = P['webviewNotifications'] & CommonWebviewNotifications;

export type RequestMethod<P extends ViewProtocol> = keyof Requests<P> & string;
export type RequestParams<P extends ViewProtocol, M extends RequestMethod<P>> = Requests<P>[M]['params'];
export type RequestResult<P extends ViewProtocol, M extends RequestMethod<P>> = Requests<P>[M]['result'];
export type HostNotificationName<P extends ViewProtocol> = keyof P['hostNotifications'] & string;
export type WebviewNotificationName<P extends ViewProtocol> = keyof WebviewNotifications<P> & string;
export type WebviewNotificationPayload<
  P extends ViewProtocol,
  N extends WebviewNotificationName<P>,
> = WebviewNotifications<P>[N];

export interface ReadyMessage {
  type: 'ready';
}
export type RequestMessage<P extends ViewProtocol> = {
  [M in RequestMethod<P>]: { type: 'request'; requestId: number; method: M; params: RequestParams<P, M> };
}[RequestMethod<P>];
export type WebviewNotificationMessage<P extends ViewProtocol> = {
  [N in WebviewNotificationName<P>]: { type: 'notification'; name: N; payload: WebviewNotifications<P>[N] };
}[WebviewNotificationName<P>];
export interface ReplyMessage {
  type: 'reply';
  requestId: number;
  reply: Reply<unknown>;
}
export type HostNotificationMessage<P extends ViewProtocol> = {
  [N in HostNotificationName<P>]: { type: 'notification'; name: N; payload: P['hostNotifications'][N] };
}[HostNotificationName<P>];

/** Everything a webview of protocol P may post to the host. */
export type WebviewToHost<P extends ViewProtocol> = ReadyMessage | RequestMessage<P> | WebviewNotificationMessage<P>;
/** Everything the host may post to a webview of protocol P. */
export type HostToWebview<P extends ViewProtocol> = ReplyMessage | HostNotificationMessage<P>;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isRequestId = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/**
 * Checks the envelope of a message from a webview (not the payload, which the view's handler
 * validates). Anything else is dropped by the host with a log line, never thrown.
 */
export function isWebviewToHost(msg: unknown): msg is WebviewToHost<ViewProtocol> {
  if (!isObject(msg)) return false;
  switch (msg.type) {
    case 'ready':
      return true;
    case 'request':
      return isRequestId(msg.requestId) && typeof msg.method === 'string' && 'params' in msg;
    case 'notification':
      return typeof msg.name === 'string' && 'payload' in msg;
    default:
      return false;
  }
}

/** Checks the envelope of a message from the host. */
export function isHostToWebview(msg: unknown): msg is HostToWebview<ViewProtocol> {
  if (!isObject(msg)) return false;
  if (msg.type === 'reply') {
    const r = msg.reply;
    return (
      isRequestId(msg.requestId) &&
      isObject(r) &&
      (r.ok === true ? 'result' in r : r.ok === false && typeof r.error === 'string')
    );
  }
  return msg.type === 'notification' && typeof msg.name === 'string' && 'payload' in msg;
}
