/**
 * Workspace Trust (package.json `capabilities.untrustedWorkspaces`: "limited"). Read-only analyses
 * run in Restricted Mode; calling a language-model endpoint, the Cascade Runner and writing files
 * need a trusted workspace, and say so when refused.
 */
import * as vscode from 'vscode';

const MANAGE = 'Manage Workspace Trust';

/** What needs trust, as the refusal names it. */
export const NEEDS_TRUST = {
  runner: 'The Cascade Runner (it calls your language-model endpoint and writes files)',
  saving: 'Saving files',
} as const;

/** True only when VS Code says the workspace is trusted. */
export function isWorkspaceTrusted(): boolean {
  return vscode.workspace.isTrusted === true;
}

/** The sentence shown when `what` is refused in Restricted Mode, e.g. untrustedMessage('Saving files'). */
export function untrustedMessage(what: string): string {
  return `${what} needs a trusted workspace: this workspace is in Restricted Mode. Trust it (${MANAGE}) to go on.`;
}

/** Throws the refusal when the workspace is not trusted (for panel requests: the view shows the message). */
export function requireTrust(what: string): void {
  if (!isWorkspaceTrusted()) throw new Error(untrustedMessage(what));
}

/** For commands: false when trusted; else shows the refusal with a button to manage trust, and returns true. */
export function refusedUntrusted(what: string): boolean {
  if (isWorkspaceTrusted()) return false;
  void vscode.window.showWarningMessage(`Cost-Risk Lab: ${untrustedMessage(what)}`, MANAGE).then((c) => {
    if (c === MANAGE) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return true;
}
