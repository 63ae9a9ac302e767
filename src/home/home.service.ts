// What needs a signed-in person now, gathered from the other capabilities' services (never their
// repositories) for the home page's task list. Each part is asked only of the people it concerns
// (a line manager's team of a line manager, the suggestions queue of editors, proposals of heads
// of profession and administrators, the profession summary of leaders and heads of profession), and
// each is a few indexed queries, so the page stays fast whatever the size of the profession.
//
// This service reads; it changes nothing and keeps no state. The order of the tasks and their
// words are the presenter's (home.views.ts).
import type { AccountsService } from '../accounts/accounts.service.ts'
import type { DigestCounts } from '../email/email.types.ts'
import type { DevelopmentService, DevelopmentTasks } from '../development/development.service.ts'
import type { FrameworkService, OpenProposal } from '../framework/framework.service.ts'
import type { HandbookOwners, OwnedWork } from '../handbook/handbook.owners.ts'
import type { HandbookService } from '../handbook/handbook.service.ts'
import type { PathwayService, Checkin, OverduePerson, WaitingCheckin } from '../pathway/pathway.service.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Person } from '../people/people.types.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { ProductsService } from '../products/products.service.ts'
import type { StrategyService } from '../products/strategy.service.ts'
import type { StrategyFlag } from '../products/strategy.ts'
import type { ProfessionService, ProfessionSummary } from '../profession/profession.service.ts'
import type { FeedbackService } from '../feedback/feedback.service.ts'
import type { AskWaiting } from '../feedback/feedback.types.ts'
import type { CheckinResponses, LatestAgreed, WaitingQuery } from '../pathway/pathway.responses.ts'
import { canSeeHomeProfession, canSeeNewInstallation, canSeeSuggestionQueue } from './home.policy.ts'

export interface HomeParts {
  readonly accounts: AccountsService
  readonly people: PeopleService
  readonly pathway: PathwayService
  readonly development: DevelopmentService
  readonly handbook: HandbookService
  readonly handbookOwners: HandbookOwners
  readonly framework: FrameworkService
  readonly profession: ProfessionService
  readonly products: ProductsService
  readonly strategy: StrategyService
  /** Agreed levels to confirm, and queries about them to answer (optional: older wiring has none). */
  readonly checkinResponses?: Pick<CheckinResponses, 'latest' | 'waitingFor'>
  /** Requests for feedback asked of the person. */
  readonly feedback?: Pick<FeedbackService, 'waitingFor'>
}

/**
 * What is due of a person's own work and their team's: their check-in, their reports' check-ins,
 * 1:1s and actions. The home page shows it among the rest; the reminder digest counts it.
 */
export interface DueFacts {
  today: string
  self: string
  /** Their own check-in (null when they are not in the profession). */
  checkin: { open: Checkin | null; lastAgreedAt: string | null; overdue: boolean } | null
  /** Check-ins of their line reports waiting for them. */
  waiting: WaitingCheckin[]
  /** Their line reports overdue a check-in. */
  overdueReports: OverduePerson[]
  development: DevelopmentTasks
}

