/** A whole file that cannot be read at all (missing, empty, not an eval log, broken container). */
export class EvalLogError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
