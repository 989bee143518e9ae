import * as vscode from 'vscode';
import { basename } from 'node:path';
import {
  parseOptimalModelMapState,
  type OptimalModelMapHostState,
  type OptimalModelMapProtocol,
} from '../../protocol/optimalModelMap';
import { optimalModelMapPayloads } from '../../protocol/payloads/economicsPayloads';
import { PANELS } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { RequestHandlers } from './basePanel';
import { LogFilePanel } from './logFilePanel';
import { openLogLine } from './openLogLine';
import { econSourceParams } from './econSource';
import type { ViewDefinition } from './registerView';
import { runsFiles, runsTitle } from './logFilePanel';
import { runFileOfModel } from '../../engines/logs/runs';

/** Optimal-Model Map: the webview asks for the map at its settings; the 100 × 100 grid is computed in the worker. */
export class OptimalModelMapPanel extends LogFilePanel<OptimalModelMapProtocol, OptimalModelMapHostState> {
  protected readonly payloads = optimalModelMapPayloads;
  protected readonly requestHandlers: RequestHandlers<OptimalModelMapProtocol> = {
    compute: ({ priceAbstain, kinds, overhead }, token) => {
      this.state = { ...this.state, priceAbstain, kinds, overhead };
      return this.services.engine.run(
        'econMap',
        { ...econSourceParams(this.state, kinds), abstain: priceAbstain, overhead: { ...overhead } },
        { title: `Cost-Risk Lab: optimal-model map of ${basename(this.state.file)}`, progress: 'notification', token },
      );
    },
    queryTable: (r, token) =>
      this.services.engine.run(
        'mapCellQueries',
        {
          ...econSourceParams(this.state, r.kinds),
          candidate: r.candidate,
          point: r.point,
          prices: { error: r.priceError, latency: r.priceLatency, abstain: r.priceAbstain },
          overhead: { ...r.overhead },
        },
        { title: `Queries of ${r.candidate} (${basename(this.state.file)})`, progress: 'window', token },
      ),
    openSource: ({ line, model }) =>
      openLogLine(model === undefined ? this.state.file : runFileOfModel(model, runsFiles(this.state)), line),
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: OptimalModelMapHostState) {
    super(panel, services, state, 'optimalModelMap');
    this.watchLog(() => this.notify('stale', { file: this.state.file }));
  }

  /** The webview requests the map itself once it is ready (with its saved settings). */
  protected override onReady(): void {}
}

export const optimalModelMapView: ViewDefinition<OptimalModelMapHostState> = {
  viewType: PANELS.optimalModelMap,
  title: (s) => runsTitle('Optimal-Model Map', s),
  key: (s) => runsFiles(s).join('\n'),
  parseState: parseOptimalModelMapState,
  files: runsFiles,
  create: (panel, state, services) => new OptimalModelMapPanel(panel, services, state),
};
