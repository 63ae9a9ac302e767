// The composition root's product: every service, built once by buildServices and handed to the
// route plugins, the command line, the benchmark and the tests. No container and no magic: the
// Services interface is the table of contents, and buildServices is the one place a service is
// constructed (a test swaps a repository through its second argument, never by wiring by hand).
//
// The graph has no construction cycles, so nothing is handed a closure over a service built
// later. Where a lower capability needs something of a higher one, it defines a port and the
// higher one's lower half implements it:
//   - people and the handbook read the current framework's words through TermsSource, and
//     development its skills through SkillSource; both are implemented by FrameworkVersions, the
//     framework's lower half (versions and terms), which needs only the organisation;
//   - the pathway reads versions from FrameworkVersions too, so FrameworkService (proposals and
//     migrations, the upper half) can be built after it and be handed the pathway as the
//     CheckinLedger port the framework defines (src/framework/framework.types.ts).
import { AccountsRepository } from './accounts/accounts.repository.ts'
import { AccountsService } from './accounts/accounts.service.ts'
import { AuditRepository } from './audit/audit.repository.ts'
import { AuditService } from './audit/audit.service.ts'
import type { Config } from './config.ts'
import type { Db } from './db/connect.ts'
import { ExampleService } from './example/example.service.ts'
import { DevelopmentRepository } from './development/development.repository.ts'
import { DevelopmentService } from './development/development.service.ts'
import { EmailRepository } from './email/email.repository.ts'
import { EmailService } from './email/email.service.ts'
import { FrameworkRepository } from './framework/framework.repository.ts'
import { FrameworkService } from './framework/framework.service.ts'
import { FrameworkVersions } from './framework/framework.versions.ts'
import { HandbookRepository } from './handbook/handbook.repository.ts'
import { HandbookOwners } from './handbook/handbook.owners.ts'
import { HandbookService } from './handbook/handbook.service.ts'
import { HandbookUploads } from './handbook/handbook.uploads.ts'
import { UpstreamRepository } from './upstream/upstream.repository.ts'
import { UpstreamService } from './upstream/upstream.service.ts'
import { InsightRepository } from './insight/insight.repository.ts'
import { InsightService } from './insight/insight.service.ts'
import { problemKnowledgeSection } from './insight/insight.roadmap.ts'
import { HomeService } from './home/home.service.ts'
import { OrganisationRepository } from './organisation/organisation.repository.ts'
import { OrganisationService } from './organisation/organisation.service.ts'
import { PathwayRepository } from './pathway/pathway.repository.ts'
import { PathwayService } from './pathway/pathway.service.ts'
import { PeopleRepository } from './people/people.repository.ts'
import { PeopleService } from './people/people.service.ts'
import { SessionRepository } from './platform/auth/session.repository.ts'
import { SessionManager } from './platform/auth/session.ts'
import type { Clock } from './platform/clock.ts'
import { createViewEnvironment, type ViewEnvironment } from './platform/http/views.ts'
import { AssessmentsRepository } from './products/assessments/assessments.repository.ts'
import { strategyEvidence } from './products/assessments/assessments.evidence.ts'
import { AssessmentsService } from './products/assessments/assessments.service.ts'
import { DocumentsRepository } from './products/documents.repository.ts'
import { DocumentsService } from './products/documents.service.ts'
import { HypothesesRepository } from './products/hypotheses/hypotheses.repository.ts'
import { HypothesesService } from './products/hypotheses/hypotheses.service.ts'
import { MetricsRepository } from './products/metrics/metrics.repository.ts'
import { MetricsService } from './products/metrics/metrics.service.ts'
import { HealthRepository } from './products/health/health.repository.ts'
import { HealthService } from './products/health/health.service.ts'
import { DecisionsRepository } from './products/decisions/decisions.repository.ts'
import { EvidenceRepository } from './evidence/evidence.repository.ts'
import { EvidenceService } from './evidence/evidence.service.ts'
import { OpenRepository } from './open/open.repository.ts'
import { OpenService } from './open/open.service.ts'
import { DecisionsService } from './products/decisions/decisions.service.ts'
import { PrioritisationRepository } from './products/prioritisation/prioritisation.repository.ts'
import { PrioritisationService } from './products/prioritisation/prioritisation.service.ts'
import { ReviewsRepository } from './products/reviews/reviews.repository.ts'
import { ReviewsService } from './products/reviews/reviews.service.ts'
import { ProductsRepository } from './products/products.repository.ts'
import { ProductsService } from './products/products.service.ts'
import { StrategyService } from './products/strategy.service.ts'
import { StrategyRepository } from './products/strategy.repository.ts'
import { PortfolioRepository } from './portfolio/portfolio.repository.ts'
import { PortfolioService } from './portfolio/portfolio.service.ts'
import { RoadmapRepository } from './products/roadmap/roadmap.repository.ts'
import { RoadmapService } from './products/roadmap/roadmap.service.ts'
import { ObjectivesRepository } from './objectives/objectives.repository.ts'
import { ObjectivesService } from './objectives/objectives.service.ts'
import { ObjectivesStrategyPart } from './objectives/objectives.part.ts'
import type { ItemSectionSource } from './products/roadmap/roadmap.types.ts'
import { ProfessionRepository } from './profession/profession.repository.ts'
import { ProfessionService } from './profession/profession.service.ts'
import { SetupRepository } from './setup/setup.repository.ts'
import { SetupService } from './setup/setup.service.ts'
import { FeedbackRepository } from './feedback/feedback.repository.ts'
import { FeedbackService } from './feedback/feedback.service.ts'
import { CheckinResponsesRepository } from './pathway/pathway.responses.repository.ts'
import { CheckinResponses } from './pathway/pathway.responses.ts'
import { RemindersRepository } from './reminders/reminders.repository.ts'
import { RemindersService } from './reminders/reminders.service.ts'

