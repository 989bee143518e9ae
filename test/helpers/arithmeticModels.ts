/**
 * Two fake models for Inter-Cascade tests over an OpenAI-compatible mock ({@link startMockChatServer}),
 * on questions "What is A plus|minus|times B?". The weak model ("small") adds on its own (right,
 * confidence 0.9) but subtracts or multiplies right only when a note from the repository names the
 * operation; otherwise it answers A + B with confidence 0.2. The strong model ("big") is always right
 * (0.95) and writes a strategy naming the operation. So each operation but "plus" costs one strong
 * call, after which the weak model keeps its answers. Usage: small 200 in / 10 out, big 500 in / 40 out.
 * Asked for log-probs, the answer's token has probability 0.7 when "small" knows, 0.1 when it does
 * not, and 0.99 for "big".
 */
import type { CascadeRunParams } from '../../src/worker/jobs/interCascadeRun';
import { answerLogprobs, lastQuestion, type MockChatRequest, type MockChatResponse } from './mockChatServer';

export const WEAK = 'small';
export const STRONG = 'big';
const OPS = ['plus', 'times', 'minus'] as const;
type Op = (typeof OPS)[number];
const apply = (op: Op, a: number, b: number): number => (op === 'plus' ? a + b : op === 'times' ? a * b : a - b);
const WORD: Record<Op, string> = { plus: 'add', times: 'multiply', minus: 'subtract' };

/** `n` queries cycling plus, times, minus, all with gold answers; as JSON Lines. */
export function arithmeticQueries(n: number, prefix = 'q'): string {
  return (
    Array.from({ length: n }, (_, i) => {
      const op = OPS[i % OPS.length];
      const a = 10 + i;
      const b = 2 + (i % 5);
      return JSON.stringify({
        query_id: `${prefix}-${i}`,
        question: `What is ${a} ${op} ${b}?`,
        answer: apply(op, a, b),
      });
    }).join('\n') + '\n'
  );
}

/** The mock's reply; `malformed(question)` true makes the weak model break the answer format there. */
export function arithmeticReply(
  req: MockChatRequest,
  malformed: (question: string) => boolean = () => false,
): MockChatResponse {
  const r = statedReply(req, malformed);
  if (!req.logprobs || !('content' in r) || !r.content.startsWith('{')) return r;
  return {
    ...r,
    logprobs: answerLogprobs(r.content, req.model === STRONG ? 0.99 : r.content.includes('0.9') ? 0.7 : 0.1),
  };
}

function statedReply(req: MockChatRequest, malformed: (question: string) => boolean): MockChatResponse {
  const { question, notes } = lastQuestion(req);
  const [a, b] = (question.match(/\d+/g) ?? ['0', '0']).map(Number);
  const op = OPS.find((o) => question.includes(` ${o} `)) ?? 'plus';
  const right = String(apply(op, a, b));
  if (req.model === STRONG)
    return {
      content: JSON.stringify({
        answer: right,
        confidence: 0.95,
        strategy: `To ${WORD[op]}, work it out step by step.`,
      }),
      usage: { prompt_tokens: 500, completion_tokens: 40 },
    };
  if (malformed(question))
    return { content: 'I think the answer is probably fine.', usage: { prompt_tokens: 200, completion_tokens: 10 } };
  const knows = op === 'plus' || notes.some((n) => n.includes(WORD[op]));
  return {
    content: JSON.stringify(knows ? { answer: right, confidence: 0.9 } : { answer: String(a + b), confidence: 0.2 }),
    usage: { prompt_tokens: 200, completion_tokens: 10 },
  };
}

/** A toy sentence embedding for these questions: one axis per operation, so questions match by meaning. */
export function operationEmbedding(text: string): number[] {
  const axes = [/plus|add|sum/, /times|multiply|product/, /minus|subtract|difference/];
  const v = axes.map((re) => (re.test(text.toLowerCase()) ? 1 : 0));
  return v.some((x) => x) ? [...v, 0] : [0, 0, 0, 1];
}

/** The Cascade Runner form of the arithmetic tests: WEAK then STRONG, k = 2, stated confidence, manual thresholds, exact match. */
export function arithmeticRunForm(
  queriesFile: string,
  over: Partial<CascadeRunParams['form']> = {},
): CascadeRunParams['form'] {
  return {
    provider: 'openai',
    queriesFile,
    weakModel: WEAK,
    strongModel: STRONG,
    k: 2,
    confidence: 'stated',
    thresholds: { mode: 'manual', weak: 0.5, strong: 0 },
    repositoryFile: null,
    embeddingModel: null,
    budgetUsd: null,
    match: { mode: 'exact' },
    compare: [],
    ...over,
  };
}
