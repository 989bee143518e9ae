/**
 * A deterministic chat function for engine tests (no server): it answers like the mock endpoint's
 * arithmetic models (arithmeticModels.ts), or as `respond` says, and records every prompt each
 * model received, in order, so a test can check exactly what every model was shown.
 */
import type { ChatMessage } from '../../src/engines/llm/chatCompletion';
import type { ChatFunction, ChatRequest } from '../../src/engines/llm/chatFunction';
import { LlmError } from '../../src/engines/llm/llmError';
import { arithmeticReply } from './arithmeticModels';
import type { MockChatResponse } from './mockChatServer';

export interface RecordingChat {
  chat: ChatFunction;
  /** Every request, in order. */
  requests: ChatRequest[];
  /** The prompts each model received, in order. */
  promptsOf(model: string): ChatMessage[][];
}

/** A recording chat function; `respond` defaults to the arithmetic models. */
export function recordingChat(
  respond: (req: ChatRequest) => MockChatResponse = (req) => arithmeticReply({ ...req, authorization: undefined }),
): RecordingChat {
  const requests: ChatRequest[] = [];
  const chat: ChatFunction = async (req) => {
    requests.push(structuredClone(req));
    const r = respond(req);
    if ('content' in r)
      return {
        content: r.content,
        logprobs: r.logprobs ?? null,
        inputTokens: r.usage?.prompt_tokens as number | undefined,
        outputTokens: r.usage?.completion_tokens as number | undefined,
      };
    if ('status' in r) throw new LlmError(`${req.model}: HTTP ${r.status}: ${r.body}`, 'http', r.status);
    throw new LlmError(`${req.model}: no reply`, 'network');
  };
  return { chat, requests, promptsOf: (model) => requests.filter((r) => r.model === model).map((r) => r.messages) };
}

/** Whether a prompt shows notes (retrieved strategies) anywhere in its last user turn. */
export const showsNotes = (messages: readonly ChatMessage[]): boolean =>
  /Notes from similar solved questions/.test(messages.at(-1)?.content ?? '');
