import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HostCommand } from '../commands/hostCommand';
import type { HostServices } from '../hostServices';
import { endpointSetting } from './chatProvider';
import { API_KEY_SECRET, storeKey } from './endpointKey';

/** Set / clear the API key of the OpenAI-compatible endpoint (kept in VS Code's SecretStorage, never in settings). */
export function llmCommands(services: HostServices): HostCommand[] {
  const secrets = services.context.secrets;
  return [
    {
      id: COMMANDS.setLlmApiKey,
      async execute() {
        const endpoint = endpointSetting();
        const prompt =
          'Stored in VS Code secret storage, bound to the host of costRiskLab.llm.endpoint: sending it anywhere else asks you first.';
        const key = await vscode.window.showInputBox({
          title: 'Cost-Risk Lab: API key for the language-model endpoint',
          prompt,
          password: true,
          ignoreFocusOut: true,
          validateInput: (v) => (v.trim() ? null : 'The key is empty'),
        });
        if (!key) return;
        const host = await storeKey(secrets, key.trim(), endpoint);
        void vscode.window.showInformationMessage(
          host
            ? `Cost-Risk Lab: API key saved for ${host}.`
            : 'Cost-Risk Lab: API key saved; the first call to an endpoint will ask before sending it.',
        );
      },
    },
    {
      id: COMMANDS.clearLlmApiKey,
      async execute() {
        await secrets.delete(API_KEY_SECRET);
        void vscode.window.showInformationMessage('Cost-Risk Lab: API key removed.');
      },
    },
  ];
}
