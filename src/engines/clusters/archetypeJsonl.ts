/**
 * Archetypes as JSONL, one archetype per line, for sharing benchmark suites (thesis §5.5, after
 * ELKI's shareable XML). Reading keeps every valid line and reports each bad one with its line number.
 */
import { ARCHETYPE_FIELDS, type Archetype } from './archetype';
import { parseArchetype } from './validateArchetype';

/** One line per archetype, fields in Table 5.1 order, ending with a newline. */
export function formatArchetypesJsonl(archetypes: readonly Archetype[]): string {
  return (
    archetypes.map((a) => JSON.stringify(Object.fromEntries(ARCHETYPE_FIELDS.map((f) => [f, a[f]])))).join('\n') +
    (archetypes.length ? '\n' : '')
  );
}

export interface ArchetypeLine {
  line: number;
  archetype: Archetype;
  warnings: string[];
}

export interface ParsedArchetypesJsonl {
  archetypes: ArchetypeLine[];
  /** Lines that could not be used, with the reason. */
  problems: { line: number; message: string }[];
}

export function parseArchetypesJsonl(text: string): ParsedArchetypesJsonl {
  const archetypes: ArchetypeLine[] = [];
  const problems: { line: number; message: string }[] = [];
  const names = new Set<string>();
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = idx + 1;
    const s = raw.trim();
    if (!s) return;
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (e) {
      problems.push({ line, message: `not valid JSON (${(e as Error).message})` });
      return;
    }
    const r = parseArchetype(value);
    if (!r.ok) {
      problems.push({ line, message: r.errors.join('; ') });
      return;
    }
    const warnings = [...r.warnings];
    if (names.has(r.archetype.name)) warnings.push(`name "${r.archetype.name}" repeats an earlier line`);
    names.add(r.archetype.name);
    archetypes.push({ line, archetype: r.archetype, warnings });
  });
  return { archetypes, problems };
}
