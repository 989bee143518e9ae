/**
 * Every webview panel type, registered once at activation (with its reload serializer). To add a
 * view: one line here; its commands reach it as `views.<name>.show(state)`.
 */
import type { HostServices } from './hostServices';
import { modelOverviewView } from './panels/modelOverviewPanel';
import { registerView } from './panels/registerView';
import { humanInTheLoopView } from './panels/humanInTheLoopPanel';
import { riskGuaranteeView } from './panels/riskGuaranteePanel';
import { economicEvaluationView } from './panels/economicEvaluationPanel';
import { optimalModelMapView } from './panels/optimalModelMapPanel';
import { datasetGeneratorView } from './panels/datasetGeneratorPanel';
import { cascadeFrontierView } from './panels/cascadeFrontierPanel';
import { cascadeRunnerView } from './panels/cascadeRunnerPanel';
import { compareLogsView } from './panels/compareLogsPanel';

export function registerViews(services: HostServices) {
  return {
    modelOverview: registerView(services, modelOverviewView),
    humanInTheLoop: registerView(services, humanInTheLoopView),
    riskGuarantee: registerView(services, riskGuaranteeView),
    economicEvaluation: registerView(services, economicEvaluationView),
    optimalModelMap: registerView(services, optimalModelMapView),
    datasetGenerator: registerView(services, datasetGeneratorView),
    cascadeFrontier: registerView(services, cascadeFrontierView),
    cascadeRunner: registerView(services, cascadeRunnerView),
    compareLogs: registerView(services, compareLogsView),
  };
}

export type Views = ReturnType<typeof registerViews>;
