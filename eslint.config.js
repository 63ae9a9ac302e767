// Shared lint rules. Layering is enforced here: services and repositories never import fastify,
// and only repositories and src/db use kysely.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'public/build/', 'test-results/', 'playwright-report/', 'content/'] },
  js.configs.recommended,
  {
    files: ['src/assets/js/**/*.mjs'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        URLSearchParams: 'readonly',
        HTMLDialogElement: 'readonly',
      },
    },
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.service.ts', 'src/**/*.repository.ts', 'src/**/*.policy.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify', '@fastify/*'], message: 'Services, repositories and policies know nothing of HTTP.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/db/**', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', message: 'Only repositories and src/db use Kysely.', allowTypeImports: true }],
          patterns: [
            { group: ['fastify', '@fastify/*'], message: 'Services, repositories and policies know nothing of HTTP.' },
          ].filter(() => false),
        },
      ],
    },
  },
  {
    files: ['src/**/*.service.ts', 'src/**/*.policy.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', message: 'Only repositories and src/db use Kysely.', allowTypeImports: true }],
          patterns: [{ group: ['fastify', '@fastify/*'], message: 'Services and policies know nothing of HTTP.' }],
        },
      ],
    },
  },
)
