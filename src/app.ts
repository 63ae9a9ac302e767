// buildApp: the HTTP half of the composition root. buildServices (services.ts) builds every
// service; this registers the HTTP platform, then one line per capability, and builds the
// navigation from each capability's nav(). Tests call this with an in-memory database; only
// server.ts listens, migrates and handles signals.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import accountsRoutes from './accounts/accounts.routes.ts'
import auditRoutes from './audit/audit.routes.ts'
import type { Config } from './config.ts'
import type { Db } from './db/connect.ts'
import developmentRoutes from './development/routes/index.ts'
import emailRoutes from './email/email.routes.ts'
import exampleRoutes from './example/example.routes.ts'
import openRoutes from './open/open.routes.ts'
import { nav as frameworkNav } from './framework/framework.nav.ts'
import frameworkRoutes from './framework/framework.routes.ts'
import { nav as handbookNav } from './handbook/handbook.nav.ts'
import handbookRoutes from './handbook/routes/index.ts'
import upstreamRoutes from './upstream/upstream.routes.ts'
import { nav as insightNav } from './insight/insight.nav.ts'
import insightRoutes from './insight/routes/index.ts'
import { nav as homeNav } from './home/home.nav.ts'
import homeRoutes from './home/home.routes.ts'
import { brandColourOf, organisationLayout } from './organisation/organisation.layout.ts'
import type { Organisation } from './organisation/organisation.types.ts'
import { nav as organisationNav } from './organisation/organisation.nav.ts'
import organisationRoutes from './organisation/organisation.routes.ts'
import { nav as pathwayNav } from './pathway/pathway.nav.ts'
import pathwayRoutes from './pathway/pathway.routes.ts'
import checkinResponseRoutes from './pathway/pathway.responses.routes.ts'
import feedbackRoutes from './feedback/feedback.routes.ts'
import { nav as peopleNav } from './people/people.nav.ts'
import peopleRoutes from './people/people.routes.ts'
import { systemClock, type Clock } from './platform/clock.ts'
import { loadManifest } from './platform/http/assets.ts'
import type { Viewer } from './platform/auth/viewer.ts'
import { FastLane } from './platform/http/fast-lane.ts'
import type { Nav, NavItem } from './platform/http/navigation.ts'
import { RequestLog } from './platform/http/request-log.ts'
import httpPlatform, { httpServerOptions } from './platform/http/plugin.ts'
import type { LayoutBase } from './platform/http/types.ts'
import { nav as objectivesNav } from './objectives/objectives.nav.ts'
import objectivesRoutes from './objectives/objectives.routes.ts'
import { nav as productsNav } from './products/products.nav.ts'
import productsRoutes from './products/routes/index.ts'
import { nav as portfolioNav } from './portfolio/portfolio.nav.ts'
import portfolioRoutes from './portfolio/portfolio.routes.ts'
import { nav as professionNav } from './profession/profession.nav.ts'
import professionRoutes from './profession/profession.routes.ts'
import evidenceRoutes from './evidence/evidence.routes.ts'
import { buildServices, type Services } from './services.ts'
import setupRoutes from './setup/setup.routes.ts'
import remindersRoutes from './reminders/reminders.routes.ts'
import siteRoutes from './site/site.routes.ts'

/** The service navigation, in the order it is shown: each capability decides its own items. */
const NAVIGATION: readonly Nav[] = [
  homeNav,
  handbookNav,
  productsNav,
  objectivesNav,
  portfolioNav,
  insightNav,
  pathwayNav,
  peopleNav,
  professionNav,
  frameworkNav,
  organisationNav,
]

export interface AppOptions {
  readonly config: Config
  readonly db: Db
  readonly clock?: Clock
  /** pino options or false; tests pass a stream to read what was logged. */
  readonly logger?: FastifyServerOptions['logger']
  readonly signInRateLimit?: number
}

export type App = FastifyInstance & { services: Services; fastLane: FastLane }

