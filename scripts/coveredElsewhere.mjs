// Test files that run without coverage instrumentation in `npm test` although they run in Node: every
// line, function and branch of src/ they run is run by the instrumented test files too, so leaving
// them out changes no figure of the coverage report, and V8's block counters would slow their hot
// loops 1.5–3× (a runtime call at every block a loop runs). They are reproductions of the thesis'
// tables and simulation studies, checks against independent references or against the CLI on whole
// real logs, and regressions of size; each file's header says what covers it instead.
//
// How they were chosen (2026-12-06, scripts/coverageOverlap.mjs, which checks the list): every Node
// test file run alone with coverage; then, from the costliest under coverage down, a file (or a test
// moved out into a file of its own) joined the list when every line, function and block of src/ it
// runs is run by a file that stays instrumented; where only a block or two were its own, a small test
// now runs them instrumented (numberWords.test.ts, generateDataset.test.ts's 80 clusters,
// runs.test.ts's readLogOrRuns). Full runs with the list against one without: the same lines of src/
// (44,332 of 44,695) and functions (one more, which property tests reach at random); branches hit
// 12,623, 12,679 and 12,657 against 12,649, within the spread between two runs of the same code
// (property tests draw new cases each run: 104 lines of src/ differed in which branches were hit
// between two runs).
import { join } from 'node:path';

export const COVERED_ELSEWHERE = [
  'engines/tuning/paperAcceptance',
  'engines/clusters/table52',
  'engines/copula/table24',
  'engines/riskGuarantee/guaranteeSimulation',
  'engines/uncertainty/coverage',
  'host/packaging',
  'cli/intercascadeResume',
  'engines/economics/realMmlu',
  'cli/noSplitTune',
  'cli/generateManyClusters',
  'engines/clusters/generationEstimateTiming',
  'engines/clusters/blockEigensolver',
  'engines/clusters/generateDatasetSeeds',
  'engines/drilldown/frontierPointRows',
  'worker/jobsEqualCli',
  'engines/economics/optimalModelMapExact',
  'engines/economics/routersRealLog',
].map((f) => join('test', ...f.split('/')) + '.test.ts');
