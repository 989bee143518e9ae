import * as vscode from 'vscode';

/**
 * An empty Markdown tooltip that runs nothing: not trusted (no `command:` links), no HTML; theme
 * icons (`$(warning)`) only when asked. Put text from logs in it through `escapeMarkdown`.
 */
export function untrustedMarkdown(themeIcons: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', themeIcons);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
