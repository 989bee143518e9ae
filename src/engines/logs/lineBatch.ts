/**
 * A run of consecutive lines: `lines[i]` is line `firstLine + i` without its line end. A line that
 * could not be read (not valid UTF-8, or over the length limit) has text '' and its reason in
 * `invalid` (keyed by the index i). The file readers (src/node/logs/lineStream.ts) make these, and
 * the native reader's parser thread parses them (parsedLines.ts).
 */
export interface LineBatch {
  firstLine: number;
  lines: string[];
  invalid: Map<number, string> | null;
}
