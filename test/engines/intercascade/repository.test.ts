import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StrategyRepository, type StrategyEntry } from '../../../src/engines/intercascade/strategyRepository';
import { parseRepositoryJsonl } from '../../../src/engines/intercascade/repositoryJsonl';
import { loadRepository, saveRepository } from '../../../src/node/intercascade/repositoryFile';
import { parseQueriesJsonl } from '../../../src/engines/intercascade/queriesJsonl';
import { termFeatures, tokenize, weightedCosine } from '../../../src/engines/intercascade/textEmbedding';
import { answersMatch } from '../../../src/engines/intercascade/answersMatch';
import { assertClose } from '../../helpers/assertClose';

const entry = (queryId: string, query: string, strategy = `method for ${queryId}`): StrategyEntry => ({
  queryId,
  query,
  answer: '1',
  strategy,
  confidence: 0.9,
});

const STORED = [
  entry('speed', 'A train travels 120 km in 2 hours. What is its average speed in km per hour?'),
  entry('marbles', 'Lena has 5 marbles and wins 7 more marbles. How many marbles does Lena have now?'),
  entry('area', 'A rectangular garden is 4 metres long and 3 metres wide. What is its area in square metres?'),
  entry('capital', 'What is the capital city of Australia?'),
];

test('retrieval: a reworded variant of a stored query ranks its family first; k limits the list; unrelated text finds nothing', () => {
  const repo = new StrategyRepository(STORED);
  assert.equal(repo.size, 4);
  const hits = repo.retrieve(
    'Omar has 12 marbles and wins 30 more marbles at the fair. How many marbles does Omar have?',
    2,
  );
  assert.equal(hits.length, 2);
  assert.equal(hits[0].entry.queryId, 'marbles');
  assert.ok(
    hits[0].similarity > 2 * hits[1].similarity,
    `clear margin: ${hits[0].similarity} vs ${hits[1].similarity}`,
  );
  assert.equal(
    repo.retrieve('A bus travels 90 km in 3 hours; what is the average speed in km per hour?', 1)[0].entry.queryId,
    'speed',
  );
  assert.equal(
    repo.retrieve('What is the area of a rectangular garden 10 metres long and 2 metres wide?', 1)[0].entry.queryId,
    'area',
  );
  assert.deepEqual(repo.retrieve('zebra xylophone', 3), [], 'no shared word: similarity 0, nothing returned');
  assert.deepEqual(repo.retrieve('marbles', 0), []);
  assert.deepEqual(new StrategyRepository().retrieve('marbles', 2), []);
  // identical query: cosine 1 (up to rounding)
  assertClose(repo.retrieve(STORED[3].query, 1)[0].similarity, 1, { abs: 1e-12 }, 'self-similarity');
});

test('retrieval: ties keep the older entry first; IDF discounts words that every stored query shares', () => {
  const repo = new StrategyRepository([entry('a', 'how many apples'), entry('b', 'how many apples')]);
  assert.deepEqual(
    repo.retrieve('how many apples', 2).map((r) => r.entry.queryId),
    ['a', 'b'],
  );
  const query = 'what is the hypotenuse';
  const alone = new StrategyRepository([entry('t', 'what is the total')]).retrieve(query, 1)[0].similarity;
  const crowded = new StrategyRepository([
    entry('t', 'what is the total'),
    entry('x', 'what is the sum'),
    entry('y', 'what is the mean'),
    entry('z', 'what is the median'),
  ]).retrieve(query, 1)[0];
  assert.equal(crowded.entry.queryId, 't');
  assert.ok(
    crowded.similarity < alone,
    `"what is the" is common in the crowded repository: ${crowded.similarity} < ${alone}`,
  );
});

test('text embedding: tokens, uni+bigram features weighted 1 + ln(tf), cosine of orthogonal and equal vectors', () => {
  assert.deepEqual(tokenize('Naïve café, 3.5 km!'), ['naïve', 'café', '3', '5', 'km']);
  const f = termFeatures('b a b');
  // unigrams b (tf 2), a (tf 1); bigrams "b a", "a b" (tf 1): weights 1 + ln 2 and 1 (hash collisions in 2^20 buckets are not expected for 4 terms)
  assert.equal(f.size, 4);
  assert.deepEqual([...f.values()].sort(), [1, 1, 1, 1 + Math.log(2)].sort());
  assert.equal(
    weightedCosine(termFeatures('alpha'), termFeatures('beta'), () => 1),
    0,
  );
  assert.equal(
    weightedCosine(termFeatures(''), termFeatures('beta'), () => 1),
    0,
  );
  assertClose(
    weightedCosine(f, f, () => 2),
    1,
    { abs: 1e-12 },
    'cosine of a vector with itself',
  );
});

