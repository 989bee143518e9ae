/**
 * What keeps a run from spending more than it should: the spend meter with its budget (dollars
 * and/or tokens, over the whole run, across resumes) and the circuit breaker that stops the run
 * after a number of failed calls in a row. Both stop the run by throwing a {@link SessionStop}.
 */
import type { StageCall } from './callModel';
import type { CallEstimate } from './costEstimate';

export type StopReason = 'budget' | 'failures';

/** The run stopped on purpose; the results so far are kept. */
export class SessionStop extends Error {
  constructor(
    readonly reason: StopReason,
    message: string,
  ) {
    super(message);
  }
}

/** What the run has spent: calls, tokens and dollars, embedding requests included. */
export interface Spend {
  chatCalls: number;
  embeddingRequests: number;
  tokens: number;
  /** Null while nothing spent had a price. */
  usd: number | null;
  /** Answered calls whose usage was missing or implausible, counted at their estimate. */
  estimatedCalls: number;
  /** Of `tokens` and `usd`: what the embedding requests took (usd null while none was priced). */
  embeddingTokens: number;
  embeddingUsd: number | null;
}

export interface Budget {
  usd: number | null;
  tokens: number | null;
}

const money = (x: number) => `$${x === 0 ? '0' : x < 0.01 ? x.toPrecision(3) : x.toFixed(2)}`;

/**
 * Adds up what the run spends and stops it before a call when the budget is reached, or when the
 * call's estimate would take the spending past it. An answered call is charged its reported tokens
 * and cost; one whose usage was missing or implausible is charged its estimate (and counted); a call
 * that failed in transport is charged nothing (the endpoint did not answer).
 */
export class SpendMeter {
  readonly spend: Spend = {
    chatCalls: 0,
    embeddingRequests: 0,
    tokens: 0,
    usd: null,
    estimatedCalls: 0,
    embeddingTokens: 0,
    embeddingUsd: null,
  };

  constructor(readonly budget: Budget) {}

  addUsd(usd: number | null): void {
    if (usd !== null) this.spend.usd = (this.spend.usd ?? 0) + usd;
  }

  /** Charges one chat call (as made now, or read back from the journal). */
  addCall(call: StageCall, estimate: CallEstimate | null): void {
    this.spend.chatCalls++;
    if (call.errorKind === 'transport') return;
    const reported = call.inputTokens !== null && call.outputTokens !== null && call.errorKind !== 'usage';
    if (reported) {
      this.spend.tokens += (call.inputTokens ?? 0) + (call.outputTokens ?? 0);
      this.addUsd(call.costUsd);
      return;
    }
    if (estimate === null) return;
    this.spend.estimatedCalls++;
    this.spend.tokens += estimate.inputTokens + estimate.outputTokens;
    this.addUsd(estimate.usd);
  }

  addEmbedding(requests: number, tokens: number, usd: number | null): void {
    this.spend.embeddingRequests += requests;
    this.spend.tokens += tokens;
    this.spend.embeddingTokens += tokens;
    if (usd !== null) this.spend.embeddingUsd = (this.spend.embeddingUsd ?? 0) + usd;
    this.addUsd(usd);
  }

  /** @throws SessionStop('budget') when the budget is reached or this call would pass it. */
  checkBefore(next: { tokens: number; usd: number | null }, what: string): void {
    const { usd, tokens } = this.budget;
    const spentUsd = this.spend.usd ?? 0;
    if (usd !== null && spentUsd >= usd)
      throw new SessionStop('budget', `the budget of ${money(usd)} is reached: ${money(spentUsd)} spent`);
    if (usd !== null && spentUsd + (next.usd ?? 0) > usd)
      throw new SessionStop(
        'budget',
        `the budget of ${money(usd)} would be passed: ${money(spentUsd)} spent, and ${what} would cost about ${money(next.usd ?? 0)} more`,
      );
    const spentTokens = this.spend.tokens;
    if (tokens !== null && spentTokens >= tokens)
      throw new SessionStop('budget', `the budget of ${tokens} tokens is reached: ${spentTokens} spent`);
    if (tokens !== null && spentTokens + next.tokens > tokens)
      throw new SessionStop(
        'budget',
        `the budget of ${tokens} tokens would be passed: ${spentTokens} spent, and ${what} would take about ${next.tokens} more`,
      );
  }
}

/** Stops the run after `limit` failed calls in a row (any cause: transport, malformed reply, implausible usage). */
export class CircuitBreaker {
  private streak = 0;
  private last: string | null = null;

  constructor(readonly limit: number) {}

  /** Failed calls in a row so far (0 after a success). */
  get failuresInARow(): number {
    return this.streak;
  }

  /** @throws SessionStop('failures') when this failure is the limit-th in a row. */
  record(call: StageCall): void {
    if (call.error === null) {
      this.streak = 0;
      return;
    }
    this.streak++;
    this.last = `${call.model}: ${call.error}`;
    if (this.streak >= this.limit)
      throw new SessionStop('failures', `the endpoint failed ${this.streak} calls in a row; last: ${this.last}`);
  }
}