export interface Services {
  readonly config: Config
  readonly db: Db
  readonly clock: Clock
  readonly views: ViewEnvironment
  readonly sessions: SessionManager
  readonly audit: AuditService
  /** The email outbox: what other capabilities queue, and what administrators read. */
  readonly email: EmailService
  readonly organisation: OrganisationService
  readonly accounts: AccountsService
  readonly setup: SetupService
  readonly handbook: HandbookService
  /** Owners and review dates of handbook pages and sections, and readers' feedback. */
  readonly handbookOwners: HandbookOwners
  /** Handbooks uploaded as a zip in the browser: staged with their report, imported in the background. */
  readonly handbookUploads: HandbookUploads
  /** Following an upstream handbook: its changes per page, merged three ways (src/upstream/). */
  readonly upstream: UpstreamService
  readonly people: PeopleService
  readonly frameworkVersions: FrameworkVersions
  readonly framework: FrameworkService
  readonly development: DevelopmentService
  readonly pathway: PathwayService
  readonly profession: ProfessionService
  readonly products: ProductsService
  readonly documents: DocumentsService
  readonly metrics: MetricsService
  readonly roadmap: RoadmapService
  readonly hypotheses: HypothesesService
  /** The worked example: loads and removes a fictional department through the services above. */
  readonly example: ExampleService
  readonly assessments: AssessmentsService
  readonly health: HealthService
  readonly prioritisation: PrioritisationService
  readonly decisions: DecisionsService
  readonly reviews: ReviewsService
  /** A thing's whole strategy read at once, for its page and its export. */
  readonly strategy: StrategyService
  /** Objectives and key results for the organisation, areas, groups and things. */
  readonly objectives: ObjectivesService
  /** The leaders' views over every strategy, and the leadership team's balance of work. */
  readonly portfolio: PortfolioService
  /** The insight backlog and ideas, tagged to things and problems on their roadmaps. */
  readonly insight: InsightService
  /** What other capabilities add to a roadmap item's page (the roadmap's ItemSectionSource port). */
  readonly roadmapItemSections: readonly ItemSectionSource[]
  /** Things' strategies and roadmaps published to public pages, with the redaction record. */
  readonly open: OpenService
  /** Evidence packs for promotion: the person's own, shared read-only with people they name. */
  readonly evidence: EvidenceService
  /** What needs each person now: the home page's task list, read from the services above. */
  readonly home: HomeService
  /** The person's confirmation or query of agreed levels, and the line manager's answer (pathway). */
  readonly checkinResponses: CheckinResponses
  /** Peer feedback: requests to named colleagues, their answers per skill. */
  readonly feedback: FeedbackService
  /** Each person's choice of reminder email, and the weekly digest of what needs them. */
  readonly reminders: RemindersService
  /** Sign-in attempts allowed per client address per minute. */
  readonly signInRateLimit: number
}

export interface ServiceOptions {
  readonly db: Db
  readonly clock: Clock
  readonly config: Config
  /** Sign-in attempts allowed per client address per minute (tests raise it). */
  readonly signInRateLimit?: number
}

