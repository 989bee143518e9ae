import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatComplete, chatCompletionsUrl, LlmError } from '../../../src/engines/llm/chatCompletion';
import { parseArchetypeReply } from '../../../src/engines/llm/parseArchetypeReply';
import { archetypePromptMessages } from '../../../src/engines/llm/archetypePrompt';
import { describeArchetype } from '../../../src/engines/llm/describeArchetype';
import { parseArchetype } from '../../../src/engines/clusters/validateArchetype';

test('reply validation: accepts plain or fenced JSON, rejects prose, bad JSON and bad fields with a clear error', () => {
  const ok = parseArchetypeReply(
    '```json\n{"name": "five_oblong", "n_clusters": 5, "aspect_ref": 3}\n```',
    'five oblong clusters',
  );
  assert.ok(ok.ok && ok.archetype.n_clusters === 5 && ok.archetype.aspect_ref === 3);
  const unnamed = parseArchetypeReply('{"n_clusters": 2}', 'Two blobs!');
  assert.ok(unnamed.ok && unnamed.archetype.name === 'two_blobs');
  const cases: [string, RegExp][] = [
    ['Sure! Here is the archetype: {"n_clusters": 5}', /not a single JSON object/],
    ['{"n_clusters": 5,}', /not valid JSON/],
    ['[1, 2]', /not a single JSON object/],
    ['{"n_clusters": "five"}', /n_clusters must be an integer, got "five"/],
    ['{"n_clusters": 3, "clusters_shape": "round"}', /unknown field "clusters_shape"/],
    ['{"max_overlap": 0.001, "min_overlap": 0.01}', /min_overlap must be smaller than max_overlap/],
    ['{"distributions": ["normal", "cauchy"]}', /unknown "cauchy"/],
    ['{"name": "1st", "n_clusters": 2}', /name must be a valid variable name/],
  ];
  for (const [reply, re] of cases) {
    const r = parseArchetypeReply(reply, 'x');
    assert.ok(!r.ok, reply);
    assert.match(r.error, re);
  }
});

test('our few-shot examples are themselves valid archetypes, and the prompt ends with the description', () => {
  const msgs = archetypePromptMessages('  six blobs  ');
  assert.equal(msgs[0].role, 'system');
  assert.deepEqual(msgs.at(-1), { role: 'user', content: 'six blobs' });
  for (const m of msgs.filter((x) => x.role === 'assistant'))
    assert.ok(parseArchetype(JSON.parse(m.content)).ok, m.content);
});

function serve(
  handler: (body: string, res: import('node:http').ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => handler(body, res));
    });
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` }),
    );
  });
}

test('chat-completions client: sends model, messages and key; returns the content; HTTP errors and timeouts are clear', async () => {
  let seen: { body?: { model: string; messages: unknown[] } } = {};
  let auth: string | undefined;
  const { server, url } = await serve((body, res) => {
    const parsed = JSON.parse(body);
    if (parsed.model === 'slow') return void setTimeout(() => res.end('{}'), 500);
    if (parsed.model === 'missing') {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { message: 'The model `missing` does not exist' } }));
    }
    seen = { body: parsed };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: '{"n_clusters": 4}' } }] }));
  });
  try {
    const fetchSpy: typeof fetch = (input, init) => {
      auth = (init?.headers as Record<string, string>).authorization;
      return fetch(input, init);
    };
    const text = await chatComplete({
      endpoint: url,
      model: 'm1',
      apiKey: 'sk-test',
      messages: [{ role: 'user', content: 'hi' }],
      fetchImpl: fetchSpy,
    });
    assert.equal(text, '{"n_clusters": 4}');
    assert.equal(auth, 'Bearer sk-test');
    assert.equal(seen.body?.model, 'm1');
    await assert.rejects(
      chatComplete({ endpoint: url, fetchImpl: fetch, model: 'missing', messages: [] }),
      (e: LlmError) =>
        e.kind === 'http' &&
        e.status === 404 &&
        /HTTP 404 \(check the endpoint URL and model name\): The model `missing` does not exist/.test(e.message),
    );
    await assert.rejects(
      chatComplete({ endpoint: url, fetchImpl: fetch, model: 'slow', messages: [], timeoutMs: 50 }),
      (e: LlmError) => e.kind === 'timeout' && /within 0.05 s/.test(e.message),
    );
    const ac = new AbortController();
    const p = chatComplete({ endpoint: url, fetchImpl: fetch, model: 'slow', messages: [], signal: ac.signal });
    ac.abort();
    await assert.rejects(p, (e: LlmError) => e.kind === 'aborted');
    await assert.rejects(
      chatComplete({ endpoint: 'http://127.0.0.1:1/v1', fetchImpl: fetch, model: 'm', messages: [] }),
      (e: LlmError) => e.kind === 'network' && /cannot reach/.test(e.message),
    );
  } finally {
    server.close();
  }
  assert.equal(chatCompletionsUrl('https://x.org/v1/'), 'https://x.org/v1/chat/completions');
  assert.equal(chatCompletionsUrl('https://x.org/v1/chat/completions'), 'https://x.org/v1/chat/completions');
});

test('describeArchetype: uses the model when its reply is valid, else reads offline and says why', async () => {
  const viaLlm = await describeArchetype('five blobs', async () => '{"name": "five_blobs", "n_clusters": 5}');
  assert.equal(viaLlm.source, 'llm');
  assert.equal(viaLlm.archetype.n_clusters, 5);
  const bad = await describeArchetype('five blobs', async () => 'I cannot help with that');
  assert.equal(bad.source, 'offline');
  assert.equal(bad.archetype.n_clusters, 5);
  assert.match(bad.warnings[0], /language model not used: the model's reply is not a single JSON object/);
  const down = await describeArchetype('three clusters', async () => {
    throw new Error('cannot reach http://x');
  });
  assert.equal(down.source, 'offline');
  assert.match(down.llmError ?? '', /cannot reach/);
  const offline = await describeArchetype('three clusters');
  assert.equal(offline.source, 'offline');
  assert.equal(offline.llmError, null);
});
