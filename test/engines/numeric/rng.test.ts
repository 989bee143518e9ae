import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';

test('same seed gives the same stream; different seeds differ', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const xs = Array.from({ length: 100 }, () => a.uniform());
  assert.deepEqual(
    xs,
    Array.from({ length: 100 }, () => b.uniform()),
  );
  assert.notDeepEqual(
    xs,
    Array.from({ length: 100 }, () => c.uniform()),
  );
  for (const x of xs) assert.ok(x >= 0 && x < 1);
});

test('uniform and normal moments match theory (n = 200000)', () => {
  const r = new Rng(7);
  const n = 200000;
  let su = 0;
  let sn = 0;
  let sn2 = 0;
  for (let i = 0; i < n; i++) {
    su += r.uniform();
    const z = r.normal();
    sn += z;
    sn2 += z * z;
  }
  // 5 standard errors: sd(U)/sqrt(n) = 0.2887/447 = 6.5e-4; sd(Z)/sqrt(n) = 2.2e-3; sd(Z^2)/sqrt(n) = 3.2e-3.
  assertClose(su / n, 0.5, { abs: 5 * 6.5e-4 }, 'mean U');
  assertClose(sn / n, 0, { abs: 5 * 2.2e-3 }, 'mean Z');
  assertClose(sn2 / n, 1, { abs: 5 * 3.2e-3 }, 'E[Z^2]');
});

test('int(n) covers 0..n-1 evenly and shuffle is a permutation', () => {
  const r = new Rng(3);
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60000; i++) counts[r.int(6)]++;
  // Each count ~ Binomial(60000, 1/6): sd = 91; 5 sd.
  for (const c of counts) assertClose(c, 10000, { abs: 460 });
  const p = r.shuffle([...Array(50).keys()]);
  assert.deepEqual(
    [...p].sort((x, y) => x - y),
    [...Array(50).keys()],
  );
});
