/** Messages and data of the "Risk Guarantee" panel (Clopper–Pearson fixed-sequence thresholds). Types only. */
import type { SignalChoice } from '../engines/abstention/certaintySignal';
import type { GuaranteeReport } from '../engines/riskGuarantee/guaranteeReport';
import type { CascadeGuaranteeReport } from '../engines/riskGuarantee/cascadeGuaranteeReport';
import type { GuaranteeMethod } from '../engines/riskGuarantee/testSequence';
import type { LogViewHostState, SelectionViewProtocol, SelectionViewState } from './logView';

export type { GuaranteeReport, CascadeGuaranteeReport, GuaranteeMethod, SignalChoice };

export interface GuaranteeSelection {
  model: string | null;
  /** Second model of a two-model cascade; null for a single model. */
  strong: string | null;
  signal: SignalChoice;
  /** How thresholds are tested (absent in selections saved before it existed: `fixed-sequence`). */
  method?: GuaranteeMethod;
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
  /** Set when the log has no confidence scores and the chosen signal needs them: the one thing the view says (nothing is certified). */
  noConfidence: string | null;
}

export type RiskGuaranteeHostState = LogViewHostState;
export type RiskGuaranteeWebviewState = SelectionViewState<GuaranteeSelection>;

/** `compute`: the guarantee for a selection (null = defaults for the log); `logChanged`: ask again. */
export type RiskGuaranteeProtocol = SelectionViewProtocol<'compute', GuaranteeSelection, GuaranteeData>;
