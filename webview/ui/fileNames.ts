/** File names in the webview: the log's name for titles, and the stem of exported files. */

/** The file name without its folder (either separator: the host may run on Windows). */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/**
 * The name of an exported file, without extension: the log's name without its extension, then
 * `parts`, joined by '-'. `exportStem('/w/mmlu.jsonl', 'test', 'models')` is `mmlu-test-models`.
 */
export function exportStem(file: string, ...parts: string[]): string {
  return [baseName(file).replace(/\.[^.]+$/, ''), ...parts].join('-');
}
