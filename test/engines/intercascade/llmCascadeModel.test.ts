import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmError } from '../../../src/engines/llm/chatCompletion';
import { llmCascadeModel } from '../../../src/engines/intercascade/llmCascadeModel';
import { answerTokenConfidence, answerValueSpan } from '../../../src/engines/intercascade/answerTokenConfidence';
import { parseAnswerReply } from '../../../src/engines/intercascade/parseAnswerReply';
import { answerPromptMessages } from '../../../src/engines/intercascade/answerPrompt';
import { runInterCascade } from '../../../src/engines/intercascade/runInterCascade';
import type { RetrievedStrategy } from '../../../src/engines/intercascade/strategyRepository';
import { assertClose } from '../../helpers/assertClose';
import { lastQuestion, startMockChatServer } from '../../helpers/mockChatServer';

test('reply validation: plain or fenced JSON; numbers as answers; strict about fields, types and ranges', () => {
  assert.deepEqual(parseAnswerReply('{"answer": " 42 ", "confidence": 0.7}', { requireStrategy: false }), {
    ok: true,
    reply: { answer: '42', confidence: 0.7 },
  });
  assert.deepEqual(
    parseAnswerReply('```json\n{"answer": 3.5, "confidence": 1, "strategy": "Divide."}\n```', {
      requireStrategy: true,
    }),
    { ok: true, reply: { answer: '3.5', confidence: 1, strategy: 'Divide.' } },
  );
  const cases: [string, boolean, RegExp][] = [
    ['The answer is 42.', false, /not a JSON object: "The answer is 42\."/],
    ['[42, 0.9]', false, /not a JSON object/],
    ['{"answer": "42", "confidence": 0.9,}', false, /not a JSON object/],
    ['{"answer": "42", "confidence": 90}', false, /"confidence" must be a number in \[0, 1\], got 90/],
    ['{"answer": "42", "confidence": "high"}', false, /"confidence" must be a number in \[0, 1\], got "high"/],
    ['{"answer": "", "confidence": 0.5}', false, /"answer" must be a non-empty string or a number, got ""/],
    ['{"confidence": 0.5}', false, /"answer" must be .* got nothing/],
    [
      '{"answer": "4", "confidence": 0.5, "reasoning": "..."}',
      false,
      /unexpected field\(s\) "reasoning" \(allowed: answer, confidence\)/,
    ],
    ['{"answer": "4", "confidence": 0.5, "strategy": "x"}', false, /unexpected field\(s\) "strategy"/],
    ['{"answer": "4", "confidence": 0.5}', true, /"strategy" must be a non-empty string, got nothing/],
  ];
  for (const [reply, teacher, re] of cases) {
    const r = parseAnswerReply(reply, { requireStrategy: teacher });
    assert.ok(!r.ok, reply);
    assert.match(r.error, re, reply);
  }
});

const note = (query: string, answer: string, strategy: string): RetrievedStrategy => ({
  entry: { queryId: 'n', query, answer, strategy, confidence: 0.9 },
  similarity: 0.8,
});

test('our prompt: worked examples parse under the strict validator; retrieved strategies appear as notes before the question', () => {
  for (const role of ['student', 'teacher'] as const) {
    const msgs = answerPromptMessages(role, '  What is 6 times 7?  ', [
      note('What is 2 times 3?', '6', 'Multiply the two numbers.'),
    ]);
    assert.equal(msgs[0].role, 'system');
    assert.equal(/"strategy"/.test(msgs[0].content), role === 'teacher');
    for (const m of msgs.filter((x) => x.role === 'assistant'))
      assert.ok(parseAnswerReply(m.content, { requireStrategy: role === 'teacher' }).ok, m.content);
    const last = msgs.at(-1)!;
    assert.equal(last.role, 'user');
    assert.match(
      last.content,
      /^Notes from similar solved questions:\nNote 1\n {2}Earlier question: What is 2 times 3\?\n {2}Its answer: 6\n {2}Method: Multiply the two numbers\.\n\nQuestion: What is 6 times 7\?$/,
    );
  }
  assert.equal(answerPromptMessages('student', 'Q?', []).at(-1)!.content, 'Question: Q?');
});

