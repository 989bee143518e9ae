/**
 * The one way the Inter-Cascade engine reaches a chat model: a function from a request (model,
 * messages, whether to return token log-probs) to a reply. An OpenAI-compatible endpoint is one
 * such function ({@link endpointChat}); the VS Code extension supplies another that goes through
 * the editor's Language Model API, so the engine never imports `vscode`.
 */
import { chatCompleteReply, type ChatMessage, type ChatReply } from './chatCompletion';
import type { RequestOptions } from './openAiRequest';

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Ask for the log-probability of every generated token (a provider without them returns `logprobs: null`). */
  logprobs: boolean;
  maxTokens?: number;
}

/** Sends one chat request; fails with an LlmError (kind says why) or the signal's reason. */
export type ChatFunction = (req: ChatRequest, signal?: AbortSignal) => Promise<ChatReply>;

export interface EndpointChatOptions extends Omit<RequestOptions, 'signal'> {
  endpoint: string;
  /** Largest token count accepted in a reply's usage (see tokenUsage.ts). */
  maxTokensPerCall?: number;
}

/** A chat function over an OpenAI-compatible `/chat/completions` endpoint (with its retries, timeout and usage checks). */
export function endpointChat(o: EndpointChatOptions): ChatFunction {
  return (req, signal) =>
    chatCompleteReply({
      ...o,
      model: req.model,
      messages: req.messages,
      logprobs: req.logprobs,
      maxTokens: req.maxTokens,
      signal,
    });
}
