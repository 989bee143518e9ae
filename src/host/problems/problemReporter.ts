import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { LogSummary } from '../../protocol/logSummary';
import { displayLine, displayText } from '../text/displayText';
import { formatProblems, problemHeadline } from './formatProblems';

const SHOW_DETAILS = 'Show Details';

/**
 * The "Cost-Risk Lab" output channel and the error notifications that point to it. A log's
 * problems are written and announced once per version of the file (mtime and size), however many
 * views read it. Everything written or shown goes through `displayLine`/`displayText`: secrets
 * redacted, control characters removed (a model name cannot move the cursor or ring the bell).
 */
export class ProblemReporter implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Cost-Risk Lab');
  private readonly reported = new Set<string>();
  /** Lines written to the channel so far: with none, "Show Log Problems" says so instead of an empty panel. */
  private written = 0;

  /** Writes the log's problems to the channel and, if lines were skipped, shows an error notification. */
  report(summary: LogSummary): void {
    const key = `${summary.file}\u0000${summary.mtimeMs}\u0000${summary.size}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    if (summary.problems.length === 0 && summary.splits.every((s) => s.notes.length === 0)) return;
    this.append(displayText(formatProblems(summary), 2_000_000));
    const headline = problemHeadline(summary, basename(summary.file));
    if (headline) this.notify(headline);
  }

  /** An unexpected failure (a bug, a crashed worker): logged with its stack, announced with details. */
  error(context: string, err: unknown): void {
    const e = err instanceof Error ? err : new Error(String(err));
    this.append(`[${new Date().toISOString()}] ${displayText(`${context}: ${e.stack ?? e.message}`)}`);
    this.notify(`${context}: ${e.message}`);
  }

  log(line: string): void {
    this.append(`[${new Date().toISOString()}] ${displayLine(line, 10_000)}`);
  }

  private append(text: string): void {
    this.written++;
    this.channel.appendLine(text);
  }

  /** Opens the output channel; when nothing was ever written to it, says so in a message instead. */
  show(): void {
    if (this.written === 0) {
      void vscode.window.showInformationMessage(
        'Cost-Risk Lab: no log problems so far: the logs read in this window have no skipped lines and no warnings.',
      );
      return;
    }
    this.channel.show(true);
  }

  private notify(message: string): void {
    void vscode.window.showErrorMessage(`Cost-Risk Lab: ${displayLine(message, 1000)}`, SHOW_DETAILS).then((choice) => {
      if (choice === SHOW_DETAILS) this.show();
    });
  }

  dispose(): void {
    this.channel.dispose();
  }
}
