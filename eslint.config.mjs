// Lint: TypeScript rules plus the project's one architectural boundary: only the host layer
// (src/host, src/extension.ts) may import `vscode`; engines, protocol, worker, CLI and webviews run without it.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'media/build/**', 'node_modules/**', '.cache/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/host and src/extension.ts may import vscode.' }] }],
    },
  },
  {
    files: ['src/host/**/*.ts', 'src/extension.ts', 'test/host/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Spreading a data-sized array into arguments overflows the stack past ~100k elements: use maxOf, minOf, appendAll (src/shared/arrays.ts).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min|hypot)$/] > SpreadElement", message: 'Math.max/min/hypot(...array) overflows the stack on large arrays: use maxOf/minOf from src/shared/arrays.ts.' },
        { selector: "CallExpression[callee.property.name=/^(push|unshift)$/] > SpreadElement", message: 'push(...array) overflows the stack on large arrays: use appendAll from src/shared/arrays.ts.' },
      ],
    },
  },
);
