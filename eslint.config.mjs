// Lint: TypeScript rules plus the project's architectural boundaries: only the host layer
// (src/host, src/extension.ts) may import `vscode`; engines, protocol, worker, CLI and webviews run
// without it. Only webview/ui/toolkit.ts may import the webview UI toolkit or name one of its tags
// (views build controls with its functions, tests select them by `data-control`), so replacing the
// toolkit is a change to that one file. Number formatting in the webviews, the host and the CLI goes
// through src/protocol/format.ts.
//
// Code a webview may load (webview/, and src/engines, src/protocol, src/shared but src/shared/fs)
// imports no Node built-in and nothing Node-only (src/node, src/shared/fs, the worker, the host, the
// CLI): esbuild bundles it for the browser. Protocol types do not come from the worker's job files,
// and one view (a webview/<name>/ folder with a main.ts) does not import another view's modules:
// code two views share lives in a folder of its own (webview/ui, webview/charts, ...).
import { existsSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const VSCODE = { name: 'vscode', message: 'Only src/host and src/extension.ts may import vscode.' };
const NO_NETWORK = 'Engines do no network I/O: take an HttpFetch (src/engines/llm/openAiRequest.ts) from the caller.';
const NO_LOCALE = {
  property: 'toLocaleString',
  message:
    "A process's first toLocaleString loads ICU's locale data (about 19 ms, more than a small costrisk command spends): use groupDigits (src/shared/text/groupDigits.ts) or src/protocol/format.ts.",
};
const TOOLKIT = {
  name: '@vscode/webview-ui-toolkit',
  message: 'Only webview/ui/toolkit.ts imports the toolkit; use its control functions.',
};
const BROWSER_MESSAGE =
  'Webviews load this code: no Node built-in here. Do the I/O in src/node, the worker, the host or the CLI, and pass the data in.';
const NODE_BUILTINS = builtinModules
  .filter((m) => !m.startsWith('_'))
  .map((name) => ({ name, message: BROWSER_MESSAGE }));
const BROWSER_PATTERNS = [
  { group: ['node:*'], message: BROWSER_MESSAGE },
  {
    group: ['**/node/**', '**/shared/fs/**', '**/worker/**', '**/host/**', '**/cli/**'],
    message: 'Webviews load this code: it may not import Node-only code (src/node, src/shared/fs, worker, host, CLI).',
  },
];
/** The views: every webview/<name>/ folder with a main.ts (one bundle each). */
const WEBVIEW = fileURLToPath(new URL('webview', import.meta.url));
const VIEWS = readdirSync(WEBVIEW).filter((d) => existsSync(join(WEBVIEW, d, 'main.ts')));
/** no-restricted-imports options: the named packages, and Node built-ins unless `node`. */
const restrict = (paths, { node = true, patterns = [] } = {}) => [
  'error',
  {
    paths: node ? paths : [...paths, ...NODE_BUILTINS],
    patterns: node ? patterns : [...BROWSER_PATTERNS, ...patterns],
  },
];
// A toolkit tag (`vscode-button`, `<vscode-dropdown>`, `#x vscode-checkbox[...]`), not a CSS variable
// (`--vscode-button-background`) nor a theme class (`vscode-dark`).
const TAG = String.raw`/(^|[^\w-])vscode-(badge|button|checkbox|data-grid|data-grid-cell|data-grid-row|divider|dropdown|link|option|panel-tab|panel-view|panels|progress-ring|radio|radio-group|tag|text-area|text-field)([^\w-]|$)/`;
const TAG_MESSAGE =
  'Toolkit tags are named only in webview/ui/toolkit.ts: build controls with its functions, select them with controlSelector() or [data-control="..."].';
const TAG_RULES = [
  { selector: `Literal[value=${TAG}]`, message: TAG_MESSAGE },
  { selector: `TemplateElement[value.raw=${TAG}]`, message: TAG_MESSAGE },
];
// Number formatting goes through src/protocol/format.ts, so a figure reads the same in every view and
// in the CLI: no ad-hoc toFixed/toPrecision/toExponential in the webviews, the host or the CLI.
const NUMBER_TEXT = {
  selector: 'CallExpression[callee.property.name=/^(toFixed|toPrecision|toExponential)$/]',
  message:
    'Format numbers with src/protocol/format.ts (formatUsd, formatShare, formatFixed, formatSig...), not toFixed/toPrecision/toExponential.',
};
// Spreading a data-sized array into arguments overflows the stack past ~100k elements: use maxOf, minOf, appendAll (src/shared/arrays.ts).
const NO_SPREAD = [
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min|hypot)$/] > SpreadElement",
    message:
      'Math.max/min/hypot(...array) overflows the stack on large arrays: use maxOf/minOf from src/shared/arrays.ts.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(push|unshift)$/] > SpreadElement',
    message: 'push(...array) overflows the stack on large arrays: use appendAll from src/shared/arrays.ts.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'media/build/**', 'node_modules/**', '.cache/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict([VSCODE, TOOLKIT]),
      'no-restricted-syntax': ['error', ...TAG_RULES],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...TAG_RULES, NUMBER_TEXT] },
  },
  // A ceiling on function length in shipped code (issue 17 item 8): past it, split the function into
  // parts with names of their own. Blank and comment lines do not count. Tests are exempt.
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src/host/**/*.ts', 'src/extension.ts', 'test/host/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([TOOLKIT]) },
  },
  // The host hands engine work to the worker: from the worker's job files it takes types only (a value
  // it shares with them lives in src/protocol), or extension.js would bundle the readers and engines.
  {
    files: ['src/host/**/*.ts', 'src/extension.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/worker/jobs', '**/worker/jobs/**'],
              allowTypeImports: true,
              message: "The host imports only types from the worker's jobs; shared values live in src/protocol.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['webview/**/*.ts', 'src/engines/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/shared/fs/**'],
    rules: { 'no-restricted-imports': restrict([VSCODE, TOOLKIT], { node: false }) },
  },
  { files: ['src/**/*.ts'], rules: { 'no-restricted-properties': ['error', NO_LOCALE] } },
  // Engines do no network I/O: the CLI, the worker or the host passes a `fetch` in (HttpFetch in
  // src/engines/llm/openAiRequest.ts), so a test or another caller decides where requests go.
  {
    files: ['src/engines/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
          name,
          message: NO_NETWORK,
        })),
      ],
      'no-restricted-properties': [
        'error',
        NO_LOCALE,
        ...['globalThis', 'self', 'window'].map((object) => ({
          object,
          property: 'fetch',
          message: NO_NETWORK,
        })),
      ],
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([VSCODE, TOOLKIT], {
        node: false,
        patterns: [
          {
            group: ['**/worker/**'],
            message: 'Protocol types live in src/protocol; worker jobs import them from here.',
          },
        ],
      }),
    },
  },
  ...VIEWS.map((view) => ({
    files: [`webview/${view}/**/*.ts`],
    rules: {
      'no-restricted-imports': restrict([VSCODE, TOOLKIT], {
        node: false,
        patterns: [
          {
            group: VIEWS.filter((v) => v !== view).map((v) => `**/${v}/**`),
            message: `One view does not import another view's modules: move what ${view} shares into a folder of its own (webview/ui, webview/charts, webview/priceControls).`,
          },
        ],
      }),
    },
  })),
  {
    files: ['webview/ui/toolkit.ts'],
    rules: { 'no-restricted-imports': restrict([VSCODE], { node: false }), 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_SPREAD] },
  },
  {
    files: ['src/cli/**/*.ts', 'src/host/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_SPREAD, NUMBER_TEXT] },
  },
);
