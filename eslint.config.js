// Lint enforces the layering of DESIGN.md §1 (import direction) and the engine's purity.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const hostModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'electron', 'react', 'react-dom', 'comlink'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**', 'bench/out/**', 'test/e2e/__screenshots__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', Buffer: 'readonly', structuredClone: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The pure engine: no host, no wall clock, no unseeded randomness, nothing from other layers.
    files: ['sim-engine/**/*.ts'],
    ignores: ['sim-engine/cli/**', 'sim-engine/worker/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: hostModules, message: 'sim-engine is pure TypeScript: host APIs belong in sim-engine/cli or sim-engine/worker.' },
          { group: ['**/main/**', '**/renderer/**', '**/cli/**', '**/worker/**'], message: 'sim-engine imports nothing outside itself (DESIGN.md §1).' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG (core/rng.ts): randomness is injected and named.' },
        { object: 'Date', property: 'now', message: 'Simulated time only: no wall clock in the engine.' },
        { object: 'performance', property: 'now', message: 'Simulated time only: no wall clock in the engine.' },
      ],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in the engine.' },
        { name: 'document', message: 'No DOM in the engine.' },
        { name: 'process', message: 'No Node in the engine.' },
        { name: 'setTimeout', message: 'The engine does not schedule host tasks; hosts drive it in slices.' },
      ],
    },
  },
  {
    files: ['sim-engine/cli/**/*.ts', 'sim-engine/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The engine hosts import only the engine.' }] }],
    },
  },
  {
    // Preload and renderer see only the IPC contract from main/.
    files: ['main/preload/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/*', '**/main/*/*', '**/main/*/*/**', '!**/main/ipc', '!**/main/ipc/contract', '!**/main/ipc/contract.js', '!**/main/ipc/contract.ts'], message: 'Only main/ipc/contract.ts may be imported from main/.' },
          { group: ['node:*', 'fs', 'path', 'child_process'], message: 'The renderer reaches the OS only through window.fleetlab.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only main/ imports electron.' }],
        patterns: [
          { group: ['**/main/*', '**/main/*/*', '**/main/*/*/**', '!**/main/ipc', '!**/main/ipc/contract', '!**/main/ipc/contract.js', '!**/main/ipc/contract.ts'], message: 'Only main/ipc/contract.ts may be imported from main/.' },
          { group: ['**/sim-engine/cli/**'], message: 'The renderer talks to the engine through the worker client.' },
        ],
      }],
    },
  },
  {
    files: ['sim-engine/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'main/ipc/contract.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='electron']", message: 'Only main/ imports electron.' }] },
  },
);
