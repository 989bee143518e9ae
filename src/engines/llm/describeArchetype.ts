/**
 * Description → archetype through a language model when one is available, else (or on request) the
 * offline parser. An LLM failure or an invalid reply is reported, not hidden: the result says which
 * path produced the archetype and carries the LLM's error next to the offline reading.
 */
import type { Archetype } from '../clusters/archetype';
import { parseDescription } from '../clusters/parseDescription';
import { archetypePromptMessages } from './archetypePrompt';
import type { ChatMessage } from './chatCompletion';
import { parseArchetypeReply } from './parseArchetypeReply';

export interface DescribeResult {
  archetype: Archetype;
  source: 'llm' | 'offline';
  /** What the offline parser recognised (empty for LLM results). */
  understood: string[];
  warnings: string[];
  /** Why the LLM path was not used, when it was tried and failed. */
  llmError: string | null;
}

/** `complete` sends chat messages to a model and returns its reply text (host or CLI supplies it). */
export async function describeArchetype(
  description: string,
  complete?: (messages: ChatMessage[], signal?: AbortSignal) => Promise<string>,
  signal?: AbortSignal,
): Promise<DescribeResult> {
  if (!description.trim()) throw new Error('the description is empty');
  let llmError: string | null = null;
  if (complete) {
    try {
      const reply = await complete(archetypePromptMessages(description), signal);
      const r = parseArchetypeReply(reply, description);
      if (r.ok) return { archetype: r.archetype, source: 'llm', understood: [], warnings: r.warnings, llmError: null };
      llmError = r.error;
    } catch (e) {
      if (signal?.aborted) throw e;
      llmError = (e as Error).message;
    }
  }
  const off = parseDescription(description);
  const warnings = [...off.warnings];
  if (llmError) warnings.unshift(`language model not used: ${llmError}; read offline instead`);
  return { archetype: off.archetype, source: 'offline', understood: off.understood, warnings, llmError };
}
