/**
 * The language-model provider for natural-language features: VS Code's Language Model API
 * (`vscode.lm.selectChatModels`, e.g. Copilot) when a chat model is available, else an
 * OpenAI-compatible endpoint from the settings with its API key kept in SecretStorage. Setting
 * `costRiskLab.llm.provider` forces one ("vscode", "openai") or turns both off ("off").
 * Everything that uses it also works without it (the offline parser). No model is called in
 * Restricted Mode, and the endpoint gets the key only as `endpointKey.ts` allows.
 */
import * as vscode from 'vscode';
import { chatComplete, type ChatMessage } from '../../engines/llm/chatCompletion';
import { redactSecrets } from '../../shared/text/redactSecrets';
import { SETTINGS_SECTION } from '../settings';
import { isWorkspaceTrusted } from '../trust';
import { API_KEY_SECRET, keyForEndpoint, type ConfirmSend, type EndpointSetting } from './endpointKey';

export { API_KEY_SECRET };

export interface ChatProvider {
  /** e.g. "copilot/gpt-4o" or "https://api.openai.com/v1 · gpt-4o-mini". */
  label: string;
  complete(messages: ChatMessage[], signal?: AbortSignal): Promise<string>;
}

interface LlmSettings {
  provider: 'auto' | 'vscode' | 'openai' | 'off';
  endpoint: string;
  /** The endpoint comes from the workspace's settings (only when an older VS Code or settings sync lets it through). */
  endpointFromWorkspace: boolean;
  model: string;
  timeoutS: number;
}

export function readLlmSettings(): LlmSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const provider = c.get<string>('llm.provider', 'auto');
  const endpoint = String(c.get<string>('llm.endpoint', '') ?? '').trim();
  return {
    provider: provider === 'vscode' || provider === 'openai' || provider === 'off' ? provider : 'auto',
    endpoint,
    endpointFromWorkspace: fromWorkspace(c, 'llm.endpoint', endpoint),
    model: c.get<string>('llm.model', 'gpt-4o-mini').trim(),
    timeoutS: Math.max(1, c.get<number>('llm.timeoutSeconds', 30)),
  };
}

/**
 * Whether the value in effect comes from the workspace: `costRiskLab.llm.endpoint` is an
 * application setting, which VS Code reads from user settings only, but an older VS Code or
 * settings sync may still apply a workspace value.
 */
function fromWorkspace(c: vscode.WorkspaceConfiguration, key: string, value: string): boolean {
  if (value === '' || typeof c.inspect !== 'function') return false;
  const i = c.inspect<string>(key);
  const same = (v: unknown) => typeof v === 'string' && v.trim() === value;
  return (
    !same(i?.globalValue) &&
    [i?.workspaceValue, i?.workspaceFolderValue, i?.workspaceLanguageValue, i?.workspaceFolderLanguageValue].some(same)
  );
}

/** The endpoint setting as the key check needs it. */
export function endpointSetting(s: LlmSettings = readLlmSettings()): EndpointSetting {
  return { url: s.endpoint, fromWorkspace: s.endpointFromWorkspace };
}

/** The modal dialog that asks before the key goes to a host the user has not confirmed. */
export const confirmSendKey: ConfirmSend = async (message, detail, button) =>
  (await vscode.window.showWarningMessage(message, { modal: true, detail }, button)) === button;

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
        const msgs = messages.map((m) =>
          m.role === 'assistant'
            ? vscode.LanguageModelChatMessage.Assistant(m.content)
            : vscode.LanguageModelChatMessage.User(m.content),
        );
        const res = await model.sendRequest(
          msgs,
          { justification: 'Cost-Risk Lab turns your description of a cluster benchmark into an archetype.' },
          cts.token,
        );
        let text = '';
        for await (const part of res.text) text += part;
        return text;
      } catch (e) {
        throw new Error(
          e instanceof vscode.LanguageModelError
            ? `${model.vendor}/${model.family}: ${e.message} (${e.code})`
            : (e as Error).message,
        );
      } finally {
        cts.dispose();
      }
    },
  };
}

/** The endpoint provider, or why it cannot be used (Restricted Mode, the key's host not confirmed). */
async function endpointProvider(secrets: vscode.SecretStorage, s: LlmSettings): Promise<ResolvedProvider> {
  if (!s.endpoint || !s.model) return { provider: null, problem: null };
  const key = await keyForEndpoint(secrets, endpointSetting(s), confirmSendKey);
  if (!key.ok) return { provider: null, problem: key.reason };
  const apiKey = key.apiKey ?? undefined;
  return {
    provider: {
      label: `${redactSecrets(s.endpoint)} · ${s.model}`,
      complete: (messages, signal) =>
        chatComplete({
          endpoint: s.endpoint,
          model: s.model,
          apiKey,
          messages,
          signal,
          timeoutMs: s.timeoutS * 1000,
          fetchImpl: fetch,
        }),
    },
    problem: null,
  };
}

/** A provider, or null with the reason when one is configured but may not be used now. */
export interface ResolvedProvider {
  provider: ChatProvider | null;
  problem: string | null;
}

/** The provider to use now, or null when none is configured or allowed (callers fall back to offline parsing). */
export async function resolveChatProvider(secrets: vscode.SecretStorage): Promise<ResolvedProvider> {
  const s = readLlmSettings();
  if (s.provider === 'off') return { provider: null, problem: null };
  if (!isWorkspaceTrusted())
    return {
      provider: null,
      problem: 'no language model is called in Restricted Mode (trust the workspace to use one)',
    };
  if (s.provider === 'openai') return endpointProvider(secrets, s);
  const viaVscode = await vscodeProvider().catch(() => null);
  if (viaVscode || s.provider === 'vscode') return { provider: viaVscode, problem: null };
  return endpointProvider(secrets, s);
}
