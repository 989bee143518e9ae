/**
 * "Show Log Problems" with nothing to show says so in a message, instead of opening an empty output
 * panel; once a problem or a log line is written, it opens the channel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fake, useFakeVscode } from './fakes/fakeVscode';

useFakeVscode();

/* eslint-disable @typescript-eslint/no-require-imports */
const { ProblemReporter } =
  require('../../src/host/problems/problemReporter') as typeof import('../../src/host/problems/problemReporter');
/* eslint-enable @typescript-eslint/no-require-imports */

test('Show Log Problems: a message while nothing was written, the output channel afterwards', async () => {
  const reporter = new ProblemReporter();
  let opened = 0;
  (reporter.channel as { show: () => void }).show = () => void opened++;
  const before = fake.infoMessages.length;
  reporter.show();
  assert.equal(opened, 0, 'no empty panel');
  assert.deepEqual(fake.infoMessages.slice(before), [
    'Cost-Risk Lab: no log problems so far: the logs read in this window have no skipped lines and no warnings.',
  ]);
  reporter.log('mmlu.jsonl: 2 line(s) skipped');
  reporter.show();
  assert.equal(opened, 1, 'the channel once it holds something');
  assert.equal(fake.infoMessages.length, before + 1, 'no second message');
  reporter.dispose();
});
