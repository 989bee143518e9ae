/** An error the CLI reports as one line on stderr before exiting with `exitCode` (2: bad usage or no usable input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