/** One repository per capability (and the sessions table's): stateless query objects. */
export interface Repositories {
  readonly sessions: SessionRepository
  readonly audit: AuditRepository
  readonly email: EmailRepository
  readonly organisation: OrganisationRepository
  readonly accounts: AccountsRepository
  readonly setup: SetupRepository
  readonly handbook: HandbookRepository
  readonly upstream: UpstreamRepository
  readonly people: PeopleRepository
  readonly framework: FrameworkRepository
  readonly development: DevelopmentRepository
  readonly pathway: PathwayRepository
  readonly profession: ProfessionRepository
  readonly products: ProductsRepository
  readonly documents: DocumentsRepository
  readonly metrics: MetricsRepository
  readonly roadmap: RoadmapRepository
  readonly hypotheses: HypothesesRepository
  readonly assessments: AssessmentsRepository
  readonly health: HealthRepository
  readonly prioritisation: PrioritisationRepository
  readonly decisions: DecisionsRepository
  readonly reviews: ReviewsRepository
  readonly objectives: ObjectivesRepository
  readonly portfolio: PortfolioRepository
  readonly insight: InsightRepository
  readonly open: OpenRepository
  readonly evidence: EvidenceRepository
  readonly checkinResponses: CheckinResponsesRepository
  readonly feedback: FeedbackRepository
  readonly strategy: StrategyRepository
  readonly reminders: RemindersRepository
}

function buildRepositories(db: Db, replaced: Partial<Repositories>): Repositories {
  return {
    sessions: replaced.sessions ?? new SessionRepository(db.kysely),
    audit: replaced.audit ?? new AuditRepository(),
    email: replaced.email ?? new EmailRepository(),
    organisation: replaced.organisation ?? new OrganisationRepository(),
    accounts: replaced.accounts ?? new AccountsRepository(),
    setup: replaced.setup ?? new SetupRepository(),
    handbook: replaced.handbook ?? new HandbookRepository(),
    upstream: replaced.upstream ?? new UpstreamRepository(),
    people: replaced.people ?? new PeopleRepository(),
    framework: replaced.framework ?? new FrameworkRepository(),
    development: replaced.development ?? new DevelopmentRepository(),
    pathway: replaced.pathway ?? new PathwayRepository(),
    profession: replaced.profession ?? new ProfessionRepository(),
    products: replaced.products ?? new ProductsRepository(),
    documents: replaced.documents ?? new DocumentsRepository(),
    metrics: replaced.metrics ?? new MetricsRepository(),
    roadmap: replaced.roadmap ?? new RoadmapRepository(),
    hypotheses: replaced.hypotheses ?? new HypothesesRepository(),
    assessments: replaced.assessments ?? new AssessmentsRepository(),
    health: replaced.health ?? new HealthRepository(),
    prioritisation: replaced.prioritisation ?? new PrioritisationRepository(),
    decisions: replaced.decisions ?? new DecisionsRepository(),
    reviews: replaced.reviews ?? new ReviewsRepository(),
    objectives: replaced.objectives ?? new ObjectivesRepository(),
    portfolio: replaced.portfolio ?? new PortfolioRepository(),
    insight: replaced.insight ?? new InsightRepository(),
    open: replaced.open ?? new OpenRepository(),
    evidence: replaced.evidence ?? new EvidenceRepository(),
    checkinResponses: replaced.checkinResponses ?? new CheckinResponsesRepository(),
    feedback: replaced.feedback ?? new FeedbackRepository(),
    reminders: replaced.reminders ?? new RemindersRepository(),
    strategy: replaced.strategy ?? new StrategyRepository(),
  }
}

/**
 * Builds every service once, lowest first. `replaced` swaps a repository for one that fails or
 * races on purpose (tests of what a service does when its data layer lets it down).
 */
