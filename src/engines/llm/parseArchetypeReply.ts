/**
 * Strict reading of a language model's reply as an archetype: exactly one JSON object (code fences
 * tolerated), every field checked by the archetype validator, unknown fields rejected. The error
 * message quotes the problem so the user can see why the reply was refused.
 */
import type { Archetype } from '../clusters/archetype';
import { parseArchetype } from '../clusters/validateArchetype';
import { toIdentifier } from '../clusters/identifier';

export type ArchetypeReply = { ok: true; archetype: Archetype; warnings: string[] } | { ok: false; error: string };

export function parseArchetypeReply(reply: string, description: string): ArchetypeReply {
  let s = reply.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(s);
  if (fenced) s = fenced[1].trim();
  if (!s.startsWith('{') || !s.endsWith('}'))
    return {
      ok: false,
      error: `the model's reply is not a single JSON object: ${JSON.stringify(reply.slice(0, 120))}`,
    };
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch (e) {
    return { ok: false, error: `the model's reply is not valid JSON (${(e as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: "the model's reply is not a JSON object" };
  const warnings: string[] = [];
  const obj = { ...(value as Record<string, unknown>) };
  if (obj.name === undefined) {
    obj.name = toIdentifier(description);
    warnings.push('the model gave no name; derived one from the description');
  }
  const r = parseArchetype(obj);
  if (!r.ok) return { ok: false, error: `the model's archetype is invalid: ${r.errors.join('; ')}` };
  return { ok: true, archetype: r.archetype, warnings: [...warnings, ...r.warnings] };
}