export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options
  const clock = options.clock ?? systemClock
  // Cached pages are answered in front of Fastify when nothing about them needs more than reading
  // (platform/http/fast-lane.ts); Fastify answers everything else.
  const fastLane = new FastLane()

  const app = Fastify({
    serverFactory: fastLane.serverFactory,
    logger: options.logger ?? {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      serializers: {
        // Only the path: query strings can carry search terms and other things people typed.
        req: req => ({ method: req.method, url: req.url.split('?')[0], id: req.id, remoteAddress: req.ip }),
      },
    },
    // One line for each request that did not succeed, rather than two for every request.
    logController: new RequestLog(),
    ...httpServerOptions(config),
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  })

  const services = buildServices({ db, clock, config, signInRateLimit: options.signInRateLimit })
  const { organisation } = services

  // The chrome for the person reading (request.viewer, resolved once by the platform). Every page
  // asks for it, so one is kept for each organisation settings object (the organisation service
  // hands out the same one until they change), role and set of navigation items.
  const NO_ORG = {}
  const layouts = new WeakMap<object, Map<string, LayoutBase>>()
  const layoutFor = (org: Organisation | null, viewer: Viewer | null): LayoutBase => {
    const site = { publicHandbook: org?.publicHandbook ?? false }
    const navigation: NavItem[] = []
    let navKeys = ''
    for (const nav of NAVIGATION) {
      for (const item of nav(viewer, site)) {
        navKeys += navigation.length === 0 ? item.key : `,${item.key}`
        navigation.push(item)
      }
    }
    const role = viewer?.user.role ?? 'public'
    let known = layouts.get(org ?? NO_ORG)
    if (!known) layouts.set(org ?? NO_ORG, (known = new Map()))
    const found = known.get(`${role}:${navKeys}`)
    if (found) return found
    const made: LayoutBase = {
      key: `${org?.version ?? 0}:${org?.updatedAt ?? ''}:${role}:${navKeys}`,
      org: organisationLayout(org),
      navigation,
    }
    known.set(`${role}:${navKeys}`, made)
    return made
  }
  const layout = async (viewer: Viewer | null): Promise<LayoutBase> => layoutFor(await organisation.get(), viewer)
  // The same, without waiting, while the organisation's settings are in memory (for the fast lane).
  // The lane asks again and again for the same viewer (rememberedViewer gives the same object
  // while the person's profile is remembered) under the same remembered settings: the layout is
  // worked out once for the pair.
  const laneLayouts = new WeakMap<Viewer, { org: Organisation; layout: LayoutBase }>()
  let signedOutLayout: { org: Organisation; layout: LayoutBase } | null = null
  const rememberedLayout = (viewer: Viewer | null): LayoutBase | undefined => {
    const org = organisation.remembered()
    if (!org) return undefined
    const known = viewer ? laneLayouts.get(viewer) : signedOutLayout
    if (known?.org === org) return known.layout
    const made = { org, layout: layoutFor(org, viewer) }
    if (viewer) laneLayouts.set(viewer, made)
    else signedOutLayout = made
    return made.layout
  }

  await app.register(httpPlatform, {
    config,
    views: services.views,
    sessions: services.sessions,
    viewers: services.people,
    manifest: loadManifest(),
    layout,
    rememberedLayout,
    lane: fastLane,
  })

  // The brand colour as a tiny stylesheet (no inline styles, so the CSP can forbid them).
  app.get('/brand.css', { config: { access: 'public', viewer: false } }, async (_request, reply) => {
    const colour = brandColourOf(await organisation.get())
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(`:root{--govuk-brand-colour:${colour}}\n`)
  })

  await app.register(homeRoutes, { services })
  await app.register(siteRoutes, { services })
  await app.register(setupRoutes, { services })
  await app.register(accountsRoutes, { services })
  await app.register(organisationRoutes, { services })
  await app.register(auditRoutes, { services })
  await app.register(emailRoutes, { services })
  await app.register(handbookRoutes, { services })
  await app.register(upstreamRoutes, { services })
  await app.register(frameworkRoutes, { services })
  await app.register(peopleRoutes, { services })
  await app.register(developmentRoutes, { services })
  await app.register(pathwayRoutes, { services })
  await app.register(checkinResponseRoutes, { services })
  await app.register(feedbackRoutes, { services })
  await app.register(professionRoutes, { services })
  await app.register(productsRoutes, { services })
  await app.register(objectivesRoutes, { services })
  await app.register(portfolioRoutes, { services })
  await app.register(insightRoutes, { services })
  await app.register(exampleRoutes, { services })
  await app.register(openRoutes, { services })
  await app.register(evidenceRoutes, { services })
  await app.register(remindersRoutes, { services })

  return Object.assign(app, { services, fastLane }) as App
}
