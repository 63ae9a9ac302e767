// buildApp: the composition root. Builds every repository and service once, registers the HTTP
// platform, then one line per capability. Tests call this with an in-memory database; only
// server.ts listens, migrates and handles signals.
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import accountsRoutes from './accounts/accounts.routes.ts'
import { AccountsRepository } from './accounts/accounts.repository.ts'
import { AccountsService } from './accounts/accounts.service.ts'
import { canManagePeople } from './accounts/accounts.policy.ts'
import auditRoutes from './audit/audit.routes.ts'
import { AuditRepository } from './audit/audit.repository.ts'
import { AuditService } from './audit/audit.service.ts'
import { canReadAuditLog } from './audit/audit.policy.ts'
import type { Config } from './config.ts'
import type { Db } from './db/connect.ts'
import developmentRoutes from './development/routes/index.ts'
import { DevelopmentRepository } from './development/development.repository.ts'
import { DevelopmentService } from './development/development.service.ts'
import frameworkRoutes from './framework/framework.routes.ts'
import { FrameworkRepository } from './framework/framework.repository.ts'
import { FrameworkService } from './framework/framework.service.ts'
import type { FrameworkTerms } from './framework/framework.terms.ts'
import handbookRoutes from './handbook/routes/index.ts'
import { HandbookRepository } from './handbook/handbook.repository.ts'
import { HandbookService } from './handbook/handbook.service.ts'
import { canReviewSuggestions } from './handbook/handbook.policy.ts'
import organisationRoutes from './organisation/organisation.routes.ts'
import peopleRoutes from './people/people.routes.ts'
import { OrganisationRepository } from './organisation/organisation.repository.ts'
import { OrganisationService } from './organisation/organisation.service.ts'
import { canManageSettings } from './organisation/organisation.policy.ts'
import pathwayRoutes from './pathway/pathway.routes.ts'
import professionRoutes from './profession/profession.routes.ts'
import { ProfessionRepository } from './profession/profession.repository.ts'
import { ProfessionService } from './profession/profession.service.ts'
import { PathwayRepository } from './pathway/pathway.repository.ts'
import { PathwayService } from './pathway/pathway.service.ts'
import { PeopleRepository } from './people/people.repository.ts'
import { PeopleService } from './people/people.service.ts'
import { canListPeople, canSeeProfessionViews } from './people/people.policy.ts'
import { brandColourOf, organisationLayout } from './organisation/organisation.layout.ts'
import { SessionRepository } from './platform/auth/session.repository.ts'
import { SessionManager } from './platform/auth/session.ts'
import { systemClock, type Clock } from './platform/clock.ts'
import { loadManifest } from './platform/http/assets.ts'
import { RequestLog } from './platform/http/request-log.ts'
import httpPlatform, { httpServerOptions, type LayoutBase } from './platform/http/plugin.ts'
import { createViewEnvironment } from './platform/http/views.ts'
import type { Services } from './services.ts'
import setupRoutes from './setup/setup.routes.ts'
import { SetupRepository } from './setup/setup.repository.ts'
import { SetupService } from './setup/setup.service.ts'
import siteRoutes from './site/site.routes.ts'

