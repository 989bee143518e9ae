/**
 * Our prompt for the optional LLM judge (a third model that says whether an answer matches the
 * gold answer), and the reading of its one-word verdict. The judge sees the question, the reference
 * and the candidate, never the cascade's confidence or which model answered.
 */
import type { ChatMessage } from '../llm/chatCompletion';

const SYSTEM = `You check answers against a reference. Given a question, its reference answer and a candidate
answer, decide whether the candidate states the same final answer as the reference: equal numbers in any
format, the same option, or the same meaning in other words count as the same; a different value, an extra
or missing part, or a refusal does not. Ignore explanations around the final answer.
Reply with exactly one word: yes or no.`;

/** The judge's conversation for one candidate answer. */
export function judgePromptMessages(question: string, gold: string, answer: string): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content: `Question: ${question.trim()}\nReference answer: ${gold.trim()}\nCandidate answer: ${answer.trim()}\nSame final answer? (yes or no)`,
    },
  ];
}

/** The verdict of a judge's reply: its first word "yes" or "no" (any case, punctuation around ignored); null otherwise. */
export function parseJudgeReply(text: string): boolean | null {
  const first = /^[\s"'*`([]*([A-Za-z]+)/.exec(text)?.[1]?.toLowerCase();
  return first === 'yes' ? true : first === 'no' ? false : null;
}

/** Reply tokens allowed for a judge call in the estimate (one word, and a little slack). */
export const JUDGE_OUTPUT_TOKENS = 5;
