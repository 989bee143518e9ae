/**
 * The append-only journal of an Inter-Cascade run, so that a run killed at any point resumes where it
 * stopped without paying twice. One JSON line per record (journalRecords.ts): a header with the
 * run's configuration and starting repository, then a `call` record after every model call (so an
 * interrupted query does not pay again for the calls it already made) and a `query` record after
 * every finished online query (its trace and the strategy it added: enough to rebuild both).
 * Embedding vectors ride along with the record written after the request that produced them.
 *
 * With a comparison (plain cascade, random strategies) the controls' calls and queries are recorded
 * the same way, each with its arm; a call is keyed by its prompt, so a prompt another arm already
 * paid for is answered from the journal. Judge verdicts and a fall-back to word matching (the
 * embedding model failed) have records of their own.
 *
 * Reading is strict: a journal of another configuration is refused with the fields that differ, a
 * bad line in the middle is refused with its number, and only the last line may be cut short (a
 * kill during a write): it is dropped, reported, and cut off the file before anything is appended.
 */
import { formatRepositoryJsonl } from './repositoryJsonl';
import {
  readJournalRecord,
  JOURNAL_VERSION,
  type ArmName,
  type CallRecord,
  type EmbeddingSpend,
  type JournalRecord,
  type JudgeRecord,
  type QueryRecord,
} from './journalRecords';
import type { StageCall } from './callModel';
import type { StrategyEntry } from './strategyRepository';
import { utf8Bytes } from '../llm/tokenUsage';

/** Where a journal lives; the CLI and the worker give a file (src/node/intercascade/fileJournal.ts), tests may keep it in memory. */
export interface JournalStore {
  /** For messages: the file's path. */
  readonly name: string;
  /** The journal's text, or null when there is none yet. */
  read(): Promise<string | null>;
  /** Cuts the journal to its first `bytes` bytes (UTF-8). */
  truncate(bytes: number): Promise<void>;
  /** Appends `text` durably (written and flushed before the promise settles). */
  append(text: string): Promise<void>;
}

/** A journal that does not belong to this run: its message says why. */
export class JournalMismatchError extends Error {}

/** What a journal already holds. */
export interface ResumeState {
  /** The repository the run started from (the header's, not the file's current content). */
  initialRepository: StrategyEntry[];
  /** Answered calls (successful, or paid for though malformed) by prompt key, with the arm that paid: never made again. Calls that failed in transport are not here: they are made again. */
  calls: Map<string, { call: StageCall; arm: ArmName }>;
  /** Every call record, in order (what was paid). */
  callRecords: CallRecord[];
  /** Every judge call, in order; `verdicts` the answered ones by key. */
  judgeRecords: JudgeRecord[];
  verdicts: Map<string, boolean | null>;
  /** Finished online queries of every arm, in order. */
  queries: QueryRecord[];
  /** Why the run fell back from embeddings to word matching, if it did. */
  fallback: string | null;
  /** Every record's embedding spend, with vectors. */
  embeddingSpends: EmbeddingSpend[];
  /** A cut-short last line that was dropped, if any. */
  droppedTail: string | null;
}

/** Describes how two configurations differ ("weak model: a → b; k: 2 → 3"); empty when they agree. */
export function configDifferences(was: Record<string, unknown>, now: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return keys
    .filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]))
    .map((k) => `${k}: ${JSON.stringify(was[k]) ?? 'none'} → ${JSON.stringify(now[k]) ?? 'none'}`);
}

function entriesEqual(a: readonly StrategyEntry[], b: readonly StrategyEntry[]): boolean {
  return formatRepositoryJsonl(a) === formatRepositoryJsonl(b);
}

/**
 * Reads a journal's text; null when it holds nothing but a cut-short header (a kill during the
 * very first write: start afresh). @throws JournalMismatchError for another configuration, another
 * starting repository (see below), or a bad line before the last.
 * The repository file may have been saved by an earlier, interrupted run of the same journal, so it
 * is accepted when it holds the journal's starting entries followed by some of the strategies the
 * journal added, in order.
 */
