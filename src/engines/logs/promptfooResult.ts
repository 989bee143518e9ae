import { asNumber, asObject, asString } from './readJsonDocument';

/**
 * One promptfoo result (`results.results[i]`: one test case x prompt x provider) mapped to native
 * fields. Correct: `gradingResult.pass`, else `success`. The "model" is the provider's label (else
 * its id), followed by the prompt's label when the run compared several prompts, since each
 * prompt x provider pair is a setup of its own. The query is the test case (`testIdx`).
 */
export function promptfooResultToRaw(r: Record<string, unknown>, multiplePrompts: boolean): { raw: Record<string, unknown> } | { error: string } {
  const response = asObject(r.response);
  const grading = asObject(r.gradingResult);
  const pass = typeof grading?.pass === 'boolean' ? grading.pass : typeof r.success === 'boolean' ? r.success : undefined;
  const error = asString(r.error) ?? asString(response?.error);
  if (pass === undefined) return { error: 'neither "gradingResult.pass" nor "success" is a boolean' };
  if (error && !pass && (r.failureReason === 2 || !response || response.output === undefined)) return { error: `the provider call failed (${error.split('\n')[0].slice(0, 120)}): not an answer, so not counted as a wrong one` };
  const provider = asObject(r.provider);
  const providerName = asString(provider?.label) || asString(provider?.id) || (typeof r.provider === 'string' ? r.provider : undefined);
  if (!providerName) return { error: 'no "provider.id" or "provider.label"' };
  const prompt = asObject(r.prompt);
  const promptName = asString(prompt?.label) ?? asString(r.promptId) ?? (typeof r.promptIdx === 'number' ? `prompt ${r.promptIdx}` : undefined);
  const testIdx = typeof r.testIdx === 'number' ? r.testIdx : undefined;
  const testCase = asObject(r.testCase);
  if (testIdx === undefined) return { error: 'no "testIdx": cannot tell which test case this result answers' };
  const raw: Record<string, unknown> = {
    query_id: `test-${testIdx}`,
    model: multiplePrompts && promptName ? `${providerName} · ${promptName}` : providerName,
    correct: pass,
  };
  const usage = asObject(response?.tokenUsage) ?? asObject(r.tokenUsage);
  if (usage) {
    raw.input_tokens = usage.prompt;
    raw.output_tokens = usage.completion;
  }
  const cost = asNumber(r.cost) ?? asNumber(response?.cost);
  if (cost !== undefined) raw.cost_usd = cost;
  const latencyMs = asNumber(r.latencyMs);
  if (latencyMs !== undefined) raw.latency_s = latencyMs / 1000;
  const logProbs = response?.logProbs;
  if (Array.isArray(logProbs) && logProbs.length > 0 && logProbs.every((x) => typeof x === 'number')) {
    const sum = (logProbs as number[]).reduce((s, x) => s + x, 0);
    raw.logprob = Math.min(0, sum);
    raw.signal = logProbs.length === 1 ? 'answer_logprob' : 'sequence_logprob';
    raw.task_type = logProbs.length === 1 ? 'multiple_choice' : 'generation';
  }
  const vars = asObject(testCase?.vars);
  const question = asString(vars?.question) ?? asString(vars?.query) ?? asString(vars?.input) ?? asString(vars?.prompt) ?? asString(testCase?.description);
  if (question) raw.question = question;
  return { raw };
}
