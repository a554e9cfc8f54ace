// House rules: typescript-eslint's recommended set, Lit's and web components' rules for the
// elements, and nothing that argues with Prettier (which owns the layout).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'service/dist/', 'node_modules/', '.run/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'demo/**/*.ts', 'test/**/*.ts', 'test/support/csp/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/elements/**/*.ts', 'demo/**/*.ts', 'test/elements/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/elements/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['service/**/*.ts', '*.mjs', 'test/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Node scripts, some of whose functions run in the page (puppeteer's evaluate).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      // Unused names are a compile error already (tsconfig); a leading underscore marks a
      // parameter a signature needs but this implementation does not.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The product speaks through its logger (elements) or pino (service), never stray prints.
    files: ['src/**/*.ts', 'service/src/**/*.ts'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
  prettier,
);
