/**
 * The methods the host offers worker jobs through `ctx.callHost` (plain data both ways). The
 * Inter-Cascade job sends its chat requests to VS Code's Language Model API this way: the run stays
 * in the worker, the host only relays each request to the chosen chat model.
 */
import type { ChatMessage } from '../engines/llm/chatCompletion';

/** One request to a chat model VS Code offers (`vscode.lm`), by the model's id. */
export const LM_CHAT = 'lm.chat';

export interface LmChatParams {
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
}

/** The reply's text and its token counts as the model's own tokenizer counts them (null when it could not). */
export interface LmChatResult {
  content: string;
  inputTokens: number | null;
  outputTokens: number | null;
}
