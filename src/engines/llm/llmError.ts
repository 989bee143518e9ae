/** A failed language-model request; `kind` says whether to blame the network, the server or its reply. */
export class LlmError extends Error {
  constructor(
    message: string,
    readonly kind: 'http' | 'timeout' | 'aborted' | 'network' | 'reply',
    readonly status?: number,
  ) {
    super(message);
  }
}
