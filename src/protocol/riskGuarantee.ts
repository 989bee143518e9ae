/** Messages and data of the "Risk Guarantee" panel (Clopper–Pearson fixed-sequence thresholds). Types only. */
import type { SignalChoice } from '../engines/abstention/certaintySignal';
import type { GuaranteeReport } from '../engines/riskGuarantee/guaranteeReport';
import type { CascadeGuaranteeReport } from '../engines/riskGuarantee/cascadeGuaranteeReport';
import type { ViewProtocol } from './messages';

export type { GuaranteeReport, CascadeGuaranteeReport, SignalChoice };

export interface GuaranteeSelection {
  model: string | null;
  /** Second model of a two-model cascade; null for a single model. */
  strong: string | null;
  signal: SignalChoice;
  alpha: number;
  delta: number;
  calSplit: string;
  testSplit: string;
}

export interface GuaranteeData {
  file: string;
  models: string[];
  splits: string[];
  single: GuaranteeReport | null;
  cascade: CascadeGuaranteeReport | null;
  warnings: string[];
}

export interface RiskGuaranteeHostState {
  file: string;
}

export interface RiskGuaranteeWebviewState extends RiskGuaranteeHostState {
  selection: GuaranteeSelection | null;
}

export interface RiskGuaranteeProtocol extends ViewProtocol {
  requests: {
    compute: { params: { selection: GuaranteeSelection | null }; result: { selection: GuaranteeSelection; data: GuaranteeData } };
  };
  hostNotifications: {
    logChanged: { file: string };
  };
  webviewNotifications: Record<string, never>;
}

export function isRiskGuaranteeHostState(x: unknown): x is RiskGuaranteeHostState {
  return typeof x === 'object' && x !== null && typeof (x as { file?: unknown }).file === 'string' && (x as { file: string }).file !== '';
}
