import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets, stripControlCharacters } from '../../src/shared/text/redactSecrets';

test('bearer tokens, API keys and URL credentials are blanked', () => {
  assert.equal(
    redactSecrets('401: header was "Authorization: Bearer abc.def-123" sent'),
    '401: header was "Authorization: Bearer ***" sent',
  );
  assert.equal(redactSecrets('key sk-proj-AbCdEf0123456789 refused'), 'key sk-*** refused');
  assert.equal(
    redactSecrets('cannot reach https://user:hunter2@api.example.com/v1'),
    'cannot reach https://***@api.example.com/v1',
  );
  assert.equal(redactSecrets('plain text, sk-short, https://host/v1'), 'plain text, sk-short, https://host/v1');
});

test('control characters are stripped, newlines and tabs kept', () => {
  assert.equal(stripControlCharacters('model \u001b[2Jx\u0007\u0000\ttab\nnext'), 'model [2Jx\ttab\nnext');
});
