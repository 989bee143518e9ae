import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HostCommand } from '../commands/hostCommand';
import type { HostServices } from '../hostServices';
import { API_KEY_SECRET } from './chatProvider';

/** Set / clear the API key of the OpenAI-compatible endpoint (kept in VS Code's SecretStorage, never in settings). */
export function llmCommands(services: HostServices): HostCommand[] {
  const secrets = services.context.secrets;
  return [
    {
      id: COMMANDS.setLlmApiKey,
      async execute() {
        const key = await vscode.window.showInputBox({ title: 'Cost-Risk Lab: API key for the language-model endpoint', prompt: 'Stored in VS Code secret storage; used with the setting costRiskLab.llm.endpoint.', password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? null : 'The key is empty') });
        if (!key) return;
        await secrets.store(API_KEY_SECRET, key.trim());
        void vscode.window.showInformationMessage('Cost-Risk Lab: API key saved.');
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
