/**
 * Strict reading of a model's reply to {@link answerPromptMessages}: exactly one JSON object (a code
 * fence around it is tolerated), with `answer` (non-empty string, or a number), `confidence` (a
 * number in [0, 1]) and, for the teacher, a non-empty `strategy`; any other field is refused, so a
 * model that ignores the format is noticed instead of half-read.
 */
export interface AnswerReply {
  answer: string;
  confidence: number;
  strategy?: string;
}

export type ParsedAnswerReply = { ok: true; reply: AnswerReply } | { ok: false; error: string };

export function parseAnswerReply(text: string, opts: { requireStrategy: boolean }): ParsedAnswerReply {
  const fail = (error: string): ParsedAnswerReply => ({ ok: false, error });
  const body = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(text.trim())?.[1] ?? text.trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return fail(`the reply is not a JSON object: ${JSON.stringify(text.slice(0, 120))}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(`the reply is not a JSON object: ${JSON.stringify(text.slice(0, 120))}`);
  const o = value as Record<string, unknown>;
  const allowed = opts.requireStrategy ? ['answer', 'confidence', 'strategy'] : ['answer', 'confidence'];
  const extra = Object.keys(o).filter((key) => !allowed.includes(key));
  if (extra.length)
    return fail(`unexpected field(s) ${extra.map((x) => `"${x}"`).join(', ')} (allowed: ${allowed.join(', ')})`);
  const { answer, confidence, strategy } = o;
  const answerText = typeof answer === 'number' && Number.isFinite(answer) ? String(answer) : answer;
  if (typeof answerText !== 'string' || !answerText.trim())
    return fail(`"answer" must be a non-empty string or a number, got ${JSON.stringify(answer) ?? 'nothing'}`);
  if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1))
    return fail(`"confidence" must be a number in [0, 1], got ${JSON.stringify(confidence) ?? 'nothing'}`);
  if (!opts.requireStrategy) return { ok: true, reply: { answer: answerText.trim(), confidence } };
  if (typeof strategy !== 'string' || !strategy.trim())
    return fail(`"strategy" must be a non-empty string, got ${JSON.stringify(strategy) ?? 'nothing'}`);
  return { ok: true, reply: { answer: answerText.trim(), confidence, strategy: strategy.trim() } };
}
