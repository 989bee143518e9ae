/**
 * Which models of run A to compare with which of run B: every model both runs have, each against
 * itself; else, when each run has exactly one model (two providers, or a model swapped for
 * another), those two; else none.
 */
export function pairModels(modelsA: readonly string[], modelsB: readonly string[]): [string, string][] {
  const inB = new Set(modelsB);
  const shared = modelsA.filter((m) => inB.has(m));
  if (shared.length) return shared.map((m) => [m, m]);
  return modelsA.length === 1 && modelsB.length === 1 ? [[modelsA[0], modelsB[0]]] : [];
}
