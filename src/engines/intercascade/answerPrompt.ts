/**
 * Our prompts for the Inter-Cascade models (written for this project; the paper's templates are not
 * reused). Both roles get the same answer format, a JSON object with the answer and a self-reported
 * probability of being right; the teacher (a stronger model that writes to the repository) also
 * writes a short method that should carry over to similar questions. Retrieved strategies are shown
 * as numbered notes before the question, and worked examples are given as chat turns.
 */
import type { ChatMessage } from '../llm/chatCompletion';
import type { RetrievedStrategy } from './strategyRepository';

export type PromptRole = 'student' | 'teacher';

const FORMAT = `Reply with exactly one JSON object and nothing else (no prose, no code fences):
{"answer": <your final answer only, as short as possible: a number, a letter, a word or a short phrase>,
 "confidence": <the probability, between 0 and 1, that your answer is exactly right>`;

const TEACHER_FIELD = `,
 "strategy": <two to four sentences describing a general way to solve questions of this kind: name the
   kind of question, the steps, and the usual trap; no numbers or names specific to this question>`;

const SYSTEM_INTRO = `You answer one question at a time. A question may come with notes written for similar questions
that were solved earlier: each note gives that question, its answer and a general method. Use a note only
when its method really applies; the details of the new question usually differ, so never copy an answer
from a note. State a low confidence when you are guessing and a high one only when you have checked.`;

interface Example {
  notes: { question: string; answer: string; method: string }[];
  question: string;
  answer: string;
  confidence: number;
  strategy: string;
}

const EXAMPLES: Example[] = [
  {
    notes: [],
    question: 'A bakery packs muffins in boxes of 6. It baked 100 muffins. How many full boxes can it fill?',
    answer: '16',
    confidence: 0.95,
    strategy:
      'Sharing items into equal groups asks for a division; when only complete groups count, round the quotient down and ignore the remainder. Check that the remainder is smaller than the group size.',
  },
  {
    notes: [
      {
        question: 'A train covers 150 km in 2.5 hours. What is its average speed in km/h?',
        answer: '60',
        method:
          'Average speed is total distance divided by total time; convert minutes to hours first, and never average the speeds of separate legs.',
      },
    ],
    question: 'A cyclist rides 36 km in 90 minutes. What is her average speed in km/h?',
    answer: '24',
    confidence: 0.9,
    strategy:
      'Average speed is total distance over total time in matching units; turn minutes into hours (divide by 60) before dividing.',
  },
  {
    notes: [],
    question: 'Which element has the chemical symbol W? A) Tungsten B) Wolfram-iron C) Vanadium D) Xenon',
    answer: 'A',
    confidence: 0.85,
    strategy:
      'Some chemical symbols come from an older or Latin name (W from wolfram, Fe from ferrum, Na from natrium); when a symbol does not match the English name, recall the historical name.',
  },
];

/** The user turn: numbered notes from the retrieved strategies, then the question. */
export function formatQuestionTurn(
  question: string,
  notes: readonly { question: string; answer: string; method: string }[],
): string {
  if (notes.length === 0) return `Question: ${question.trim()}`;
  const lines = notes.map(
    (n, i) =>
      `Note ${i + 1}\n  Earlier question: ${n.question.trim()}\n  Its answer: ${n.answer.trim()}\n  Method: ${n.method.trim()}`,
  );
  return `Notes from similar solved questions:\n${lines.join('\n')}\n\nQuestion: ${question.trim()}`;
}

/** System message, worked examples as user/assistant turns, then the question with its retrieved strategies. */
export function answerPromptMessages(
  role: PromptRole,
  question: string,
  strategies: readonly RetrievedStrategy[],
): ChatMessage[] {
  const system = `${SYSTEM_INTRO}\n\n${FORMAT}${role === 'teacher' ? TEACHER_FIELD : ''}\n}`;
  const msgs: ChatMessage[] = [{ role: 'system', content: system }];
  for (const ex of EXAMPLES) {
    msgs.push({ role: 'user', content: formatQuestionTurn(ex.question, ex.notes) });
    const reply: Record<string, unknown> = { answer: ex.answer, confidence: ex.confidence };
    if (role === 'teacher') reply.strategy = ex.strategy;
    msgs.push({ role: 'assistant', content: JSON.stringify(reply) });
  }
  const notes = strategies.map((s) => ({ question: s.entry.query, answer: s.entry.answer, method: s.entry.strategy }));
  msgs.push({ role: 'user', content: formatQuestionTurn(question, notes) });
  return msgs;
}
