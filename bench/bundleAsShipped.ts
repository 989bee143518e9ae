import { buildSync } from 'esbuild';

/**
 * Bundles `entryPoints` (output name → source file) into `outdir` as esbuild.mjs bundles the worker
 * and the CLI (Node, CommonJS, one file per entry), so that a benchmark times the code as it ships:
 * loaded from the TypeScript through tsx instead, every call between modules goes through a getter.
 */
export function bundleAsShipped(entryPoints: Record<string, string>, outdir: string): void {
  buildSync({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}
