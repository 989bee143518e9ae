// jstat ships no type declarations; this loads the two functions the tests compare against.
import { createRequire } from 'node:module';

interface JStatBeta {
  ibetainv(p: number, a: number, b: number): number;
  ibeta(x: number, a: number, b: number): number;
}

const load = createRequire(__filename);
/** jStat's regularized incomplete beta and its inverse (jstat 1.9, Numerical Recipes-style Halley iteration). */
export const jStat = (load('jstat') as { jStat: JStatBeta }).jStat;