/** Everything the task list is made from, for one person on one day. */
export interface HomeFacts extends DueFacts {
  /** Suggested handbook changes waiting (editors only; null for others). */
  suggestions: { count: number; oldestAt: string | null } | null
  /** Handbook pages and sections they own past their review date, and readers' answers waiting. */
  handbook: OwnedWork
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

/** Their line reports overdue a check-in who have not already sent one (those are waiting for them). */
export function reportsOverdueNotWaiting(f: Pick<DueFacts, 'waiting' | 'overdueReports'>): OverduePerson[] {
  const waitingFor = new Set(f.waiting.map(w => w.personId))
  return f.overdueReports.filter(o => !waitingFor.has(o.personId))
}

/** Their own 1:1 is past its date and none is planned. */
export function ownOneToOneOverdue(d: DevelopmentTasks): boolean {
  return d.ownCadence?.status === 'overdue' && d.ownCadence.nextPlannedOn === null
}

/** How much of each kind is due: counts only, nothing anyone wrote (the reminder digest's content). */
export type DueCounts = DigestCounts

/** Counts what is due, by the same rules as the home page's tasks (home.views.ts). */
export function dueCounts(f: DueFacts): DueCounts {
  const c = f.checkin
  const d = f.development
  return {
    ownCheckin: c?.open?.status === 'draft' ? 'finish' : c && !c.open && c.overdue ? 'start' : null,
    checkinsWaiting: f.waiting.length,
    reportsOverdue: reportsOverdueNotWaiting(f).length,
    ownOneToOneOverdue: ownOneToOneOverdue(d),
    oneToOnesOverdue: d.reportsOverdue.filter(r => r.cadence.status === 'overdue').length,
    firstOneToOnes: d.reportsOverdue.filter(r => r.cadence.status !== 'overdue').length,
    actionsDue: d.actions.filter(a => a.dueOn >= f.today).length,
    actionsOverdue: d.actions.filter(a => a.dueOn < f.today).length,
  }
}

/** Whether anything at all is due. */
export const anythingDue = (c: DueCounts): boolean =>
  c.ownCheckin !== null || c.ownOneToOneOverdue || Object.values(c).some(v => typeof v === 'number' && v > 0)

export class HomeService {
  constructor(private readonly parts: HomeParts) {}

  /** What is due of the person's own work and their team's (the part of the facts a digest counts). */
  async due(viewer: Viewer): Promise<DueFacts> {
    return this.dueOf(viewer, await this.parts.people.get(viewer.user.id))
  }

  private async dueOf(viewer: Viewer, person: Person): Promise<DueFacts> {
    const p = this.parts
    const id = person.id
    const [checkin, waiting, overdueReports, development] = await Promise.all([
      person.hasProfile ? p.pathway.ownCheckinState(id) : none(null),
      viewer.managesSomeone ? p.pathway.waitingFor(id) : none([]),
      viewer.managesSomeone ? p.pathway.overdueReports(id) : none([]),
      p.development.tasksFor(person, person.hasProfile),
    ])
    return { today: development.today, self: id, checkin, waiting, overdueReports, development }
  }

  async facts(viewer: Viewer): Promise<HomeFacts> {
    const p = this.parts
    const id = viewer.user.id
    const person = await p.people.get(id)
    const [due, suggestions, handbook, proposals, owned, profession, accounts] = await Promise.all([
      this.dueOf(viewer, person),
      canSeeSuggestionQueue(viewer) ? p.handbook.openSuggestionSummary() : none(null),
      p.handbookOwners.ownedWork(id),
      p.framework.proposalsToReview(viewer),
      person.hasProfile ? p.products.allOwnedBy(id) : none([]),
      canSeeHomeProfession(viewer)
        ? p.profession.snapshot(viewer).then(snapshot => p.profession.summary(snapshot))
        : none(null),
      canSeeNewInstallation(viewer) ? p.accounts.count() : none(null),
    ])
    // Every thing they own, in one grouped read (the same flags as each strategy page's).
    const flags = await p.strategy.flagsOfMany(owned)
    const flagged = owned
      .map(thing => ({ id: thing.id, name: thing.name, flags: flags.get(thing.id) ?? [] }))
      .filter(t => t.flags.length > 0)
    const [latest, queries, feedbackAsks] = await Promise.all([
      person.hasProfile && p.checkinResponses ? p.checkinResponses.latest(id) : none(null),
      viewer.managesSomeone && p.checkinResponses ? p.checkinResponses.waitingFor(id) : none([]),
      p.feedback ? p.feedback.waitingFor(id) : none([]),
    ])
    const toConfirm = latest && (latest.response === null || latest.response.status === 'answered')
    return {
      ...due,
      levelsToConfirm: toConfirm ? latest.agreed : null,
      queries,
      feedbackAsks,
      suggestions,
      handbook,
      proposals,
      flagged,
      owned: { total: owned.length, checked: owned.length },
      profession,
      newInstallation: accounts !== null && accounts <= 1,
    }
  }
}
