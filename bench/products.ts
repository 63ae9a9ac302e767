// The catalogue and strategies the benchmark loads the product pages with: the worked example
// (src/example: a dozen things, every service with a full strategy) and, beside it, generated
// things until the catalogue holds 2,000, spread over kinds, phases, areas and owners. Written
// through the services, before the server starts, into the same database.
import { loadConfig } from '../src/config.ts'
import { connect, type Db } from '../src/db/connect.ts'
import { SYSTEM_ACTOR } from '../src/platform/auth/roles.ts'
import { systemClock } from '../src/platform/clock.ts'
import { PHASES, PRODUCT_KINDS, STAGES } from '../src/products/products.types.ts'
import { buildServices } from '../src/services.ts'
import { seededRandom } from './generate.ts'

export interface GenerateProductsOptions {
  readonly dataDir: string
  readonly sessionSecret: string
  readonly databaseUrl?: string
  /** How many things the catalogue holds in all, the example's included. */
  readonly things?: number
  readonly onProgress?: (message: string) => void
}

export interface GeneratedProducts {
  /** A service of the worked example with every part of its strategy filled in. */
  readonly strategyId: string
  readonly strategyName: string
  readonly things: number
  readonly cataloguePages: number
  readonly seconds: number
}

const VERBS = ['Apply for', 'Renew', 'Register', 'Check', 'Pay for', 'Report', 'Book', 'Find', 'Claim', 'Change']
const NOUNS = ['a licence', 'a permit', 'a grant', 'a certificate', 'an appointment', 'a refund', 'a visa', 'a badge']
const AREAS = ['Licensing and permits', 'Grants and support', 'Borders', 'Health', 'Housing']

export async function generateProducts(options: GenerateProductsOptions): Promise<GeneratedProducts> {
  const started = Date.now()
  const total = options.things ?? 2000
  const random = seededRandom(20261207)
  const one = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)]
    if (item === undefined) throw new Error('Cannot pick from an empty list')
    return item
  }
  const say = options.onProgress ?? (() => undefined)
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: options.sessionSecret,
    DATA_DIR: options.dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  })
  const db: Db = connect(config.database)
  try {
    const services = buildServices({ db, clock: systemClock, config })
    const loaded = await services.example.load(SYSTEM_ACTOR)
    say(`the worked example: ${JSON.stringify(loaded)}`)
    const example = await services.products.list({ kind: 'service' }, 1)
    // The example service with the most parts written: the first one in the catalogue will do,
    // as every example service has a full strategy.
    const strategy = example.items.find(p => p.example)
    if (!strategy) throw new Error('The worked example has no service')
    const owners = (await services.people.list({ withProfileOnly: true })).map(p => p.id)
    const have = (await services.products.list({}, 1)).total
    for (let n = have; n < total; n++) {
      const kind = one(PRODUCT_KINDS.filter(k => k !== 'feature'))
      await services.products.create(SYSTEM_ACTOR, {
        kind,
        name: `${one(VERBS)} ${one(NOUNS)} ${n}`,
        purpose: 'A generated thing for the benchmark',
        ownerId: owners.length > 0 && random() < 0.8 ? one(owners) : null,
        team: `Team ${n % 150}`,
        group: `Group ${n % 40}`,
        area: one(AREAS),
        parentId: null,
        uses: [],
        phase: one(PHASES),
        stage: one(STAGES),
      })
      if ((n + 1) % 500 === 0) say(`${n + 1} things`)
    }
    return {
      strategyId: strategy.id,
      strategyName: strategy.name,
      things: total,
      cataloguePages: Math.ceil(total / 50),
      seconds: (Date.now() - started) / 1000,
    }
  } finally {
    await db.close()
  }
}
