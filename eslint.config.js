// Shared lint rules. Layering is enforced here: services and repositories never import fastify,
// only repositories and src/db use kysely, and a capability never imports another capability's
// repository (it imports that capability's types and service instead).
import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const HTTP = { group: ['fastify', '@fastify/*'], message: 'Services, repositories and policies know nothing of HTTP.' }
const KYSELY = { name: 'kysely', message: 'Only repositories and src/db use Kysely.', allowTypeImports: true }

/** Capability folders: every folder of src/ except the shared ones. */
const SHARED = new Set(['platform', 'db', 'views', 'assets'])
const CAPABILITIES = readdirSync(new URL('./src/', import.meta.url), { withFileTypes: true })
  .filter(entry => entry.isDirectory() && !SHARED.has(entry.name))
  .map(entry => entry.name)

/** Another capability's repository, however deep the importing file sits in its own folder. */
const foreignRepositories = own => ({
  group: CAPABILITIES.filter(other => other !== own).map(other => `**/${other}/**/*.repository.ts`),
  message:
    "Import another capability's types (<capability>.types.ts) and service, never its repository: only the owner reads and writes its tables.",
})

/**
 * One block per capability and kind of file, because a later no-restricted-imports replaces an
 * earlier one rather than adding to it. Tests are left out: they may swap another capability's
 * repository for one that fails on purpose, or write fixtures through it.
 */
const capabilityBoundaries = CAPABILITIES.flatMap(own => {
  const folder = `src/${own}/**/*.ts`
  const rule = (patterns, paths = []) => ({
    'no-restricted-imports': ['error', { paths, patterns: [foreignRepositories(own), ...patterns] }],
  })
  return [
    {
      files: [folder],
      ignores: ['**/*.repository.ts', '**/*.service.ts', '**/*.policy.ts', '**/*.test.ts'],
      rules: rule([], [KYSELY]),
    },
    { files: [`src/${own}/**/*.repository.ts`], rules: rule([HTTP]) },
    { files: [`src/${own}/**/*.service.ts`, `src/${own}/**/*.policy.ts`], rules: rule([HTTP], [KYSELY]) },
  ]
})

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'public/build/', 'test-results/', 'playwright-report/', 'content/'] },
  // Handbook sites written as other site generators write them, for the import tests.
  { ignores: ['test/import-fixtures/'] },
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
        DOMParser: 'readonly',
        navigator: 'readonly',
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
  ...capabilityBoundaries,
)
