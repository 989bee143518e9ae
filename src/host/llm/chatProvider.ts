/**
 * The language-model provider for natural-language features: VS Code's Language Model API
 * (`vscode.lm.selectChatModels`, e.g. Copilot) when a chat model is available, else an
 * OpenAI-compatible endpoint from the settings with its API key kept in SecretStorage. Setting
 * `costRiskLab.llm.provider` forces one ("vscode", "openai") or turns both off ("off").
 * Everything that uses it also works without it (the offline parser).
 */
import * as vscode from 'vscode';
import { chatComplete, type ChatMessage } from '../../engines/llm/chatCompletion';
import { SETTINGS_SECTION } from '../settings';

export const API_KEY_SECRET = 'costRiskLab.llm.apiKey';

export interface ChatProvider {
  /** e.g. "copilot/gpt-4o" or "https://api.openai.com/v1 · gpt-4o-mini". */
  label: string;
  complete(messages: ChatMessage[], signal?: AbortSignal): Promise<string>;
}

interface LlmSettings {
  provider: 'auto' | 'vscode' | 'openai' | 'off';
  endpoint: string;
  model: string;
  timeoutS: number;
}

export function readLlmSettings(): LlmSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const provider = c.get<string>('llm.provider', 'auto');
  return {
    provider: provider === 'vscode' || provider === 'openai' || provider === 'off' ? provider : 'auto',
    endpoint: c.get<string>('llm.endpoint', '').trim(),
    model: c.get<string>('llm.model', 'gpt-4o-mini').trim(),
    timeoutS: Math.max(1, c.get<number>('llm.timeoutSeconds', 30)),
  };
}

async function vscodeProvider(): Promise<ChatProvider | null> {
  if (!('lm' in vscode) || typeof vscode.lm?.selectChatModels !== 'function') return null;
  const [model] = await vscode.lm.selectChatModels({});
  if (!model) return null;
  return {
    label: `${model.vendor}/${model.family}`,
    async complete(messages, signal) {
      const cts = new vscode.CancellationTokenSource();
      signal?.addEventListener('abort', () => cts.cancel(), { once: true });
      try {
        // The LM API has no system role: the instructions go first as a user turn.
        const msgs = messages.map((m) => (m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content)));
        const res = await model.sendRequest(msgs, { justification: 'Cost-Risk Lab turns your description of a cluster benchmark into an archetype.' }, cts.token);
        let text = '';
        for await (const part of res.text) text += part;
        return text;
      } catch (e) {
        throw new Error(e instanceof vscode.LanguageModelError ? `${model.vendor}/${model.family}: ${e.message} (${e.code})` : (e as Error).message);
      } finally {
        cts.dispose();
      }
    },
  };
}

async function endpointProvider(secrets: vscode.SecretStorage, s: LlmSettings): Promise<ChatProvider | null> {
  if (!s.endpoint || !s.model) return null;
  const apiKey = await secrets.get(API_KEY_SECRET);
  return {
    label: `${s.endpoint} · ${s.model}`,
    complete: (messages, signal) => chatComplete({ endpoint: s.endpoint, model: s.model, apiKey, messages, signal, timeoutMs: s.timeoutS * 1000 }),
  };
}

/** The provider to use now, or null when none is configured (callers fall back to offline parsing). */
export async function resolveChatProvider(secrets: vscode.SecretStorage): Promise<ChatProvider | null> {
  const s = readLlmSettings();
  if (s.provider === 'off') return null;
  if (s.provider === 'openai') return endpointProvider(secrets, s);
  const viaVscode = await vscodeProvider().catch(() => null);
  if (viaVscode || s.provider === 'vscode') return viaVscode;
  return endpointProvider(secrets, s);
}
