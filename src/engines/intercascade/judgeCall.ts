/**
 * One call to the judge model (matching by an LLM judge): our prompt (judgePrompt.ts) through the
 * run's chat function, its verdict, and what it cost. A failed or unreadable reply gives no verdict
 * (the answer then counts as not correct) and is recorded like a failed model call.
 */
import type { ChatFunction } from '../llm/chatFunction';
import { LlmError } from '../llm/llmError';
import { priceTokens } from '../logs/priceResolver';
import type { ModelPrice } from '../logs/types';
import { failureKind, type StageCall } from './callModel';
import { judgePromptMessages, parseJudgeReply } from './judgePrompt';

export interface JudgeInput {
  question: string;
  gold: string;
  answer: string;
}

/**
 * Asks the judge whether `answer` matches `gold`. Never throws for a failed call (it is returned
 * with its error), only when the signal fires.
 */
export async function judgeAnswer(
  chat: ChatFunction,
  model: string,
  price: ModelPrice | null,
  j: JudgeInput,
  signal?: AbortSignal,
): Promise<{ call: StageCall; verdict: boolean | null }> {
  const started = performance.now();
  const cost = (i: number | null | undefined, o: number | null | undefined) =>
    price && typeof i === 'number' && typeof o === 'number'
      ? priceTokens(price, { inputTokens: i, outputTokens: o, cacheReadTokens: null, cacheWriteTokens: null })
      : null;
  const base: StageCall = {
    model,
    answer: null,
    confidence: 0,
    accepted: false,
    correct: null,
    costUsd: null,
    latencyS: null,
    inputTokens: null,
    outputTokens: null,
    strategy: null,
    error: null,
    errorKind: null,
  };
  try {
    const reply = await chat(
      { model, messages: judgePromptMessages(j.question, j.gold, j.answer), logprobs: false, maxTokens: 16 },
      signal,
    );
    const verdict = parseJudgeReply(reply.content);
    const call: StageCall = {
      ...base,
      answer: reply.content.trim().slice(0, 40),
      inputTokens: reply.inputTokens ?? null,
      outputTokens: reply.outputTokens ?? null,
      costUsd: cost(reply.inputTokens, reply.outputTokens),
      latencyS: (performance.now() - started) / 1000,
    };
    if (verdict === null)
      return {
        call: {
          ...call,
          error: `${model}: the judge replied ${JSON.stringify(reply.content.trim().slice(0, 60))} instead of yes or no`,
          errorKind: 'malformed',
        },
        verdict: null,
      };
    return { call, verdict };
  } catch (e) {
    if (signal?.aborted) throw signal.reason ?? e;
    const spent = e instanceof LlmError ? e.spent : undefined;
    const message = (e as Error).message;
    return {
      call: {
        ...base,
        inputTokens: spent?.inputTokens ?? null,
        outputTokens: spent?.outputTokens ?? null,
        costUsd: cost(spent?.inputTokens, spent?.outputTokens),
        error: message.startsWith(`${model}:`) ? message : `${model}: ${message}`,
        errorKind: failureKind(e),
      },
      verdict: null,
    };
  }
}
