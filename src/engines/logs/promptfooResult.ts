import { sha256Base64 } from '../../shared/text/sha256';
import type { PromptfooItem } from './promptfooItems';
import { promptfooTexts } from './promptfooTexts';
import { promptfooUsage } from './promptfooUsage';
import { promptfooVerdict } from './promptfooVerdict';
import { asObject, asString } from './readJsonDocument';

/** promptfoo's `ResultFailureReason.ERROR`: the provider call failed (2; 1 is a failed assertion). */
const FAILURE_ERROR = 2;

/**
 * One promptfoo result (`results.results[i]` of results.json, or one line of results.jsonl: one
 * test case x prompt x provider, one repeat) mapped to native fields, plus what the reader needs to
 * name the model, identify the query and number repeats (see PromptfooItems). Correctness comes
 * from promptfooVerdict; results whose provider call failed are errors (not wrong answers).
 */
export function promptfooResultToItem(
  r: Record<string, unknown>,
  selection: string | undefined,
): Omit<PromptfooItem, 'line' | 'where'> | { error: string; providerError?: boolean } {
  const response = asObject(r.response);
  const error = asString(r.error) ?? asString(response?.error);
  if (
    r.failureReason === FAILURE_ERROR ||
    (error && (!response || response.output === undefined || response.output === null))
  ) {
    return {
      error: `the provider call failed (${(error ?? 'no message').split('\n')[0].slice(0, 120)}): not an answer, so not counted as a wrong one`,
      providerError: true,
    };
  }
  const provider = asObject(r.provider);
  const providerName =
    asString(provider?.label) || asString(provider?.id) || (typeof r.provider === 'string' ? r.provider : '');
  if (!providerName) return { error: 'no "provider.id" or "provider.label"' };
  const verdict = promptfooVerdict(r, selection);
  if ('error' in verdict) return verdict;
  const prompt = asObject(r.prompt);
  const promptLabel = asString(prompt?.label) || '';
  const promptId = asString(r.promptId) || '';
  const testCase = asObject(r.testCase);
  const vars = asObject(testCase?.vars) ?? asObject(r.vars);
  const raw: Record<string, unknown> = { correct: verdict.pass };
  const notes = promptfooUsage(r, response, raw);
  Object.assign(raw, confidenceOf(response?.logProbs));
  const question = questionOf(vars, asString(testCase?.description));
  if (question) raw.question = question;
  Object.assign(raw, promptfooTexts(vars, testCase, response));
  const testIdx = typeof r.testIdx === 'number' && Number.isInteger(r.testIdx) && r.testIdx >= 0 ? r.testIdx : null;
  const repeatIndex =
    typeof r.repeatIndex === 'number' && Number.isInteger(r.repeatIndex) && r.repeatIndex >= 0 ? r.repeatIndex : null;
  return {
    raw,
    provider: providerName,
    promptKey: promptId || promptLabel,
    promptName: promptLabel || (promptId ? `prompt ${promptId.slice(0, 8)}` : ''),
    column: `${typeof r.promptIdx === 'number' ? r.promptIdx : ''}\u0000${providerName}\u0000${promptId || promptLabel}`,
    testKey: testKeyOf(testCase, vars),
    testIdx,
    repeatIndex,
    verdict,
    notes,
  };
}

/**
 * What makes two results answers to the same test case: its description, variables and assertions
 * (repeats share all three; `testIdx` does not identify a test case, since promptfoo numbers each
 * repeat and each expanded variable combination anew).
 */
function testKeyOf(testCase: Record<string, unknown> | undefined, vars: Record<string, unknown> | undefined): string {
  return compactKey(
    JSON.stringify([
      testCase?.description ?? null,
      vars ?? null,
      testCase?.assert ?? null,
      testCase?.threshold ?? null,
    ]),
  );
}

/** A key as it is when short, else its SHA-256 (test cases may carry whole documents in their variables). */
export function compactKey(key: string): string {
  return key.length <= 160 ? key : sha256Base64(key);
}

/** `response.logProbs`: one token's log-prob (the answer), or the sum over the answer's tokens (a generation). */
function confidenceOf(logProbs: unknown): Record<string, unknown> {
  if (
    !Array.isArray(logProbs) ||
    logProbs.length === 0 ||
    !logProbs.every((x) => typeof x === 'number' && Number.isFinite(x))
  )
    return {};
  const sum = (logProbs as number[]).reduce((s, x) => s + x, 0);
  return {
    logprob: Math.min(0, sum),
    signal: logProbs.length === 1 ? 'answer_logprob' : 'sequence_logprob',
    task_type: logProbs.length === 1 ? 'multiple_choice' : 'generation',
  };
}

/** The question asked: the `question`, `query`, `input` or `prompt` variable, else the only text variable, else the test's description. */
export function questionOf(
  vars: Record<string, unknown> | undefined,
  description: string | undefined,
): string | undefined {
  const named = asString(vars?.question) ?? asString(vars?.query) ?? asString(vars?.input) ?? asString(vars?.prompt);
  if (named) return named;
  const texts = vars ? Object.values(vars).filter((v): v is string => typeof v === 'string') : [];
  return texts.length === 1 ? texts[0] : description || undefined;
}
