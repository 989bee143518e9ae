/**
 * The `costrisk` executable: the command runs in a worker thread and the main thread only relays its
 * output and watches for Ctrl-C. JavaScript cannot interrupt a synchronous computation (a fit over a
 * million records, a price sweep) to run a signal handler, so with the command on the main thread a
 * Ctrl-C would wait for the computation to end. Here the first Ctrl-C asks the command to stop (its
 * AbortSignal: reads, the generator and other cooperative loops stop at their next pause, cleanly);
 * if it is still running GRACE_MS later, the worker is terminated, which stops even a synchronous
 * loop at once (outputs are written to a temporary file and renamed, so no half-written file is
 * left under its real name). A second Ctrl-C exits at once.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** How long a cancelled command may take to stop by itself before its thread is terminated. */
export const GRACE_MS = 500;

type Main = (
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  opts: { signal?: AbortSignal },
) => Promise<number>;
type FromCli = { type: 'out' | 'err'; text: string } | { type: 'exit'; code: number };

const MARK = 'costriskCliWorker';

/** Whether this thread is the worker that runCliProcess started. */
export function isCliWorker(): boolean {
  return !isMainThread && (workerData as Record<string, unknown> | null)?.[MARK] === true;
}

/**
 * Runs the command line of this process in a worker thread started from `entryFile` (the bundle
 * holding the commands, or the TypeScript source under tsx), relays its output and sets the exit
 * code. The main thread loads only this file: the commands are compiled once, in the worker.
 */
export async function runCliProcess(entryFile: string): Promise<void> {
  const argv = process.argv.slice(2);
  const name = argv[0] ?? '';
  const data = { [MARK]: true, argv };
  // Under tsx (development), the worker registers the TypeScript loader before loading the source.
  const worker = entryFile.endsWith('.ts')
    ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(entryFile)});`, {
        eval: true,
        workerData: data,
        execArgv: [],
      })
    : new Worker(entryFile, { workerData: data });
  let code: number | null = null;
  let cancelled = false;
  worker.on('message', (m: FromCli) => {
    if (m.type === 'exit') code = m.code;
    else (m.type === 'out' ? process.stdout : process.stderr).write(m.text + '\n');
  });
  worker.on('error', (e) => {
    process.stderr.write(`costrisk ${name}: internal error: ${e.message}\n`);
    code = 1;
  });
  const onSigint = (): void => {
    if (cancelled) process.exit(130);
    cancelled = true;
    process.stderr.write(`costrisk ${name}: cancelling (press Ctrl-C again to quit at once)\n`);
    worker.postMessage('cancel');
    setTimeout(() => {
      if (code !== null) return;
      process.stderr.write(`costrisk ${name}: cancelled\n`);
      code = 130;
      void worker.terminate();
    }, GRACE_MS).unref();
  };
  process.on('SIGINT', onSigint);
  await new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  process.off('SIGINT', onSigint);
  process.exitCode = code ?? 1;
}

/** The worker side of runCliProcess: runs `main` on the arguments it was given and reports its exit code. */
export async function runCliWorker(main: Main): Promise<void> {
  const port = parentPort!;
  const controller = new AbortController();
  port.on('message', (m: unknown) => {
    if (m === 'cancel') controller.abort();
  });
  const post = (m: FromCli): void => port.postMessage(m);
  const argv = (workerData as { argv: string[] }).argv;
  const code = await main(
    argv,
    (text) => post({ type: 'out', text }),
    (text) => post({ type: 'err', text }),
    { signal: controller.signal },
  );
  post({ type: 'exit', code });
  port.close();
}
