// Loads several compiled test files into one Node process (scripts/runTests.mjs groups short files
// of the pure-code areas this way): each file registers its tests with node:test as it is loaded,
// and they run one file after the other, as they would in their own processes.
// Usage: node --test-reporter=spec scripts/testBatch.mjs <compiled test file>...
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
