/**
 * Cancelling long computations. JavaScript runs one thing at a time per thread: while a synchronous
 * loop runs, neither a Ctrl-C (the CLI's SIGINT handler) nor a worker's "cancel" message can be
 * handled, so checking `signal.aborted` inside the loop alone never sees them. Long computations
 * are therefore written as step generators (`Steps`) that `yield` at sensible points (a row, a
 * pair, an epoch; where such points come thick and fast, only once `pauseDue` counts enough work
 * since the last pause): `runSteps` drives one synchronously (checking the signal at each pause), and
 * `runStepsAsync` lets the event loop run every few tens of milliseconds, so a cancel request is
 * seen and the work stops at the next pause.
 */

/** A computation that pauses now and then (each `yield`) and finally returns a T. */
export type Steps<T> = Generator<void, T, void>;

/** The error to throw for an aborted signal: its reason when that is an Error, else an AbortError. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : Object.assign(new Error('Cancelled'), { name: 'AbortError' });
}

/** Throws the abort reason (see abortError) when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** Runs `steps` to the end on the spot, checking `signal` at every pause. */
export function runSteps<T>(steps: Steps<T>, signal?: AbortSignal): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    throwIfAborted(signal);
  }
}

/**
 * About how much work (multiply-adds, say) a step generator does between two pauses when it asks
 * `pauseDue`: a few tenths of a millisecond in optimised code, a few tens in the interpreter (the
 * first run of cold code). Pausing at every natural point instead (each pair, row or epoch) cost the
 * small data sets of a batch more than their arithmetic: ~180 pauses a 10-D data set, each resuming
 * every generator down the `yield*` chain and reading the clock, most of it before the code is optimised.
 */
export const PAUSE_WORK = 1 << 18;

let workSincePause = 0;

/**
 * Counts `work` units done since the last pause and says whether to pause now (`if (pauseDue(w))
 * yield;`); the count restarts when it says yes. One count for the thread: the generators of one
 * computation share it, and any other computation on the thread only makes pauses come sooner.
 */
export function pauseDue(work: number): boolean {
  workSincePause += work;
  if (workSincePause < PAUSE_WORK) return false;
  workSincePause = 0;
  return true;
}

/** How long a computation keeps the event loop to itself between two yields to it (ms). */
export const SLICE_MS = 40;

/** Resolves after the event loop has handled what is waiting (I/O, signals, messages). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `steps`, giving the event loop a turn every SLICE_MS, and throws the abort reason at the
 * first pause after `signal` is aborted: a Ctrl-C or a cancel message stops the work within about
 * SLICE_MS plus the longest stretch between two pauses.
 */
export async function runStepsAsync<T>(steps: Steps<T>, signal?: AbortSignal, sliceMs = SLICE_MS): Promise<T> {
  let last = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - last >= sliceMs) {
      await yieldToEventLoop();
      last = performance.now();
    }
    throwIfAborted(signal);
  }
}

/** The items of `items`, checking `signal` before each (e.g. the chunks of a file being written: a cancelled write stops there). */
export function* untilAborted<T>(items: Iterable<T>, signal: AbortSignal | undefined): Generator<T, void, void> {
  for (const item of items) {
    throwIfAborted(signal);
    yield item;
  }
}