export interface AppOptions {
  readonly config: Config
  readonly db: Db
  readonly clock?: Clock
  /** pino options or false; tests pass a stream to read what was logged. */
  readonly logger?: FastifyServerOptions['logger']
  readonly signInRateLimit?: number
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance & { services: Services }> {
  const { config, db } = options
  const clock = options.clock ?? systemClock

  const app = Fastify({
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

  const views = createViewEnvironment({ production: config.production })
  const sessions = new SessionManager(new SessionRepository(db.kysely), clock, {
    cookieName: config.secureCookies ? '__Host-valuekit-session' : 'valuekit-session',
    secure: config.secureCookies,
    idleMs: config.sessionIdleMinutes * 60_000,
    absoluteMs: config.sessionAbsoluteHours * 3_600_000,
    touchAfterMs: 60_000,
  })
  const audit = new AuditService(db.kysely, new AuditRepository(), clock)
  const organisation = new OrganisationService(db.kysely, new OrganisationRepository(), audit, clock)
  const accountsRepo = new AccountsRepository()
  const accounts = new AccountsService(db.kysely, accountsRepo, audit, sessions, clock)
  // People and the handbook use the current framework's roles and skills; the framework service
  // is built after them (it needs people), so they are handed a way to ask it.
  const terms = (): Promise<FrameworkTerms> => framework.terms()
  const handbook = new HandbookService(db.kysely, new HandbookRepository(), audit, clock, terms)
  const people = new PeopleService(db.kysely, new PeopleRepository(), accounts, audit, clock, terms)
  // The framework's migrations record carried-over check-ins through the pathway, which owns them.
  const framework = new FrameworkService(
    db.kysely,
    new FrameworkRepository(),
    organisation,
    people,
    audit,
    clock,
    (): PathwayService => pathway,
  )
  const development = new DevelopmentService(
    db.kysely,
    new DevelopmentRepository(),
    people,
    handbook,
    audit,
    clock,
    async () => (await framework.current()).document.skills,
  )
  const profession = new ProfessionService(db.kysely, new ProfessionRepository(), framework, audit, clock)
  const pathway = new PathwayService(db.kysely, new PathwayRepository(), framework, people, handbook, audit, clock)
  const setup = new SetupService(
    db.kysely,
    new SetupRepository(),
    accountsRepo,
    organisation,
    handbook,
    framework,
    audit,
    clock,
  )
  const services: Services = {
    config,
    db,
    clock,
    views,
    sessions,
    audit,
    organisation,
    accounts,
    setup,
    handbook,
    people,
    framework,
    development,
    pathway,
    profession,
    signInRateLimit: options.signInRateLimit ?? 20,
  }

  const layout = async (request: FastifyRequest): Promise<LayoutBase> => {
    const org = await organisation.get()
    const user = request.user
    const profile = user ? await people.navigationProfile(user.id) : null
    const viewer =
      user && profile ? { user, businessArea: profile.businessArea, headOfProfession: profile.headOfProfession } : null
    const navigation: LayoutBase['navigation'] = []
    if (user) navigation.push({ key: 'home', text: 'Home', href: '/' })
    if (user || org?.publicHandbook) navigation.push({ key: 'handbook', text: 'Handbook', href: '/handbook' })
    if (profile?.hasProfile) navigation.push({ key: 'pathway', text: 'Your pathway', href: '/pathway' })
    if (profile?.managesSomeone) navigation.push({ key: 'team', text: 'Your team', href: '/team' })
    if (canListPeople(viewer)) navigation.push({ key: 'people', text: 'People', href: '/people' })
    if (canSeeProfessionViews(viewer))
      navigation.push({ key: 'profession', text: 'Profession', href: '/profession/capability' })
    if (user) navigation.push({ key: 'framework', text: 'Framework', href: '/framework' })
    if (canReviewSuggestions(user))
      navigation.push({ key: 'suggestions', text: 'Suggestions', href: '/handbook/suggestions' })
    if (canManageSettings(user) || canManagePeople(user) || canReadAuditLog(user))
      navigation.push({ key: 'admin', text: 'Administration', href: '/admin' })
    const flags = profile
      ? `${+profile.hasProfile}${+profile.managesSomeone}${+profile.headOfProfession}${profile.businessArea ?? ''}`
      : ''
    return {
      key: `${org?.version ?? 0}:${org?.updatedAt ?? ''}:${user?.role ?? 'public'}:${flags}`,
      org: organisationLayout(org),
      navigation,
    }
  }

  await app.register(httpPlatform, { config, views, sessions, manifest: loadManifest(), layout })

  // The brand colour as a tiny stylesheet (no inline styles, so the CSP can forbid them).
  app.get('/brand.css', { config: { access: 'public' } }, async (_request, reply) => {
    const colour = brandColourOf(await organisation.get())
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(`:root{--govuk-brand-colour:${colour}}\n`)
  })

  await app.register(siteRoutes, { services })
  await app.register(setupRoutes, { services })
  await app.register(accountsRoutes, { services })
  await app.register(organisationRoutes, { services })
  await app.register(auditRoutes, { services })
  await app.register(handbookRoutes, { services })
  await app.register(frameworkRoutes, { services })
  await app.register(peopleRoutes, { services })
  await app.register(developmentRoutes, { services })
  await app.register(pathwayRoutes, { services })
  await app.register(professionRoutes, { services })

  return Object.assign(app, { services }) as FastifyInstance & { services: Services }
}
