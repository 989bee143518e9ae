/**
 * VS Code's Language Model API (`vscode.lm`) as the chat models of a Cascade Runner run: the list
 * of chat models the editor offers, and the host side of the worker's `lm.chat` (hostMethods.ts):
 * one request to the chosen model, its streamed text gathered, and its tokens counted by the
 * model's own tokenizer. All of it is awaiting the editor; the host thread does only a little string
 * work per request (bounded by MAX_REPLY_CHARS), so the run's heavy parts stay in the worker.
 */
import * as vscode from 'vscode';
import type { ChatModelChoice } from '../../protocol/cascadeRunner';
import { LM_CHAT, type LmChatParams, type LmChatResult } from '../../worker/hostMethods';

/** Replies longer than this are cut off and fail (an answer in JSON is a few hundred characters). */
export const MAX_REPLY_CHARS = 100_000;

const JUSTIFICATION =
  'Cost-Risk Lab runs your Inter-Cascade: the weak and strong models you chose answer the questions of your queries file.';

const hasLm = (): boolean => 'lm' in vscode && typeof vscode.lm?.selectChatModels === 'function';

/** The chat models VS Code offers now (none without the Language Model API). */
export async function listChatModels(): Promise<ChatModelChoice[]> {
  if (!hasLm()) return [];
  const models = await vscode.lm.selectChatModels({});
  return models.map((m) => ({
    id: m.id,
    name: m.name,
    vendor: m.vendor,
    family: m.family,
    maxInputTokens: m.maxInputTokens,
  }));
}

/** An error for the worker: the message, and the kind the engine reads (never retried: these do not heal by waiting). */
function lmError(e: unknown): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = e instanceof vscode.LanguageModelError ? ` (${e.code})` : '';
  return Object.assign(new Error(`${err.message}${code}`), { name: err.name, kind: 'http' });
}

const countOrNull = async (
  m: vscode.LanguageModelChat,
  text: string | vscode.LanguageModelChatMessage,
  token: vscode.CancellationToken,
): Promise<number | null> => {
  try {
    const n = await m.countTokens(text, token);
    return Number.isInteger(n) && n >= 0 ? n : null;
  } catch {
    return null;
  }
};

/** One `lm.chat` request. The LM API has no system role: the instructions go first as a user turn. */
async function chat(
  p: LmChatParams,
  models: () => Promise<vscode.LanguageModelChat[]>,
  signal: AbortSignal,
): Promise<LmChatResult> {
  const model = (await models()).find((m) => m.id === p.model);
  if (!model)
    throw Object.assign(new Error(`VS Code offers no chat model "${p.model}" (any more): choose the models again`), {
      kind: 'http',
    });
  const cts = new vscode.CancellationTokenSource();
  const stop = () => cts.cancel();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const msgs = p.messages.map((m) =>
      m.role === 'assistant'
        ? vscode.LanguageModelChatMessage.Assistant(m.content)
        : vscode.LanguageModelChatMessage.User(m.content),
    );
    const res = await model.sendRequest(msgs, { justification: JUSTIFICATION }, cts.token);
    let content = '';
    for await (const part of res.text) {
      content += part;
      if (content.length > MAX_REPLY_CHARS) {
        cts.cancel();
        throw Object.assign(new Error(`the reply is longer than ${MAX_REPLY_CHARS} characters`), { kind: 'reply' });
      }
    }
    const counts = await Promise.all(msgs.map((m) => countOrNull(model, m, cts.token)));
    const inputTokens = counts.every((c) => c !== null) ? counts.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
    return { content, inputTokens, outputTokens: await countOrNull(model, content, cts.token) };
  } catch (e) {
    if (signal.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError', kind: 'aborted' });
    if ((e as { kind?: unknown }).kind) throw e;
    throw lmError(e);
  } finally {
    signal.removeEventListener('abort', stop);
    cts.dispose();
  }
}

/**
 * The host methods of a run on VS Code's language models (give them as `onHostCall` of the job):
 * `lm.chat` only. The models are listed once per run.
 */
export function languageModelHostCalls(): (method: string, params: unknown, signal: AbortSignal) => Promise<unknown> {
  let listed: Promise<vscode.LanguageModelChat[]> | null = null;
  const models = () => (listed ??= hasLm() ? Promise.resolve(vscode.lm.selectChatModels({})) : Promise.resolve([]));
  return async (method, params, signal) => {
    if (method !== LM_CHAT) throw new Error(`the host offers no method "${method}"`);
    const p = params as Partial<LmChatParams> | null;
    if (
      typeof p?.model !== 'string' ||
      !Array.isArray(p.messages) ||
      !p.messages.every(
        (m) => typeof m?.content === 'string' && (m.role === 'system' || m.role === 'user' || m.role === 'assistant'),
      )
    )
      throw new Error('lm.chat: malformed request');
    return chat(p as LmChatParams, models, signal);
  };
}
