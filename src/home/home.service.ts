// What needs a signed-in person now, gathered from the other capabilities' services (never their
// repositories) for the home page's task list. Each part is asked only of the people it concerns
// (a line manager's team of a line manager, the suggestions queue of editors, proposals of heads
// of profession and administrators, the profession summary of leaders and heads of profession), and
// each is a few indexed queries, so the page stays fast whatever the size of the profession.
//
// This service reads; it changes nothing and keeps no state. The order of the tasks and their
// words are the presenter's (home.views.ts).
import type { AccountsService } from '../accounts/accounts.service.ts'
import type { DevelopmentService, DevelopmentTasks } from '../development/development.service.ts'
import type { FrameworkService, OpenProposal } from '../framework/framework.service.ts'
import type { HandbookService } from '../handbook/handbook.service.ts'
import type { PathwayService, Checkin, OverduePerson, WaitingCheckin } from '../pathway/pathway.service.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { ProductsService } from '../products/products.service.ts'
import type { StrategyService } from '../products/strategy.service.ts'
import type { StrategyFlag } from '../products/strategy.ts'
import type { ProfessionService, ProfessionSummary } from '../profession/profession.service.ts'
import type { FeedbackService } from '../feedback/feedback.service.ts'
import type { AskWaiting } from '../feedback/feedback.types.ts'
import type { CheckinResponses, LatestAgreed, WaitingQuery } from '../pathway/pathway.responses.ts'
import { canSeeHomeProfession, canSeeNewInstallation, canSeeSuggestionQueue } from './home.policy.ts'

/** At most this many things a person owns have their strategy checked for flags on each visit. */
export const OWNED_THINGS_CHECKED = 5

export interface HomeParts {
  readonly accounts: AccountsService
  readonly people: PeopleService
  readonly pathway: PathwayService
  readonly development: DevelopmentService
  readonly handbook: HandbookService
  readonly framework: FrameworkService
  readonly profession: ProfessionService
  readonly products: ProductsService
  readonly strategy: StrategyService
  /** Agreed levels to confirm, and queries about them to answer (optional: older wiring has none). */
  readonly checkinResponses?: Pick<CheckinResponses, 'latest' | 'waitingFor'>
  /** Requests for feedback asked of the person. */
  readonly feedback?: Pick<FeedbackService, 'waitingFor'>
}

/** Everything the task list is made from, for one person on one day. */
export interface HomeFacts {
  today: string
  self: string
  /** Their own check-in (null when they are not in the profession). */
  checkin: { open: Checkin | null; lastAgreedAt: string | null; overdue: boolean } | null
  /** Check-ins of their line reports waiting for them. */
  waiting: WaitingCheckin[]
  /** Their line reports overdue a check-in. */
  overdueReports: OverduePerson[]
  development: DevelopmentTasks
  /** Suggested handbook changes waiting (editors only; null for others). */
  suggestions: { count: number; oldestAt: string | null } | null
  /** Framework proposals they may review. */
  proposals: OpenProposal[]
  /** Things they own with something missing or stale in their strategy. */
  flagged: { id: string; name: string; flags: StrategyFlag[] }[]
  /** How many things they own in all, and how many were checked. */
  owned: { total: number; checked: number }
  /** The summary of their profession (leaders and heads of profession only). */
  profession: ProfessionSummary | null
  /** An administrator of an installation with nobody added yet. */
  newInstallation: boolean
  /** Their latest agreed check-in when its levels wait for them to confirm or query. */
  levelsToConfirm?: LatestAgreed | null
  /** Their line reports' queries about agreed levels, waiting for an answer. */
  queries?: WaitingQuery[]
  /** Requests for feedback waiting for them. */
  feedbackAsks?: AskWaiting[]
}

const none = <T>(value: T): Promise<T> => Promise.resolve(value)

export class HomeService {
  constructor(private readonly parts: HomeParts) {}

  async facts(viewer: Viewer): Promise<HomeFacts> {
    const p = this.parts
    const id = viewer.user.id
    const person = await p.people.get(id)
    const [checkin, waiting, overdueReports, development, suggestions, proposals, owned, profession, accounts] =
      await Promise.all([
        person.hasProfile ? p.pathway.ownCheckinState(id) : none(null),
        viewer.managesSomeone ? p.pathway.waitingFor(id) : none([]),
        viewer.managesSomeone ? p.pathway.overdueReports(id) : none([]),
        p.development.tasksFor(person, person.hasProfile),
        canSeeSuggestionQueue(viewer) ? p.handbook.openSuggestionSummary() : none(null),
        p.framework.proposalsToReview(viewer),
        person.hasProfile ? p.products.ownedBy(id, OWNED_THINGS_CHECKED) : none({ items: [], total: 0 }),
        canSeeHomeProfession(viewer)
          ? p.profession.snapshot(viewer).then(snapshot => p.profession.summary(snapshot))
          : none(null),
        canSeeNewInstallation(viewer) ? p.accounts.count() : none(null),
      ])
    const flagged = (
      await Promise.all(
        owned.items.map(async thing => ({ id: thing.id, name: thing.name, flags: await p.strategy.flags(thing) })),
      )
    ).filter(t => t.flags.length > 0)
    const [latest, queries, feedbackAsks] = await Promise.all([
      person.hasProfile && p.checkinResponses ? p.checkinResponses.latest(id) : none(null),
      viewer.managesSomeone && p.checkinResponses ? p.checkinResponses.waitingFor(id) : none([]),
      p.feedback ? p.feedback.waitingFor(id) : none([]),
    ])
    const toConfirm = latest && (latest.response === null || latest.response.status === 'answered')
    return {
      levelsToConfirm: toConfirm ? latest.agreed : null,
      queries,
      feedbackAsks,
      today: development.today,
      self: id,
      checkin,
      waiting,
      overdueReports,
      development,
      suggestions,
      proposals,
      flagged,
      owned: { total: owned.total, checked: owned.items.length },
      profession,
      newInstallation: accounts !== null && accounts <= 1,
    }
  }
}
