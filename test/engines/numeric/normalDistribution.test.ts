import { test } from 'node:test';
import { normalCdf, normalQuantile, normalSf } from '../../../src/engines/numeric/normalDistribution';
import { assertClose } from '../../helpers/assertClose';

// Reference values: SciPy 1.17 scipy.stats.norm.cdf / .sf / .ppf (double precision).
test('normal CDF and survival function match SciPy to 1e-14 relative, tails included', () => {
  const cases: [number, number][] = [
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1.96, 0.024997895148220435],
    [2.5, 0.9937903346742238],
    [-3.5, 0.00023262907903552502],
    [-8, 6.22096057427174e-16],
    [-20, 2.7536241186061556e-89],
  ];
  for (const [x, p] of cases) assertClose(normalCdf(x), p, { rel: 1e-13 }, `Phi(${x})`);
  assertClose(normalSf(6), 9.865876450376946e-10, { rel: 1e-13 }, 'Q(6)');
});

test('normal quantile inverts the CDF to 1e-13 and matches SciPy', () => {
  assertClose(normalQuantile(0.975), 1.959963984540054, { rel: 1e-14 }, 'z_0.975');
  assertClose(normalQuantile(0.0005), -3.2905267314918945, { rel: 1e-13 }, 'z_0.0005');
  assertClose(normalQuantile(5e-6), -4.417173413469023, { rel: 1e-13 }, 'z_5e-6');
  for (const p of [1e-300, 1e-12, 1e-5, 0.01, 0.3, 0.5, 0.77])
    assertClose(normalCdf(normalQuantile(p)), p, { rel: 1e-12 }, `Phi(Phi^-1(${p}))`);
});
