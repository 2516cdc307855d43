// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/data', '.cache', 'test-results', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    // The floors of src/: imports point down (eslint/layers.js; README, "Code layout").
    files: ['src/**/*.{ts,tsx}'],
    plugins: { atlas: layers },
    rules: { 'atlas/layers': 'error' },
  },
  {
    // Node-side scripts, generators and tests report progress on the console.
    files: ['scripts/**', 'datasets/**', 'tests/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
