// The services alone, as buildServices wires them for the app, on a fresh migrated database: for
// service tests, which need no HTTP. A test that must see a service fail or race swaps a
// repository (`replace`); nobody wires a service by hand.
import type { Kysely } from 'kysely'
import { loadConfig, type Config } from '../src/config.ts'
import type { Database } from '../src/db/schema.ts'
import type { SeedChoice } from '../src/framework/framework.document.ts'
import type { Shape } from '../src/framework/framework.bundled.ts'
import type { Actor } from '../src/platform/auth/roles.ts'
import type { Clock } from '../src/platform/clock.ts'
import { buildServices, type Repositories, type Services } from '../src/services.ts'
import { createTestDb, DEFAULT_DIALECT, type DialectName, type TestDb } from './dialects.ts'
import { insertUser } from './factories.ts'

export const TEST_SESSION_SECRET = 'a-test-secret-that-is-long-enough-1234567890'

/** The configuration tests run with: test mode, a fixed session secret, and what they add. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', SESSION_SECRET: TEST_SESSION_SECRET, LOG_LEVEL: 'info', ...env })
}

export interface TestServices {
  readonly services: Services
  readonly testDb: TestDb
  readonly db: Kysely<Database>
  close(): Promise<void>
}

export async function buildTestServices(
  options: { dialect?: DialectName; clock?: Clock; replace?: Partial<Repositories>; env?: Record<string, string> } = {},
): Promise<TestServices> {
  const testDb = await createTestDb(options.dialect ?? DEFAULT_DIALECT)
  const services = servicesOn(testDb, options)
  return { services, testDb, db: testDb.db.kysely, close: () => testDb.destroy() }
}

/** Another set of services on a database a test already has (one with a repository swapped). */
export function servicesOn(
  testDb: TestDb,
  options: { clock?: Clock; replace?: Partial<Repositories>; env?: Record<string, string> } = {},
): Services {
  const clock = options.clock ?? (() => new Date('2026-11-24T10:00:00.000Z'))
  return buildServices({ db: testDb.db, clock, config: testConfig(options.env) }, options.replace)
}

/**
 * Sets an installation up as first-run set-up does, without the pages: an administrator, the
 * organisation and version 1 of the framework (by default the 2025 framework with the leadership
 * capabilities, for the enterprise shape: the terms the bundled tests expect).
 */
export async function installOrganisation(
  { services, db }: Pick<TestServices, 'services' | 'db'>,
  options: { founder?: Actor; shape?: Shape; framework?: SeedChoice } = {},
): Promise<Actor & { id: string }> {
  const founder =
    options.founder && options.founder.id
      ? { id: options.founder.id, name: options.founder.name }
      : await insertUser(db, { role: 'administrator', name: 'Fay Founder' })
  await db.transaction().execute(async trx => {
    await services.organisation.create(trx, founder, {
      name: 'Department for Testing',
      logoText: 'DfT',
      brandColour: '#1d70b8',
      pathwayShape: options.shape ?? 'enterprise',
      phase: 'none',
      feedbackUrl: null,
      publicHandbook: false,
    })
    await services.framework.seed(trx, founder, options.framework ?? { base: '2025', leadership: true })
  })
  return founder
}
