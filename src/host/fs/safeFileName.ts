/**
 * A file name safe on every OS from a webview's suggestion: no folders, no reserved characters,
 * no leading dots, at most 120 characters, and the expected extension.
 */
export function safeFileName(suggested: string, ext: string): string {
  const base = suggested.split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(/[<>:"|?*\u0000-\u001f]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (name.toLowerCase().endsWith(`.${ext}`)) name = name.slice(0, -(ext.length + 1));
  name = name.slice(0, 120) || 'export';
  return `${name}.${ext}`;
}