test('save/load round trip through JSONL, written atomically; bad lines are reported with their line number', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-repo-'));
  try {
    const file = join(dir, 'repo.jsonl');
    const entries = [
      ...STORED,
      { queryId: '7', query: 'line\nbreak "quoted"', answer: '', strategy: 'ünïcode ✓', confidence: 0 },
    ];
    await saveRepository(file, entries);
    assert.deepEqual(readdirSync(dir), ['repo.jsonl'], 'no temporary file left behind');
    const text = readFileSync(file, 'utf8');
    assert.equal(text.trim().split('\n').length, 5);
    assert.deepEqual(JSON.parse(text.split('\n')[0]), {
      query_id: 'speed',
      query: STORED[0].query,
      answer: '1',
      strategy: 'method for speed',
      confidence: 0.9,
    });
    const back = await loadRepository(file);
    assert.deepEqual(back.problems, []);
    assert.deepEqual(
      back.items.map((i) => i.value),
      entries,
    );
    const again = new StrategyRepository(back.items.map((i) => i.value));
    assert.equal(again.retrieve('Lena has marbles', 1)[0].entry.queryId, 'marbles');
    assert.deepEqual(await loadRepository(join(dir, 'missing.jsonl'), { allowMissing: true }), {
      items: [],
      problems: [],
    });
    await assert.rejects(loadRepository(join(dir, 'missing.jsonl')), /ENOENT/);
    writeFileSync(
      file,
      '\uFEFF' +
        text.split('\n')[0] +
        '\r\n\n{"query_id": "x", "query": "q", "strategy": "s", "confidence": 2}\n{oops\n[1]\n{"query_id": "y", "query": "q", "confidence": 0.5}\n',
    );
    const bad = await loadRepository(file);
    assert.equal(bad.items.length, 1);
    assert.deepEqual(
      bad.problems.map((p) => p.line),
      [3, 4, 5, 6],
    );
    assert.match(bad.problems[0].message, /"confidence" must be a number in \[0, 1\], got 2/);
    assert.match(bad.problems[1].message, /not valid JSON/);
    assert.match(bad.problems[2].message, /not a JSON object/);
    assert.match(bad.problems[3].message, /missing "strategy"/);
    assert.deepEqual(parseRepositoryJsonl('').items, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('query file: ids and answers may be numbers, gold is optional, repeated ids and empty questions are refused', () => {
  const r = parseQueriesJsonl(
    '{"query_id": 1, "question": "2+2?", "answer": 4}\n{"query_id": "b", "question": "Why?", "extra": true}\n{"query_id": 1, "question": "again"}\n{"query_id": "c", "question": "  "}\n',
  );
  assert.deepEqual(
    r.items.map((i) => i.value),
    [
      { queryId: '1', question: '2+2?', gold: '4' },
      { queryId: 'b', question: 'Why?', gold: null },
    ],
  );
  assert.deepEqual(r.problems, [
    { line: 3, message: 'query_id "1" repeats an earlier line' },
    { line: 4, message: '"question" is empty' },
  ]);
});

test('answer matching: case, spaces, brackets, full stop and number formats', () => {
  const same: [string, string][] = [
    ['Paris.', 'paris'],
    ['(B)', 'B'],
    [' 1,234 ', '1234'],
    ['$12.50', '12.5'],
    ['42', '42.0'],
    ['New   York', 'new york'],
    ['50%', '50'],
  ];
  for (const [a, g] of same) assert.ok(answersMatch(a, g), `${a} ~ ${g}`);
  const different: [string, string][] = [
    ['41', '42'],
    ['Lyon', 'Paris'],
    ['', ''],
    ['1e3x', '1000'],
    ['B', 'C'],
  ];
  for (const [a, g] of different) assert.ok(!answersMatch(a, g), `${a} !~ ${g}`);
});
