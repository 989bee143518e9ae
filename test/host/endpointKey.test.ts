/** The API key goes only where the user confirmed: binding to the origin, workspace endpoints, declined dialogs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_KEY_SECRET,
  endpointOrigin,
  formatStoredKey,
  keyForEndpoint,
  parseStoredKey,
  storeKey,
  type KeyStore,
} from '../../src/host/llm/endpointKey';

function fakeStore(raw?: string) {
  const m = new Map<string, string>(raw === undefined ? [] : [[API_KEY_SECRET, raw]]);
  const store: KeyStore = { get: async (k) => m.get(k), store: async (k, v) => void m.set(k, v) };
  return { store, stored: () => parseStoredKey(m.get(API_KEY_SECRET)), raw: () => m.get(API_KEY_SECRET) };
}
/** A dialog that records what it asked and answers `yes`. */
function dialog(yes: boolean) {
  const asked: { message: string; detail: string; button: string }[] = [];
  return {
    asked,
    confirm: async (message: string, detail: string, button: string) => (asked.push({ message, detail, button }), yes),
  };
}
const user = (url: string) => ({ url, fromWorkspace: false });
const bound = (origin: string | null) => formatStoredKey({ key: 'sk-test-0123456789', origin });

test('a key bound to the endpoint origin of a user setting is sent without asking; none stored: nothing sent', async () => {
  const d = dialog(false);
  assert.deepEqual(
    await keyForEndpoint(
      fakeStore(bound('https://api.openai.com')).store,
      user('https://api.openai.com/v1'),
      d.confirm,
    ),
    { ok: true, apiKey: 'sk-test-0123456789' },
  );
  assert.deepEqual(await keyForEndpoint(fakeStore().store, user('https://evil.example/v1'), d.confirm), {
    ok: true,
    apiKey: null,
  });
  assert.equal(d.asked.length, 0);
});

test('another origin (host, port or scheme) asks, naming the host; declined sends nothing and keeps the binding', async () => {
  for (const url of ['https://evil.example/v1', 'https://api.openai.com:8443/v1', 'http://api.openai.com/v1']) {
    const s = fakeStore(bound('https://api.openai.com'));
    const d = dialog(false);
    const r = await keyForEndpoint(s.store, user(url), d.confirm);
    const host = new URL(url).host;
    assert.deepEqual(r, { ok: false, reason: `The API key was not sent: sending it to ${host} was not confirmed.` });
    assert.equal(d.asked.length, 1);
    assert.equal(d.asked[0].message, `Send your language-model API key to ${host}?`);
    assert.equal(d.asked[0].button, `Send Key to ${host}`);
    assert.match(d.asked[0].detail, /Your key was saved for api\.openai\.com\./);
    assert.equal(s.stored()?.origin, 'https://api.openai.com', 'declining does not move the key');
  }
});

test('confirmed: the key is sent and bound to the new origin (the next call does not ask)', async () => {
  const s = fakeStore(bound('https://api.openai.com'));
  const d = dialog(true);
  assert.deepEqual(await keyForEndpoint(s.store, user('http://127.0.0.1:8000/v1'), d.confirm), {
    ok: true,
    apiKey: 'sk-test-0123456789',
  });
  assert.doesNotMatch(d.asked[0].detail, /not encrypted/, 'loopback http is not flagged');
  assert.equal(s.stored()?.origin, 'http://127.0.0.1:8000');
  assert.deepEqual(await keyForEndpoint(s.store, user('http://127.0.0.1:8000/v1/other'), dialog(false).confirm), {
    ok: true,
    apiKey: 'sk-test-0123456789',
  });
});

test('an endpoint from the workspace settings always asks, even for the bound origin; plain http to a remote host is named', async () => {
  const s = fakeStore(bound('http://models.example'));
  const d = dialog(false);
  const r = await keyForEndpoint(s.store, { url: 'http://models.example/v1', fromWorkspace: true }, d.confirm);
  assert.equal(r.ok, false);
  assert.match(d.asked[0].detail, /set in the workspace's settings/);
  assert.match(d.asked[0].detail, /not encrypted \(http\)/);
});

test('a key stored by an older version (no origin) asks once, then is stored with its origin', async () => {
  const s = fakeStore('sk-legacy-0123456789');
  const d = dialog(true);
  assert.deepEqual(await keyForEndpoint(s.store, user('https://api.openai.com/v1'), d.confirm), {
    ok: true,
    apiKey: 'sk-legacy-0123456789',
  });
  assert.match(d.asked[0].detail, /saved without an endpoint/);
  assert.deepEqual(JSON.parse(s.raw() as string), {
    v: 1,
    key: 'sk-legacy-0123456789',
    origin: 'https://api.openai.com',
  });
});

test('unusable endpoints are refused before any dialog; credentials in the URL never show and never count as the origin', async () => {
  const d = dialog(true);
  const store = fakeStore(bound('https://api.openai.com')).store;
  assert.match(((await keyForEndpoint(store, user('not a url'), d.confirm)) as { reason: string }).reason, /not a URL/);
  assert.match(
    ((await keyForEndpoint(store, user('file:///etc/passwd'), d.confirm)) as { reason: string }).reason,
    /http:\/\/ or https:\/\//,
  );
  assert.match(
    ((await keyForEndpoint(store, user('javascript:alert(1)'), d.confirm)) as { reason: string }).reason,
    /http:\/\/ or https:\/\//,
  );
  assert.equal(d.asked.length, 0);
  const withCreds = endpointOrigin('https://alice:hunter2@api.openai.com/v1');
  assert.deepEqual(withCreds, { ok: true, origin: 'https://api.openai.com', host: 'api.openai.com', encrypted: true });
  const other = await keyForEndpoint(store, user('https://alice:hunter2@evil.example/v1'), d.confirm);
  assert.ok(other.ok);
  assert.doesNotMatch(JSON.stringify(d.asked), /hunter2/, 'the dialog shows the URL with its password blanked');
  assert.equal(
    endpointOrigin('https://xn--80ak6aa92e.com/').ok && (endpointOrigin('https://аррӏе.com/') as { host: string }).host,
    'xn--80ak6aa92e.com',
    'a look-alike host is shown in punycode',
  );
});

test('storeKey: bound to a user endpoint; unbound when the endpoint is unset or comes from the workspace', async () => {
  const s = fakeStore();
  assert.equal(await storeKey(s.store, 'sk-a', user('https://api.openai.com/v1')), 'api.openai.com');
  assert.equal(s.stored()?.origin, 'https://api.openai.com');
  assert.equal(await storeKey(s.store, 'sk-b', { url: 'https://evil.example', fromWorkspace: true }), null);
  assert.deepEqual(s.stored(), { key: 'sk-b', origin: null });
  assert.equal(await storeKey(s.store, 'sk-c', user('')), null);
  assert.equal(parseStoredKey('{"v":1,"key":""}'), null, 'an empty stored key is no key');
  assert.deepEqual(
    parseStoredKey('{"not":"ours"}'),
    { key: '{"not":"ours"}', origin: null },
    'anything else is a bare (legacy) key',
  );
});