export function readJournal(
  text: string,
  name: string,
  config: Record<string, unknown>,
  repositoryNow: readonly StrategyEntry[],
): { state: ResumeState; validBytes: number; endsWithNewline: boolean } | null {
  const parts = text.split('\n');
  const state: ResumeState = {
    initialRepository: [],
    calls: new Map(),
    callRecords: [],
    judgeRecords: [],
    verdicts: new Map(),
    queries: [],
    fallback: null,
    embeddingSpends: [],
    droppedTail: null,
  };
  let bytes = 0;
  let validBytes = 0;
  let endsWithNewline = true;
  let header = false;
  for (let i = 0; i < parts.length; i++) {
    const raw = parts[i];
    const complete = i < parts.length - 1;
    if (!raw.trim()) {
      if (complete) bytes += utf8Bytes(raw) + 1;
      continue;
    }
    let rec: JournalRecord;
    try {
      rec = readJournalRecord(JSON.parse(raw));
    } catch (e) {
      if (!complete && e instanceof SyntaxError) {
        state.droppedTail = raw.slice(0, 80);
        break;
      }
      throw new JournalMismatchError(
        `${name}:${i + 1}: ${(e as Error).message}; the journal is damaged (move it away to start the run afresh)`,
      );
    }
    bytes += utf8Bytes(raw) + (complete ? 1 : 0);
    validBytes = bytes;
    endsWithNewline = complete;
    if (!header) {
      state.initialRepository = checkHeader(rec, name, config);
      header = true;
      continue;
    }
    if (rec.type === 'header') throw new JournalMismatchError(`${name}:${i + 1}: a second header`);
    if (rec.type === 'call') {
      state.callRecords.push(rec);
      if (answered(rec.call)) state.calls.set(rec.key, { call: rec.call, arm: rec.arm });
    } else if (rec.type === 'judge') {
      state.judgeRecords.push(rec);
      if (answered(rec.call)) state.verdicts.set(rec.key, rec.verdict);
    } else if (rec.type === 'fallback') state.fallback = rec.message;
    else if (rec.type === 'query') state.queries.push(rec);
    if (rec.type === 'call' || rec.type === 'query' || rec.type === 'embeddings') state.embeddingSpends.push(rec);
  }
  if (!header && state.droppedTail !== null) return null;
  if (!header) throw new JournalMismatchError(`${name}: the journal has no header`);
  checkRepositoryNow(state, name, repositoryNow);
  return { state, validBytes, endsWithNewline };
}

/**
 * The journal's first record: its header, of this version and this configuration.
 * @returns the starting repository it records. @throws JournalMismatchError otherwise.
 */
function checkHeader(rec: JournalRecord, name: string, config: Record<string, unknown>): StrategyEntry[] {
  if (rec.type !== 'header') throw new JournalMismatchError(`${name}:1: the journal does not start with its header`);
  if (rec.version !== JOURNAL_VERSION)
    throw new JournalMismatchError(
      `${name}: journal version ${rec.version} is not ${JOURNAL_VERSION} (written by another version of Cost-Risk Lab); move it away to start the run afresh`,
    );
  const diff = configDifferences(rec.config, config);
  if (diff.length)
    throw new JournalMismatchError(
      `${name} belongs to a run with another configuration (${diff.join('; ')}); give another journal or output file, or move it away to start afresh`,
    );
  return rec.initial_repository;
}

/**
 * The repository file now must hold the journal's starting entries followed by some of the
 * strategies the journal added, in order. @throws JournalMismatchError otherwise.
 */
function checkRepositoryNow(state: ResumeState, name: string, repositoryNow: readonly StrategyEntry[]): void {
  const added = state.queries.flatMap((q) => (q.arm === 'retrieval' && q.strategy ? [q.strategy] : []));
  const start = state.initialRepository;
  const extra = repositoryNow.length - start.length;
  if (!(extra >= 0 && extra <= added.length && entriesEqual(repositoryNow, [...start, ...added.slice(0, extra)]))) {
    throw new JournalMismatchError(
      `${name} began from a strategy repository of ${start.length} entries, and the repository file now holds ${repositoryNow.length} that are not those plus strategies of this run; restore it, or move the journal away to start afresh`,
    );
  }
}

/** Whether a call was answered (successfully, or paid for though malformed): never made again. */
export const answered = (c: StageCall): boolean =>
  c.error === null || (c.errorKind !== 'transport' && c.errorKind !== null && c.errorKind !== undefined);

/** Appends records to a journal, one line each; a no-op without a store. */
export class JournalWriter {
  private pendingNewline: boolean;

  constructor(
    private readonly store: JournalStore | null,
    endsWithNewline = true,
  ) {
    this.pendingNewline = !endsWithNewline;
  }

  get name(): string | null {
    return this.store?.name ?? null;
  }

  /** Ends a last line that was written whole but for its newline, so the file is whole lines again. */
  async endLine(): Promise<void> {
    if (!this.store || !this.pendingNewline) return;
    await this.store.append('\n');
    this.pendingNewline = false;
  }

  async write(rec: JournalRecord): Promise<void> {
    if (!this.store) return;
    const line = JSON.stringify(rec) + '\n';
    await this.store.append(this.pendingNewline ? '\n' + line : line);
    this.pendingNewline = false;
  }
}

/** A journal's header for this run. */
export function headerRecord(
  config: Record<string, unknown>,
  initialRepository: readonly StrategyEntry[],
): JournalRecord {
  return { type: 'header', version: JOURNAL_VERSION, config, initial_repository: [...initialRepository] };
}
