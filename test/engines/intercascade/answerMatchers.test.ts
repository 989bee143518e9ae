/** Correctness beyond exact match: numeric (with property tests), multiple-choice letters, and the LLM judge's prompt and verdicts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { answerNumber, numbersAgree, numericAnswersMatch } from '../../../src/engines/intercascade/numericMatch';
import { choiceAnswersMatch, choiceLetter } from '../../../src/engines/intercascade/choiceMatch';
import { judgePromptMessages, parseJudgeReply } from '../../../src/engines/intercascade/judgePrompt';
import { localMatcher, matchProblem } from '../../../src/engines/intercascade/matchAnswer';

test('numeric: formats of the same number agree; different numbers, or no number, do not', () => {
  const same: [string, string][] = [
    ['3.0', '3'],
    ['1,000', '1000'],
    ['$1,000.00', '1000'],
    ['50%', '50'],
    ['−3', '-3'],
    ['+7', '7'],
    ['3/4', '0.75'],
    ['1e3', '1000'],
    ['.5', '0.5'],
    ['12.', '12'],
    ['The answer is 42 apples.', '42'],
    ['42', 'forty-two is 42'],
  ];
  for (const [a, g] of same) assert.ok(numericAnswersMatch(a, g), `${a} = ${g}`);
  const differ: [string, string][] = [
    ['3.1', '3'],
    ['1,000', '100'],
    ['0', '1e-9'],
    ['1,5', '1.5'],
    ['abc', 'abc'],
    ['', '0'],
    ['2/0', '0'],
    ['1.2.3', '1.2'],
  ];
  for (const [a, g] of differ) assert.ok(!numericAnswersMatch(a, g), `${a} ≠ ${g}`);
  assert.equal(answerNumber('1,2345'), null, 'a comma not grouping thousands: no number');
  assert.ok(numericAnswersMatch('100.5', '100', 0.01), 'a looser tolerance');
  assert.ok(!numericAnswersMatch('100.5', '100'), 'not at the default 1e-6');
});

/** Ways to write a finite number that must all read back as it. */
const spellings = (x: number): string[] => {
  const out = [String(x), x.toExponential(), `${x < 0 ? '-' : ''}$${Math.abs(x)}`];
  if (Number.isInteger(x) && Math.abs(x) < 1e15) out.push(x.toLocaleString('en-US'), `${x}.000`, `The answer is ${x}.`);
  return out;
};
const finite = fc
  .double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true })
  .filter((x) => !Object.is(x, -0));

test('numeric (property): every spelling of a number matches the number; the relation is symmetric', () => {
  fc.assert(
    fc.property(finite, (x) => {
      for (const s of spellings(x)) {
        assert.ok(numericAnswersMatch(s, String(x)), `${s} vs ${x}`);
        assert.equal(numericAnswersMatch(String(x), s), numericAnswersMatch(s, String(x)));
      }
    }),
  );
  fc.assert(fc.property(fc.string(), fc.string(), (a, b) => numericAnswersMatch(a, b) === numericAnswersMatch(b, a)));
});

test('numeric (property): the tolerance is relative and monotone: within it agree, beyond it not', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
      fc.boolean(),
      fc.double({ min: 1e-6, max: 0.1, noNaN: true }),
      (mag, neg, tol) => {
        const x = neg ? -mag : mag;
        assert.ok(numbersAgree(x, x * (1 + tol / 2), tol), 'half the tolerance away');
        assert.ok(!numbersAgree(x, x * (1 + tol * 2.5), tol), 'two and a half tolerances away');
        assert.ok(
          !numbersAgree(x, x * (1 + tol / 2), tol / 4) || numbersAgree(x, x * (1 + tol / 2), tol),
          'a smaller tolerance never accepts more',
        );
        assert.ok(!numbersAgree(x, 0, tol), 'nothing but 0 agrees with 0');
      },
    ),
  );
});

test('choice: the option letter in the forms models write it', () => {
  const cases: [string, string | null][] = [
    ['B', 'B'],
    ['(b)', 'B'],
    ['B.', 'B'],
    ['B)', 'B'],
    ['B: Tungsten', 'B'],
    ['(C) Vanadium', 'C'],
    ['Answer: D', 'D'],
    ['The answer is (a)', 'A'],
    ['the answer is C.', 'C'],
    ['Option B', 'B'],
    ['B is correct', 'B'],
    ['B - Tungsten', 'B'],
    ['a tungsten lamp', null],
    ['I think so', null],
    ['The answer is a lamp', null],
    ['', null],
    ['42', null],
  ];
  for (const [text, letter] of cases) assert.equal(choiceLetter(text), letter, text);
  assert.ok(choiceAnswersMatch('(B)', 'B'));
  assert.ok(choiceAnswersMatch('Answer: b', '(B) Tungsten'));
  assert.ok(!choiceAnswersMatch('C', 'B'));
  assert.ok(!choiceAnswersMatch('tungsten', 'tungsten'), 'no letter on either side: not a match under choice matching');
});

test('judge: our prompt holds the question, the reference and the candidate; only a leading yes or no is a verdict', () => {
  const [system, user] = judgePromptMessages(' What is 6 × 7? ', '42', ' forty-two ');
  assert.equal(system.role, 'system');
  assert.match(system.content, /Reply with exactly one word: yes or no\.$/);
  assert.equal(
    user.content,
    'Question: What is 6 × 7?\nReference answer: 42\nCandidate answer: forty-two\nSame final answer? (yes or no)',
  );
  const verdicts: [string, boolean | null][] = [
    ['yes', true],
    ['Yes.', true],
    ['**YES**', true],
    ['"no"', false],
    ['No, it differs', false],
    ['  no', false],
    ['maybe', null],
    ['', null],
    ['The answer is yes', null],
    ['yesterday', null],
  ];
  for (const [reply, v] of verdicts) assert.equal(parseJudgeReply(reply), v, reply);
});

test('match options: the local matcher of each mode; problems named', () => {
  assert.ok(localMatcher({ mode: 'exact' })('1,000', '1000'), 'exact keeps its number formats');
  assert.ok(!localMatcher({ mode: 'exact' })('The answer is 1000', '1000'));
  assert.ok(localMatcher({ mode: 'numeric' })('The answer is 1000', '1000'));
  assert.ok(localMatcher({ mode: 'choice' })('(B)', 'B'));
  assert.ok(
    !localMatcher({ mode: 'judge', judgeModel: 'j' })('twelve', '12'),
    'the judge mode tries exact match first',
  );
  assert.equal(matchProblem({ mode: 'judge' }), 'matching by a judge needs the judge model');
  assert.match(
    matchProblem({ mode: 'numeric', relTol: Number.NaN }) ?? '',
    /relative tolerance must be a number in \[0, 1\)/,
  );
  assert.match(matchProblem({ mode: 'fuzzy' as never }) ?? '', /one of exact, numeric, choice, judge/);
  assert.equal(matchProblem({ mode: 'numeric', relTol: 0.01 }), null);
});
