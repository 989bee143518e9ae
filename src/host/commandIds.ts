/**
 * Every id the extension contributes, in one place. `test/host/contributes.test.ts` checks that
 * package.json contributes exactly these. To add a command: one line here, one entry in
 * package.json `contributes.commands` (category "Cost-Risk Lab"), and its handler registered in
 * `src/host/commands/`.
 */
export const COMMANDS = {
  analyzeEvalLog: 'costRiskLab.analyzeEvalLog',
  refreshLogs: 'costRiskLab.refreshLogs',
  openExampleLog: 'costRiskLab.openExampleLog',
  showProblems: 'costRiskLab.showProblems',
  openLogFile: 'costRiskLab.openLogFile',
  openHumanInTheLoop: 'costRiskLab.openHumanInTheLoop',
  openRiskGuarantee: 'costRiskLab.openRiskGuarantee',
  openEconomicEvaluation: 'costRiskLab.openEconomicEvaluation',
  openOptimalModelMap: 'costRiskLab.openOptimalModelMap',
  openDatasetGenerator: 'costRiskLab.openDatasetGenerator',
  openArchetype: 'costRiskLab.openArchetype',
  refreshArchetypes: 'costRiskLab.refreshArchetypes',
  setLlmApiKey: 'costRiskLab.setLlmApiKey',
  clearLlmApiKey: 'costRiskLab.clearLlmApiKey',
  openCascadeFrontier: 'costRiskLab.openCascadeFrontier',
  openCascadeRunner: 'costRiskLab.openCascadeRunner',
  clearResultCache: 'costRiskLab.clearResultCache',
  exportReport: 'costRiskLab.exportReport',
  compareTwoLogs: 'costRiskLab.compareTwoLogs',
} as const;

/** Tree views in the "Cost-Risk Lab" activity-bar container. */
export const VIEWS = {
  container: 'costRiskLab',
  evalLogs: 'costRiskLab.evalLogs',
  archetypeLibrary: 'costRiskLab.archetypeLibrary',
} as const;

/** Webview panel types (each needs `onWebviewPanel:<type>` in activationEvents to restore after reload). */
export const PANELS = {
  modelOverview: 'costRiskLab.modelOverview',
  humanInTheLoop: 'costRiskLab.humanInTheLoop',
  riskGuarantee: 'costRiskLab.riskGuarantee',
  economicEvaluation: 'costRiskLab.economicEvaluation',
  optimalModelMap: 'costRiskLab.optimalModelMap',
  datasetGenerator: 'costRiskLab.datasetGenerator',
  cascadeFrontier: 'costRiskLab.cascadeFrontier',
  cascadeRunner: 'costRiskLab.cascadeRunner',
  compareLogs: 'costRiskLab.compareLogs',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
