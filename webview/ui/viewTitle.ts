/**
 * A view's title and subtitle with the log's name and path kept readable in a narrow editor: the
 * name or path sits in a `.file-name` span that moves to the next line whole, so
 * "mmlu-llama.jsonl" never breaks at its hyphen (only a path longer than the line breaks).
 */
import { h, replaceChildren } from './dom';
import { baseName } from './fileNames';

/** Sets `title` to "`view`: <the file's name>". */
export function showViewTitle(title: HTMLElement, view: string, file: string, runs = 0): void {
  replaceChildren(
    title,
    `${view}: `,
    h('span', { className: 'file-name' }, baseName(file)),
    ...(runs > 0 ? [` + ${runs} run${runs > 1 ? 's' : ''}`] : []),
  );
}

/** A file path as an element of a sentence (e.g. a subtitle's last part). */
export function filePath(file: string): HTMLElement {
  return h('span', { className: 'file-name' }, file);
}
