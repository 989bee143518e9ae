import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  authorization: string | undefined;
  /** The request asked for token log-probs. */
  logprobs: boolean;
}

/** What the mock sends back: a reply text (with optional usage), or a raw HTTP status and body. */
export type MockChatResponse = { content: string; usage?: { prompt_tokens: number; completion_tokens: number }; logprobs?: { token: string; logprob: number }[] } | { status: number; body: string };

/** An `/embeddings` request the mock received. */
export interface MockEmbeddingRequest {
  model: string;
  input: string[];
}

/**
 * A local OpenAI-compatible server on 127.0.0.1 and a free port, for tests: `respond` decides each
 * chat-completions reply; `embed`, when given, answers `/embeddings` (a vector per input text, or an
 * HTTP error). `requests` and `embeddingRequests` record what was sent. Call `close()` when done.
 */
export async function startMockChatServer(
  respond: (req: MockChatRequest) => MockChatResponse,
  embed?: (req: MockEmbeddingRequest) => number[][] | { status: number; body: string },
): Promise<{ url: string; requests: MockChatRequest[]; embeddingRequests: MockEmbeddingRequest[]; close: () => Promise<void> }> {
  const requests: MockChatRequest[] = [];
  const embeddingRequests: MockEmbeddingRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url?.endsWith('/embeddings')) {
        const e = JSON.parse(body) as MockEmbeddingRequest;
        embeddingRequests.push(e);
        const vectors = embed?.(e) ?? { status: 404, body: '{"error": {"message": "no embeddings here"}}' };
        if ('status' in vectors) {
          res.writeHead(vectors.status, { 'content-type': 'application/json' });
          res.end(vectors.body);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        // in reverse order with explicit indices, as a server is allowed to
        res.end(JSON.stringify({ object: 'list', data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })).reverse(), model: e.model }));
        return;
      }
      const parsed = JSON.parse(body) as { model: string; messages: { role: string; content: string }[]; logprobs?: boolean };
      const r: MockChatRequest = { model: parsed.model, messages: parsed.messages, authorization: req.headers.authorization, logprobs: parsed.logprobs === true };
      requests.push(r);
      const out = respond(r);
      if ('status' in out) {
        res.writeHead(out.status, { 'content-type': 'application/json' });
        res.end(out.body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'mock', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: out.content }, logprobs: out.logprobs ? { content: out.logprobs } : null, finish_reason: 'stop' }], ...(out.usage ? { usage: out.usage } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { url, requests, embeddingRequests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The question of the last user turn of an Inter-Cascade prompt, and whether notes came with it. */
export function lastQuestion(req: MockChatRequest): { question: string; notes: string[] } {
  const text = req.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  const question = text.slice(text.lastIndexOf('Question: ') + 'Question: '.length);
  const notes = [...text.matchAll(/Method: (.*)/g)].map((m) => m[1]);
  return { question, notes };
}

/**
 * Token log-probs for a JSON answer reply, as an endpoint asked for `logprobs` returns them: three
 * tokens (before, the answer value, after), the answer's with probability `p`, the others near 1.
 */
export function answerLogprobs(content: string, p: number): { token: string; logprob: number }[] {
  const answer = String((JSON.parse(content) as { answer: unknown }).answer);
  const at = content.indexOf(answer);
  return [content.slice(0, at), answer, content.slice(at + answer.length)].map((token, i) => ({ token, logprob: i === 1 ? Math.log(p) : -0.001 }));
}
