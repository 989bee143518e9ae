import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeHtml, makeNonce, webviewHtml } from '../../src/host/panels/webviewHtml';

const SRC = 'https://file+.vscode-resource.vscode-cdn.net';

test('CSP: nothing by default, scripts by nonce (the entry) and from the extension (its chunks), styles/images/fonts from the extension', () => {
  const csp = contentSecurityPolicy(SRC, 'abc');
  const d = Object.fromEntries(csp.split('; ').map((x) => [x.split(' ')[0], x.split(' ').slice(1)]));
  assert.deepEqual(Object.keys(d), ['default-src', 'script-src', 'style-src', 'img-src', 'font-src']);
  assert.deepEqual(d['default-src'], ["'none'"]);
  assert.deepEqual(d['script-src'], ["'nonce-abc'", SRC]);
  assert.deepEqual(d['style-src'], [SRC, "'nonce-abc'"]);
  assert.deepEqual(d['img-src'], [SRC, 'data:']);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval') && !csp.includes('*'));
});

test('nonce: 128 random bits, base64, fresh each time', () => {
  const seen = new Set(Array.from({ length: 200 }, makeNonce));
  assert.equal(seen.size, 200);
  for (const n of seen) assert.equal(Buffer.from(n, 'base64').length, 16);
});

test('HTML shell: the script carries the nonce, the state is escaped, no inline script or style', () => {
  const html = webviewHtml({
    cspSource: SRC,
    nonce: 'n0nce',
    title: 'T <x>',
    scriptUri: `${SRC}/build/v.js`,
    styleUris: [`${SRC}/css/view.css`],
    initialState: { file: '/a/"quoted" <b>&.jsonl' },
  });
  assert.match(
    html,
    /<script type="module" nonce="n0nce" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/build\/v\.js"><\/script>/,
  );
  assert.equal(html.match(/<script/g)?.length, 1, 'one script: the bundle');
  assert.ok(!/<style/.test(html) && !/ style=/.test(html), 'no inline styles');
  assert.match(html, /<title>T &lt;x&gt;<\/title>/);
  const state = html.match(/data-initial-state="([^"]*)"/)?.[1] ?? '';
  const decoded = state
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  assert.deepEqual(JSON.parse(decoded), { file: '/a/"quoted" <b>&.jsonl' });
  assert.match(html, /<meta property="csp-nonce" content="n0nce">/);
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
