// One linter configuration for the whole workspace (typescript-eslint's recommended rules).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'var/**', 'packages/db/src/generated/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Frozen migrations run on Kysely<any> (Kysely's docs); tests and the demo read JSON bodies loosely on purpose.
    files: ['migrations/**', 'packages/testing/**', 'test/**', 'scripts/demo.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
