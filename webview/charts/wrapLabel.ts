/**
 * Category labels that fit a narrow chart: a long system name is broken into lines after its
 * natural break points (" → " between a cascade's models, ", " between a router's, " + " before
 * "abstain"), each line at most `maxChars` long where the parts allow; a part longer than that keeps its
 * own line rather than being cut mid-name. Pure.
 */
export function wrapLabel(label: string, maxChars = 18): string[] {
  const parts = label.match(/.+?(?: → |, | \+ |$)/g) ?? [label];
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line !== '' && (line + part).trimEnd().length > maxChars) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += part;
  }
  if (line.trimEnd() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Below this chart width (px) the category labels of a horizontal bar chart are wrapped. */
export const WRAP_BELOW_PX = 700;