export function buildServices(options: ServiceOptions, replaced: Partial<Repositories> = {}): Services {
  const { db, clock, config } = options
  const repos = buildRepositories(db, replaced)
  const kysely = db.kysely

  const sessions = new SessionManager(repos.sessions, clock, {
    cookieName: config.secureCookies ? '__Host-valuekit-session' : 'valuekit-session',
    secure: config.secureCookies,
    idleMs: config.sessionIdleMinutes * 60_000,
    absoluteMs: config.sessionAbsoluteHours * 3_600_000,
    touchAfterMs: 60_000,
  })
  const audit = new AuditService(kysely, repos.audit, clock)
  const organisation = new OrganisationService(kysely, repos.organisation, audit, clock)
  const email = new EmailService(kysely, repos.email, audit, clock, config)
  const accounts = new AccountsService(kysely, repos.accounts, audit, sessions, clock, email)
  const frameworkVersions = new FrameworkVersions(kysely, repos.framework, organisation, audit, clock)
  const handbook = new HandbookService(kysely, repos.handbook, audit, clock, frameworkVersions, email)
  const handbookOwners = new HandbookOwners(kysely, repos.handbook, audit, clock)
  const handbookUploads = new HandbookUploads(kysely, repos.handbook, handbook, clock)
  const upstream = new UpstreamService(kysely, repos.upstream, handbook, audit, clock)
  const people = new PeopleService(kysely, repos.people, accounts, audit, clock, frameworkVersions)
  const pathway = new PathwayService(kysely, repos.pathway, frameworkVersions, people, handbook, audit, clock)
  const framework = new FrameworkService(
    kysely,
    repos.framework,
    frameworkVersions,
    people,
    audit,
    clock,
    pathway,
    email,
  )
  const development = new DevelopmentService(
    kysely,
    repos.development,
    people,
    handbook,
    audit,
    clock,
    frameworkVersions,
  )
  const profession = new ProfessionService(kysely, repos.profession, frameworkVersions, audit, clock)
  const products = new ProductsService(kysely, repos.products, repos.documents, people, audit, clock)
  const documents = new DocumentsService(kysely, repos.documents, repos.products, audit, clock)
  const metrics = new MetricsService(kysely, repos.metrics, audit, clock)
  const roadmap = new RoadmapService(kysely, repos.roadmap, metrics, audit, clock)
  const hypotheses = new HypothesesService(kysely, repos.hypotheses, metrics, roadmap, audit, clock)
  const health = new HealthService(kysely, repos.health, audit, clock)
  const assessments = new AssessmentsService(
    kysely,
    repos.assessments,
    strategyEvidence({ documents, health, roadmap, metrics, hypotheses }),
    audit,
    clock,
  )
  const prioritisation = new PrioritisationService(kysely, repos.prioritisation, audit, clock)
  const decisions = new DecisionsService(kysely, repos.decisions, prioritisation, audit, clock)
  const reviews = new ReviewsService(kysely, repos.reviews, decisions, people, audit, clock)
  const objectives = new ObjectivesService(kysely, repos.objectives, products, metrics, roadmap, audit, clock)
  const strategy = new StrategyService(
    {
      products,
      documents,
      roadmap,
      metrics,
      hypotheses,
      prioritisation,
      decisions,
      reviews,
      assessments,
      health,
      people,
      objectives: new ObjectivesStrategyPart(objectives),
    },
    kysely,
    repos.strategy,
  )
  const portfolio = new PortfolioService(kysely, repos.portfolio, products, audit, clock)
  const insight = new InsightService(kysely, repos.insight, products, roadmap, audit, clock)
  const open = new OpenService(kysely, repos.open, { documents, roadmap, feedback: insight }, audit, clock)
  const evidence = new EvidenceService(kysely, repos.evidence, frameworkVersions, pathway, people, audit, clock)
  const checkinResponses = new CheckinResponses(kysely, repos.checkinResponses, pathway, email, audit, clock)
  const feedback = new FeedbackService(kysely, repos.feedback, frameworkVersions, people, email, audit, clock)
  const home = new HomeService({
    accounts,
    people,
    pathway,
    development,
    handbook,
    handbookOwners,
    framework,
    profession,
    products,
    strategy,
    checkinResponses,
    feedback,
  })
  const reminders = new RemindersService(kysely, repos.reminders, { accounts, people, home, email, audit }, clock)
  const example = new ExampleService(
    organisation,
    accounts,
    people,
    pathway,
    development,
    products,
    documents,
    { metrics, roadmap, hypotheses, prioritisation, decisions, reviews, assessments, health },
    { objectives, insight, portfolio, open },
    clock,
  )
  const setup = new SetupService(kysely, repos.setup, accounts, organisation, handbook, frameworkVersions, audit, clock)

  return {
    config,
    db,
    clock,
    views: createViewEnvironment({ production: config.production }),
    sessions,
    audit,
    email,
    organisation,
    accounts,
    setup,
    handbook,
    handbookOwners,
    handbookUploads,
    upstream,
    people,
    frameworkVersions,
    framework,
    development,
    pathway,
    profession,
    products,
    documents,
    metrics,
    roadmap,
    hypotheses,
    example,
    assessments,
    health,
    prioritisation,
    decisions,
    reviews,
    strategy,
    objectives,
    portfolio,
    insight,
    roadmapItemSections: [problemKnowledgeSection(insight)],
    open,
    evidence,
    home,
    checkinResponses,
    feedback,
    reminders,
    signInRateLimit: options.signInRateLimit ?? 20,
  }
}
