/**
 * The API key of the OpenAI-compatible endpoint is sent only where the user said it may go. It is
 * stored in SecretStorage together with the origin (scheme, host, port) it was saved for; a call
 * to another origin, or to an endpoint that comes from the workspace's settings rather than the
 * user's, first asks in a modal dialog naming the host. Declining sends nothing. No `vscode`
 * import: the secret store and the dialog are passed in (tested with fakes).
 */
import { redactSecrets } from '../../shared/text/redactSecrets';
import { rememberSecret } from '../text/knownSecrets';

/** The SecretStorage entry: `{"v":1,"key":…,"origin":…}` (older versions stored the bare key). */
export const API_KEY_SECRET = 'costRiskLab.llm.apiKey';

/** The slice of `vscode.SecretStorage` used here. */
export interface KeyStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
}

/** Asks the user (a modal dialog): true only when `button` was chosen. */
export type ConfirmSend = (message: string, detail: string, button: string) => PromiseLike<boolean>;

/** A stored key and the origin it may be sent to (null: not recorded, ask before the first send). */
export interface StoredKey {
  key: string;
  origin: string | null;
}

/** The endpoint setting and whether its value comes from the workspace (`.vscode/settings.json`, a folder setting). */
export interface EndpointSetting {
  url: string;
  fromWorkspace: boolean;
}

export type EndpointOrigin =
  { ok: true; origin: string; host: string; encrypted: boolean } | { ok: false; reason: string };

/** The origin a key is bound to: http(s) only; the URL's own user:password never counts. */
export function endpointOrigin(url: string): EndpointOrigin {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: `costRiskLab.llm.endpoint is not a URL: "${redactSecrets(url).slice(0, 200)}"` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { ok: false, reason: `costRiskLab.llm.endpoint must be an http:// or https:// URL, got ${u.protocol}` };
  const loopback = u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(u.hostname);
  return { ok: true, origin: u.origin, host: u.host, encrypted: u.protocol === 'https:' || loopback };
}

/** The host (and port) of a stored origin, for a sentence. */
function hostOf(origin: string): string {
  const o = endpointOrigin(origin);
  return o.ok ? o.host : origin;
}

/** Reads the stored entry; a bare string (an older version) is a key without an origin. */
export function parseStoredKey(raw: string | undefined): StoredKey | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    const o = JSON.parse(raw) as unknown;
    if (typeof o === 'object' && o !== null && (o as { v?: unknown }).v === 1) {
      const { key, origin } = o as { key?: unknown; origin?: unknown };
      if (typeof key === 'string' && key !== '') return { key, origin: typeof origin === 'string' ? origin : null };
      return null;
    }
  } catch {
    // not JSON: a bare key
  }
  return { key: raw.trim(), origin: null };
}

/** The stored entry of a key bound to `origin`. */
export function formatStoredKey(k: StoredKey): string {
  return JSON.stringify({ v: 1, key: k.key, origin: k.origin });
}

/** The stored key, remembered so that no message shows it (see knownSecrets.ts). */
async function readKey(store: KeyStore): Promise<StoredKey | null> {
  const k = parseStoredKey(await store.get(API_KEY_SECRET));
  if (k) rememberSecret(k.key);
  return k;
}

/** Whether a key is stored. */
export async function hasStoredKey(store: KeyStore): Promise<boolean> {
  return (await readKey(store)) !== null;
}

/** Stores a key for the endpoint now set by the user (bound to its origin), or unbound when the endpoint is unset or the workspace's. */
export async function storeKey(store: KeyStore, key: string, endpoint: EndpointSetting): Promise<string | null> {
  const o = endpoint.url && !endpoint.fromWorkspace ? endpointOrigin(endpoint.url) : null;
  const origin = o?.ok ? o.origin : null;
  rememberSecret(key);
  await store.store(API_KEY_SECRET, formatStoredKey({ key, origin }));
  return o?.ok ? o.host : null;
}

export type KeyDecision = { ok: true; apiKey: string | null } | { ok: false; reason: string };

/**
 * The key to send to `endpoint`: null when none is stored; the key when it is bound to this
 * origin and the endpoint is the user's own setting; otherwise only after `confirm` (then the key
 * is bound to this origin). Declined or unusable: `ok: false` with the reason, and nothing is sent.
 */
export async function keyForEndpoint(
  store: KeyStore,
  endpoint: EndpointSetting,
  confirm: ConfirmSend,
): Promise<KeyDecision> {
  const stored = await readKey(store);
  if (!stored) return { ok: true, apiKey: null };
  const o = endpointOrigin(endpoint.url);
  if (!o.ok) return o;
  const reasons: string[] = [];
  if (endpoint.fromWorkspace)
    reasons.push(
      "This endpoint is set in the workspace's settings (.vscode/settings.json or a folder setting), not in your user settings: a repository can set it.",
    );
  if (stored.origin !== o.origin)
    reasons.push(
      stored.origin === null
        ? 'Your key was saved without an endpoint to bind it to.'
        : `Your key was saved for ${hostOf(stored.origin)}.`,
    );
  if (reasons.length === 0) return { ok: true, apiKey: stored.key };
  if (!o.encrypted)
    reasons.push('The connection is not encrypted (http): the key would cross the network in clear text.');
  const message = `Send your language-model API key to ${o.host}?`;
  const detail = `${reasons.join(' ')} Endpoint: ${redactSecrets(endpoint.url).slice(0, 300)}. Confirm only if you trust ${o.host}.`;
  if (!(await confirm(message, detail, `Send Key to ${o.host}`)))
    return { ok: false, reason: `The API key was not sent: sending it to ${o.host} was not confirmed.` };
  if (stored.origin !== o.origin)
    await store.store(API_KEY_SECRET, formatStoredKey({ key: stored.key, origin: o.origin }));
  return { ok: true, apiKey: stored.key };
}
