import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  authorization: string | undefined;
  /** The request asked for token log-probs. */
  logprobs: boolean;
}

/**
 * What the mock sends back: a reply text (with optional usage, sane or not), or a fault: an HTTP
 * status with a body (and headers, e.g. Retry-After), a 200 with a raw body (malformed or truncated
 * JSON), no answer at all (`hang`: the client's timeout fires), or part of a body and then a broken
 * connection (`drop`).
 */
export type MockChatResponse =
  | {
      content: string;
      usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
      logprobs?: { token: string; logprob: number }[];
    }
  | { status: number; body: string; headers?: Record<string, string> }
  | { raw: string }
  | { hang: true }
  | { drop: string };

/** An `/embeddings` request the mock received. */
export interface MockEmbeddingRequest {
  model: string;
  input: string[];
}

/**
 * A local OpenAI-compatible server on 127.0.0.1 and a free port, for tests: `respond` decides each
 * chat-completions reply (or fault); `embed`, when given, answers `/embeddings` (a vector per input
 * text, or an HTTP error). `requests` and `embeddingRequests` record what was sent; `served` only
 * the chat requests answered with a reply text (the calls a real endpoint would bill). Call
 * `close()` when done (it also ends connections left hanging).
 */
export async function startMockChatServer(
  respond: (req: MockChatRequest) => MockChatResponse,
  embed?: (req: MockEmbeddingRequest) => number[][] | { status: number; body: string },
): Promise<{
  url: string;
  requests: MockChatRequest[];
  served: MockChatRequest[];
  embeddingRequests: MockEmbeddingRequest[];
  close: () => Promise<void>;
}> {
  const requests: MockChatRequest[] = [];
  const served: MockChatRequest[] = [];
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
        res.end(
          JSON.stringify({
            object: 'list',
            data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })).reverse(),
            model: e.model,
          }),
        );
        return;
      }
      const parsed = JSON.parse(body) as {
        model: string;
        messages: { role: string; content: string }[];
        logprobs?: boolean;
      };
      const r: MockChatRequest = {
        model: parsed.model,
        messages: parsed.messages,
        authorization: req.headers.authorization,
        logprobs: parsed.logprobs === true,
      };
      requests.push(r);
      const out = respond(r);
      if ('hang' in out) return;
      if ('drop' in out) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(out.drop.length + 100) });
        res.write(out.drop, () => res.destroy());
        return;
      }
      if ('raw' in out) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(out.raw);
        return;
      }
      if ('status' in out) {
        res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
        res.end(out.body);
        return;
      }
      served.push(r);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'mock',
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: out.content },
              logprobs: out.logprobs ? { content: out.logprobs } : null,
              finish_reason: 'stop',
            },
          ],
          ...(out.usage ? { usage: out.usage } : {}),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url, requests, served, embeddingRequests, close };
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
  return [content.slice(0, at), answer, content.slice(at + answer.length)].map((token, i) => ({
    token,
    logprob: i === 1 ? Math.log(p) : -0.001,
  }));
}
