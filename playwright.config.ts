// Browser journeys in Debian's Chromium, each page checked with axe-core (see e2e/README.md).
//
// Projects, in the order they run:
// - `setup` runs the first-run set-up journey once, with JavaScript switched off (the set-up link
//   printed by the server works only once, and a form that works without JavaScript is the harder
//   case). It then adds an editor and a member through the People pages and saves each role's
//   signed-in browser state for the journeys below.
// - `js` and `no-js` run every other journey, with JavaScript on and off. Both depend on `setup`.
//   They share one server and one database, so one worker runs everything in order, and each
//   journey works on pages of its own (see e2e/support/journey-data.ts).
//
// On PostgreSQL (DATABASE_URL set) only a smoke set runs, with JavaScript on, unless E2E_FULL=1:
// CI runs every journey in both projects on SQLite, and the route and repository tests already run
// on both engines, so the second engine needs only the journeys whose SQL differs most.
import { defineConfig, devices } from '@playwright/test'

const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
}

const browser = { ...devices['Desktop Chrome'], headless: true, launchOptions }

/** Journeys run on PostgreSQL: sign-in, versioned saves, the email outbox, grouped SQL, strategy, public pages. */
export const SMOKE_JOURNEYS = [
  'sign-in.spec.ts',
  'edit-conflict.spec.ts',
  'email.spec.ts',
  'portfolio.spec.ts',
  'products-strategy.spec.ts',
  'open.spec.ts',
]
const smokeOnly = Boolean(process.env.DATABASE_URL?.startsWith('postgres')) && process.env.E2E_FULL !== '1'

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'setup',
      testMatch: 'setup/*.spec.ts',
      use: { ...browser, javaScriptEnabled: false },
    },
    {
      name: 'js',
      testIgnore: 'setup/*.spec.ts',
      ...(smokeOnly ? { testMatch: SMOKE_JOURNEYS.map(file => `**/${file}`) } : {}),
      dependencies: ['setup'],
      use: { ...browser, javaScriptEnabled: true },
    },
    ...(smokeOnly
      ? []
      : [
          {
            name: 'no-js',
            testIgnore: 'setup/*.spec.ts',
            dependencies: ['setup'],
            use: { ...browser, javaScriptEnabled: false },
          },
        ]),
  ],
})