test('LLM model against a mock OpenAI-compatible server: answer, usage and cost, strategy, malformed replies', async () => {
  const mock = await startMockChatServer((req) => {
    const { question, notes } = lastQuestion(req);
    if (req.model === 'student' && question.includes('garbled')) return { content: 'I think it is 12, fairly sure.' };
    if (question.includes('fail')) return { status: 500, body: '{"error": {"message": "overloaded"}}' };
    if (req.model === 'teacher')
      return {
        content: JSON.stringify({ answer: '42', confidence: 0.95, strategy: 'Multiply the factors.' }),
        usage: { prompt_tokens: 1000, completion_tokens: 50 },
      };
    return { content: JSON.stringify({ answer: notes.length ? '42' : '41', confidence: notes.length ? 0.9 : 0.3 }) };
  });
  try {
    const teacher = llmCascadeModel({
      endpoint: mock.url,
      fetchImpl: fetch,
      model: 'teacher',
      apiKey: 'sk-x',
      role: 'teacher',
      price: { inputPerMillion: 2, outputPerMillion: 10 },
    });
    const t = await teacher.answer('What is 6 times 7?', []);
    assert.equal(t.answer, '42');
    assert.equal(t.strategy, 'Multiply the factors.');
    assert.equal(t.inputTokens, 1000);
    assert.equal(t.outputTokens, 50);
    // cost = (1000 × 2 + 50 × 10) / 1e6 = 0.0025 dollars
    assertClose(t.costUsd!, 0.0025, { rel: 1e-12 }, 'cost from usage and price');
    assert.ok(t.latencyS! >= 0 && t.latencyS! < 10);
    assert.equal(mock.requests[0].authorization, 'Bearer sk-x');
    assert.equal(mock.requests[0].model, 'teacher');

    const student = llmCascadeModel({ endpoint: mock.url, fetchImpl: fetch, model: 'student', role: 'student' });
    const s = await student.answer('What is 6 times 7?', [note('What is 5 times 8?', '40', 'Multiply the factors.')]);
    assert.deepEqual(
      [s.answer, s.confidence, s.costUsd, s.inputTokens],
      ['42', 0.9, undefined, undefined],
      'no usage, no price: no cost',
    );
    assert.equal(mock.requests[1].authorization, undefined);

    await assert.rejects(
      student.answer('garbled question', []),
      (e: LlmError) =>
        e instanceof LlmError &&
        e.kind === 'reply' &&
        /^student: the reply is not a JSON object: "I think it is 12/.test(e.message),
    );
    await assert.rejects(
      teacher.answer('please fail', []),
      (e: LlmError) => e.kind === 'http' && /HTTP 500.*overloaded/.test(e.message),
    );

    // In the loop: the malformed weak reply defers to the teacher, whose strategy then helps the weak model.
    const r = await runInterCascade({
      queries: [
        { queryId: '1', question: 'garbled: what is 6 times 7?', gold: '42' },
        { queryId: '2', question: 'What is 6 times 7?', gold: '42' },
        { queryId: '3', question: 'What is 7 times 6?', gold: '42' },
      ],
      stages: [
        { model: student, threshold: 0.5 },
        { model: teacher, threshold: 0.5 },
      ],
    });
    assert.deepEqual(
      r.trace.map((t) => t.answeredBy),
      [1, 0, 0],
    );
    assert.match(r.trace[0].calls[0].error!, /not a JSON object/);
    assert.equal(r.overallAccuracy, 1);
    assert.equal(r.strategiesAdded, 1);
    assertClose(r.totalCostUsd!, 0.0025, { rel: 1e-12 }, 'only the teacher call has a cost');
  } finally {
    await mock.close();
  }
});

/** Splits a reply into tokens the way a tokenizer might, with the given log-prob for the answer's tokens and −0.001 elsewhere. */
function tokenize(pieces: [string, number?][]): { token: string; logprob: number }[] {
  return pieces.map(([token, logprob]) => ({ token, logprob: logprob ?? -0.001 }));
}

test("token confidence: the geometric mean of the answer tokens' probabilities, not the format's or the stated confidence's", () => {
  // "42" as two tokens with log-probs −0.1 and −0.3: exp(−0.2).
  const reply = tokenize([
    ['{"'],
    ['answer'],
    ['":'],
    [' "'],
    ['4', -0.1],
    ['2', -0.3],
    ['",'],
    [' "'],
    ['confidence'],
    ['":'],
    [' 0', -2],
    ['.9', -2],
    ['}'],
  ]);
  assertClose(answerTokenConfidence(reply)!, Math.exp(-0.2), { rel: 1e-12 }, 'string answer');
  // A token that straddles the opening quote still spells part of the answer.
  assertClose(
    answerTokenConfidence(tokenize([['{"answer": "', -0.5], ['B', -0.7], ['", "confidence": 1}']]))!,
    Math.exp(-0.7),
    { rel: 1e-12 },
    'only the B token',
  );
  assertClose(
    answerTokenConfidence(tokenize([['{"answer":'], [' '], ['-3', -0.2], ['.5', -0.4], [', "confidence": 0.5}']]))!,
    Math.exp(-0.3),
    { rel: 1e-12 },
    'numeric answer',
  );
  assert.deepEqual(
    answerValueSpan('{"answer": "say \\"hi\\"", "confidence": 1}'),
    { start: 12, end: 22 },
    'escaped quotes stay inside',
  );
  assert.equal(answerTokenConfidence(tokenize([['I think 42']])), null);
  assert.equal(answerTokenConfidence(tokenize([['{"answer": ""}']])), null, 'empty answer');
});

test('an LLM model with token confidences asks for log-probs and uses them; an endpoint without them is a clear error', async () => {
  const mock = await startMockChatServer((req) => {
    const content = '{"answer": "42", "confidence": 0.99}';
    if (req.model === 'no-logprobs') return { content };
    return { content, logprobs: tokenize([['{"answer": "'], ['42', -0.2231], ['", "confidence": 0.99}']]) };
  });
  try {
    const m = llmCascadeModel({
      endpoint: mock.url,
      fetchImpl: fetch,
      model: 'with-logprobs',
      role: 'student',
      confidence: 'tokens',
    });
    const r = await m.answer('What is 6 times 7?', []);
    assert.equal(mock.requests[0].logprobs, true);
    assertClose(r.confidence, Math.exp(-0.2231), { rel: 1e-12 }, 'P("42") = 0.8, not the stated 0.99');
    const stated = await llmCascadeModel({
      endpoint: mock.url,
      fetchImpl: fetch,
      model: 'with-logprobs',
      role: 'student',
    }).answer('Q?', []);
    assert.equal(mock.requests[1].logprobs, false, 'stated confidence: no log-probs asked for');
    assert.equal(stated.confidence, 0.99);
    const none = llmCascadeModel({
      endpoint: mock.url,
      fetchImpl: fetch,
      model: 'no-logprobs',
      role: 'student',
      confidence: 'tokens',
    });
    await assert.rejects(
      none.answer('Q?', []),
      (e: LlmError) => e.kind === 'reply' && /^no-logprobs: the endpoint returned no token log-probs/.test(e.message),
    );
  } finally {
    await mock.close();
  }
});
