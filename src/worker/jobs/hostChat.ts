/**
 * The Inter-Cascade's chat function when the models are VS Code's (Language Model API): each request
 * goes to the host (`ctx.callHost`), which relays it to the chosen chat model. No log-probs exist
 * there, so the confidence is the stated one. The host's reply is checked like an endpoint's.
 */
import type { ChatReply } from '../../engines/llm/chatCompletion';
import type { ChatFunction } from '../../engines/llm/chatFunction';
import { LlmError, type LlmErrorKind } from '../../engines/llm/llmError';
import { LM_CHAT, type LmChatParams } from '../hostMethods';
import type { JobContext } from '../workerProtocol';

const KINDS: readonly LlmErrorKind[] = ['http', 'timeout', 'aborted', 'network', 'reply', 'usage'];
const MAX_COUNT = 10_000_000;

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT ? v : undefined;

/** A chat function over the host's `lm.chat`. @throws Error when the job was given no way to call the host. */
export function hostChat(callHost: JobContext['callHost']): ChatFunction {
  if (!callHost)
    throw new Error("this run needs the host to reach VS Code's language models, and the host offers no way to");
  return async (req, signal): Promise<ChatReply> => {
    const params: LmChatParams = { model: req.model, messages: req.messages, maxTokens: req.maxTokens };
    let r: unknown;
    try {
      r = await callHost(LM_CHAT, params, signal);
    } catch (e) {
      if (signal?.aborted) throw signal.reason ?? e;
      const { kind, message } = e as { kind?: unknown; message?: unknown };
      throw new LlmError(
        typeof message === 'string' ? message : String(e),
        KINDS.includes(kind as LlmErrorKind) ? (kind as LlmErrorKind) : 'http',
      );
    }
    const o = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    if (typeof o.content !== 'string') throw new LlmError('the language model returned no text', 'reply');
    return {
      content: o.content,
      logprobs: null,
      inputTokens: count(o.inputTokens),
      outputTokens: count(o.outputTokens),
    };
  };
}
