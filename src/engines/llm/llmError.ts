import { redactSecrets } from '../../shared/text/redactSecrets';

/** Why a call failed: the network, the server, its reply's format, or its token counts. */
export type LlmErrorKind = 'http' | 'timeout' | 'aborted' | 'network' | 'reply' | 'usage';

/** Tokens (and their cost, when priced) of a call that was answered but failed afterwards: it was paid all the same. */
export interface SpentOnFailure {
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}

/**
 * A failed language-model request; `kind` says whether to blame the network, the server or its
 * reply. The message is redacted ({@link redactSecrets}) so a key echoed by a server or a URL with
 * credentials never reaches a user. `retryAfter` is the server's `Retry-After` header as sent;
 * `attempts` how many requests were made before giving up; `spent` what an answered call cost.
 */
export class LlmError extends Error {
  retryAfter?: string;
  attempts?: number;
  spent?: SpentOnFailure;

  constructor(
    message: string,
    readonly kind: LlmErrorKind,
    readonly status?: number,
  ) {
    super(redactSecrets(message));
  }

  /** A copy with another message and the same kind, status and extras. */
  withMessage(message: string): LlmError {
    const out = new LlmError(message, this.kind, this.status);
    Object.assign(out, { retryAfter: this.retryAfter, attempts: this.attempts, spent: this.spent });
    return out;
  }
}
