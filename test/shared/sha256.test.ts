import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { anyText } from '../helpers/anyText';
import { sha256, sha256Base64, sha256Hex } from '../../src/shared/text/sha256';

test('SHA-256 of the FIPS 180-4 examples (one block, empty, two blocks)', () => {
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(
    sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
});

test("the same bytes as node:crypto for any text, across the padding's block edges (55, 56, 64 bytes)", () => {
  const node = (s: string): Buffer => createHash('sha256').update(s).digest();
  for (let n = 50; n <= 130; n++)
    assert.deepEqual(Buffer.from(sha256('x'.repeat(n))), node('x'.repeat(n)), `${n} bytes`);
  fc.assert(
    fc.property(anyText({ maxLength: 300 }), (s) => {
      assert.deepEqual(Buffer.from(sha256(s)), node(s));
      assert.equal(sha256Hex(s), node(s).toString('hex'));
      assert.equal(sha256Base64(s), node(s).toString('base64'));
    }),
    { numRuns: 300 },
  );
});
