import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { HumanInTheLoopHostState, HumanInTheLoopProtocol } from '../../protocol/humanInTheLoop';
import { humanInTheLoopPayloads } from '../../protocol/payloads/humanInTheLoopPayloads';
import { PANELS } from '../commandIds';
import type { HostServices } from '../hostServices';
import { logJobSource } from '../settings';
import type { RequestHandlers } from './basePanel';
import { LogFilePanel, logFileView } from './logFilePanel';
import { openLogLine } from './openLogLine';

/** Human in the Loop: "Ask" and "Fail Fast, or Ask" for one log (thesis ch. 4); numbers come from the worker. */
export class HumanInTheLoopPanel extends LogFilePanel<HumanInTheLoopProtocol, HumanInTheLoopHostState> {
  protected readonly payloads = humanInTheLoopPayloads;
  protected readonly requestHandlers: RequestHandlers<HumanInTheLoopProtocol> = {
    analyse: ({ selection }, token) =>
      this.services.engine.run(
        'humanInTheLoop',
        { ...logJobSource(this.state.file), selection },
        { title: `Human in the loop: ${basename(this.state.file)}`, progress: 'window', token },
      ),
    queryTable: ({ model, split, rejection }, token) =>
      this.services.engine.run(
        'curvePointQueries',
        { ...logJobSource(this.state.file), model, split, rejection },
        { title: `Queries of ${model} (${basename(this.state.file)})`, progress: 'window', token },
      ),
    failFastQueryTable: ({ utilization, rejection, ...selection }, token) =>
      this.services.engine.run(
        'failFastQueries',
        { ...logJobSource(this.state.file), selection, utilization, rejection },
        {
          title: `Queries of ${selection.fast} and ${selection.reasoning} (${basename(this.state.file)})`,
          progress: 'window',
          token,
        },
      ),
    openSource: ({ line }) => openLogLine(this.state.file, line),
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: HumanInTheLoopHostState) {
    super(panel, services, state, 'humanInTheLoop');
    this.watchLog(() => this.notify('logChanged', { file: this.state.file }));
  }

  protected override onReady(): void {
    // The webview asks for its data itself (with the selection it saved) once it is ready.
  }
}

export const humanInTheLoopView = logFileView(
  PANELS.humanInTheLoop,
  'Human in the Loop',
  (panel, state, services) => new HumanInTheLoopPanel(panel, services, state),
);
