/**
 * The session's paid calls, in one place: each answer call and judge call is looked up by its
 * prompt first (the journal of an earlier run, or another arm of a comparison on the same query:
 * an identical prompt is never paid twice), else checked against the budget, made, charged,
 * journaled and shown to the circuit breaker. Answers are graded here too (the local matcher, and
 * for matching by a judge the judge's verdict, itself looked up before it is paid).
 */
import { sha256Hex } from '../../shared/text/sha256';
import type { ChatFunction } from '../llm/chatFunction';
import type { ModelPrice } from '../logs/types';
import { callModel, type StageCall } from './callModel';
import type { CascadeModel } from './cascadeModel';
import { answered, type JournalWriter } from './cascadeJournal';
import { estimateAnswerCall, estimateJudgeCall } from './costEstimate';
import type { ArmName, EmbeddingSpend } from './journalRecords';
import { judgeAnswer } from './judgeCall';
import { localMatcher, type MatchOptions } from './matchAnswer';
import type { CascadeQuery } from './queriesJsonl';
import type { CircuitBreaker, SpendMeter } from './sessionGuards';
import type { RetrievedStrategy } from './strategyRepository';
import type { PromptRole } from './answerPrompt';

const hash = (parts: unknown[]): string => sha256Hex(JSON.stringify(parts)).slice(0, 32);

/** The key of an answer call: the query, the model and the notes shown (which with the role fix the prompt). */
export function answerKey(
  phase: 'calibration' | 'online',
  queryId: string,
  model: string,
  shown: readonly RetrievedStrategy[],
): string {
  return hash([phase, queryId, model, shown.map((s) => [s.entry.query, s.entry.answer, s.entry.strategy])]);
}

export interface AnswerRequest {
  phase: 'calibration' | 'online';
  arm: ArmName;
  q: CascadeQuery;
  stage: number;
  model: CascadeModel;
  role: PromptRole;
  shown: readonly RetrievedStrategy[];
  threshold: number | null;
}

export interface CallDeskOptions {
  meter: SpendMeter;
  breaker: CircuitBreaker;
  writer: JournalWriter;
  priceOf: (model: string) => ModelPrice | null;
  match: MatchOptions;
  /** The chat function the judge is asked through (needed for matching by a judge). */
  chat: ChatFunction | null;
  /** Embedding spending since the last record (rides along with the next call record). */
  takeFresh: () => EmbeddingSpend;
  /** What the journal already holds. */
  paid: Map<string, { call: StageCall; arm: ArmName }>;
  verdicts: Map<string, boolean | null>;
  judgeCalls: readonly StageCall[];
  /** The arm of every call the journal records as paid. */
  paidArms: readonly ArmName[];
  signal?: AbortSignal;
}

/** Where a call's answer came from: paid now, the journal of an earlier run of this arm, or another arm's call. */
export type CallSource = 'paid' | 'journal' | 'shared';

export class CallDesk {
  /** Every judge call of the run (journaled ones first). */
  readonly judgeCalls: StageCall[];
  private readonly local;
  private readonly paidCounts = new Map<ArmName, number>();

  constructor(private readonly o: CallDeskOptions) {
    this.judgeCalls = [...o.judgeCalls];
    this.local = localMatcher(o.match);
    for (const a of o.paidArms) this.countPaid(a);
  }

  /** Answer calls this arm paid for (failed ones included), across resumes. */
  paidByArm(arm: ArmName): number {
    return this.paidCounts.get(arm) ?? 0;
  }

  private countPaid(arm: ArmName): void {
    this.paidCounts.set(arm, this.paidByArm(arm) + 1);
  }

  /** One answer call, graded; `source` says whether it was paid now. */
  async answer(r: AnswerRequest): Promise<{ call: StageCall; source: CallSource }> {
    const { o } = this;
    const key = answerKey(r.phase, r.q.queryId, r.model.name, r.shown);
    const done = o.paid.get(key);
    if (done) return { call: await this.grade(r.q, done.call), source: done.arm === r.arm ? 'journal' : 'shared' };
    const est = estimateAnswerCall(r.role, r.q.question, r.shown, o.priceOf(r.model.name));
    o.meter.checkBefore(
      { tokens: est.inputTokens + est.outputTokens, usd: est.usd },
      `the next call (${r.model.name} on query "${r.q.queryId}")`,
    );
    const call = await callModel(r.model, r.q.question, r.shown, r.q.gold, r.threshold, o.signal, this.local);
    o.meter.addCall(call, est);
    this.countPaid(r.arm);
    await o.writer.write({
      type: 'call',
      phase: r.phase,
      arm: r.arm,
      key,
      query_id: r.q.queryId,
      stage: r.stage,
      call,
      estimate: est,
      ...o.takeFresh(),
    });
    if (answered(call)) o.paid.set(key, { call, arm: r.arm });
    o.breaker.record(call);
    return { call: await this.grade(r.q, call), source: 'paid' };
  }

  /** The call with its `correct` from the judge, when matching by a judge and the exact match failed. */
  private async grade(q: CascadeQuery, call: StageCall): Promise<StageCall> {
    if (this.o.match.mode !== 'judge' || q.gold === null || call.answer === null || call.correct !== false) return call;
    const verdict = await this.judge(q, q.gold, call.answer);
    return verdict === null ? call : { ...call, correct: verdict };
  }

  private async judge(q: CascadeQuery, gold: string, answer: string): Promise<boolean | null> {
    const { o } = this;
    const model = o.match.judgeModel ?? '';
    const key = hash(['judge', q.queryId, model, answer.trim()]);
    if (o.verdicts.has(key)) return o.verdicts.get(key) ?? null;
    if (!o.chat) throw new Error('matching by a judge needs a chat function');
    const input = { question: q.question, gold, answer };
    const est = estimateJudgeCall(input, o.priceOf(model));
    o.meter.checkBefore(
      { tokens: est.inputTokens + est.outputTokens, usd: est.usd },
      `judging an answer to query "${q.queryId}" with ${model}`,
    );
    const { call, verdict } = await judgeAnswer(o.chat, model, o.priceOf(model), input, o.signal);
    o.meter.addCall(call, est);
    await o.writer.write({ type: 'judge', key, query_id: q.queryId, call, verdict, estimate: est });
    if (answered(call)) o.verdicts.set(key, verdict);
    this.judgeCalls.push(call);
    o.breaker.record(call);
    return verdict;
  }
}
