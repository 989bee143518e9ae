import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  authorization: string | undefined;
}

/** What the mock sends back: a reply text (with optional usage), or a raw HTTP status and body. */
export type MockChatResponse = { content: string; usage?: { prompt_tokens: number; completion_tokens: number } } | { status: number; body: string };

/**
 * A local OpenAI-compatible chat-completions server on 127.0.0.1 and a free port, for tests:
 * `respond` decides each reply. `requests` records what was sent. Call `close()` when done.
 */
export async function startMockChatServer(respond: (req: MockChatRequest) => MockChatResponse): Promise<{ url: string; requests: MockChatRequest[]; close: () => Promise<void> }> {
  const requests: MockChatRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { model: string; messages: { role: string; content: string }[] };
      const r: MockChatRequest = { model: parsed.model, messages: parsed.messages, authorization: req.headers.authorization };
      requests.push(r);
      const out = respond(r);
      if ('status' in out) {
        res.writeHead(out.status, { 'content-type': 'application/json' });
        res.end(out.body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'mock', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: out.content }, finish_reason: 'stop' }], ...(out.usage ? { usage: out.usage } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The question of the last user turn of an Inter-Cascade prompt, and whether notes came with it. */
export function lastQuestion(req: MockChatRequest): { question: string; notes: string[] } {
  const text = req.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  const question = text.slice(text.lastIndexOf('Question: ') + 'Question: '.length);
  const notes = [...text.matchAll(/Method: (.*)/g)].map((m) => m[1]);
  return { question, notes };
}
