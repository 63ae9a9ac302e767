// The people of the profession: profiles, promotions and moves (each kept in the history), and
// the viewer context every pathway policy needs.
import type { AccountsService } from '../accounts/accounts.service.ts'
import type { InvitedAccount } from '../accounts/accounts.types.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { Actor, CurrentUser } from '../platform/auth/roles.ts'
import type { Viewer, ViewerProfile, ViewerSource } from '../platform/auth/viewer.ts'
import type { Clock } from '../platform/clock.ts'
import { ukToday } from '../platform/dates.ts'
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type { FrameworkTerms, TermsSource } from '../framework/framework.terms.ts'
import {
  NEW_KEY_PREFIX,
  planImport,
  readPeopleCsv,
  type AccountKey,
  type ImportAction,
  type ImportPlan,
  type PlannedRow,
} from './people.import.ts'
import type { PeopleRepository } from './people.repository.ts'
import type {
  AccountChoice,
  HistoryEntry,
  HistoryView,
  PeopleFilter,
  Person,
  ProfileChanges,
  ProfileUpdate,
} from './people.types.ts'

export const ASSOCIATE_ROLE = 'associate-product-manager'
export const SENIOR_ROLE = 'senior-product-manager'
export const PEOPLE_PAGE_SIZE = 50

export interface ImportOptions {
  /** Only administrators may give new accounts a role other than member. */
  readonly canSetAccountRoles: boolean
  /** Who is importing: their own row may not change their career role or line manager. */
  readonly importerId?: string | null
  /** Email each new account an invitation with a set-password link, in the import's transaction. */
  readonly sendInvitations?: boolean
}

/** A profile as the edit form gives it: people named by email address. */
export interface ProfileInput {
  readonly careerRole: string
  readonly lineManagerEmail: string
  /** Only kept for associates: for anyone else it is cleared. */
  readonly associateOfEmail: string
  readonly businessArea: string
  readonly group: string
  readonly dateIntoRole: string | null
  /** Null keeps what the profile has (the person saving may not change it). */
  readonly headOfProfession: boolean | null
  /** Null means the usual cadence for the role. */
  readonly cadenceDays: number | null
}

export type ImportOutcome =
  | { readonly applied: true; readonly counts: Record<ImportAction, number>; readonly invited: number }
  | { readonly applied: false; readonly plan: ImportPlan }

export function importSummary(counts: Record<ImportAction, number>): string {
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
  return [
    n(counts.create, 'new account', 'new accounts'),
    n(counts.add, 'existing account added to the profession', 'existing accounts added to the profession'),
    n(counts.update, 'profile updated', 'profiles updated'),
    n(counts.unchanged, 'unchanged', 'unchanged'),
  ].join(', ')
}

/** Default days between 1:1s: fortnightly for associates, monthly for everyone else. */
export const defaultCadenceDays = (careerRole: string): number => (careerRole === 'associate-product-manager' ? 14 : 28)

export function changeKind(
  before: Pick<Person, 'hasProfile' | 'careerRole' | 'businessArea' | 'group' | 'lineManagerId'> | null,
  after: ProfileChanges,
  roleOrder: readonly string[],
): string {
  if (!before?.hasProfile || !before.careerRole) return 'joined'
  if (before.careerRole !== after.careerRole) {
    return roleOrder.indexOf(after.careerRole) > roleOrder.indexOf(before.careerRole) ? 'promotion' : 'role change'
  }
  if (before.businessArea !== after.businessArea || before.group !== after.group) return 'move'
  if (before.lineManagerId !== after.lineManagerId) return 'new line manager'
  return 'update'
}

/** The fields of a profile as the audit log names them: which changed, never what they hold. */
const FIELD_NAMES: Record<keyof ProfileChanges, string> = {
  careerRole: 'career role',
  lineManagerId: 'line manager',
  associateOfId: 'associated senior',
  businessArea: 'business area',
  group: 'group',
  dateIntoRole: 'date into role',
  headOfProfession: 'head of profession',
  oneToOneCadenceDays: 'time between 1:1s',
}

/** The names of the fields a save changes (every field for a new profile). */
export function changedFields(before: Person, after: ProfileChanges): string[] {
  const was: ProfileChanges | null = before.hasProfile
    ? {
        careerRole: before.careerRole ?? '',
        lineManagerId: before.lineManagerId,
        associateOfId: before.associateOfId,
        businessArea: before.businessArea,
        group: before.group,
        dateIntoRole: before.dateIntoRole,
        headOfProfession: before.headOfProfession,
        oneToOneCadenceDays: before.oneToOneCadenceDays,
      }
    : null
  return (Object.keys(FIELD_NAMES) as (keyof ProfileChanges)[])
    .filter(field => was === null || was[field] !== after[field])
    .map(field => FIELD_NAMES[field])
}

/** The roles an associate can be associated with: senior product manager and above. */
function seniorRoles(terms: FrameworkTerms): string[] {
  const from = terms.roleOrder.indexOf(SENIOR_ROLE)
  return from < 0 ? [] : terms.roleOrder.slice(from)
}

/** Inside the save's transaction: someone saved the profile first. Becomes a StaleVersionError. */
class StaleProfile extends Error {}

export class PeopleService implements ViewerSource {
  /** The viewer last made from each remembered profile, and for whom (rememberedViewer). */
  private readonly rememberedViewers = new WeakMap<ViewerProfile, { user: CurrentUser; viewer: Viewer }>()

  constructor(
    private readonly db: DbExecutor,
    private readonly repo: PeopleRepository,
    /** Accounts for new people in an import are made by the accounts capability. */
    private readonly accounts: Pick<AccountsService, 'inviteMany'>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** The current framework's roles: the ones people can be given, and their order. */
    private readonly framework: TermsSource,
  ) {}

  /** The career roles people can hold now, junior first, and the name of any role. */
  careerRoles(): Promise<FrameworkTerms> {
    return this.framework.terms()
  }

  /**
   * The signed-in person with what policies and the layout need to know about them: the
   * ViewerSource the HTTP platform resolves request.viewer through, once per request.
   */
  async viewer(user: CurrentUser | null): Promise<Viewer | null> {
    if (!user) return null
    return viewerOf(user, await this.repo.viewerProfile(this.db, user.id))
  }

  /** The same viewer, without waiting, when their profile is remembered; undefined otherwise. */
  rememberedViewer(user: CurrentUser): Viewer | undefined {
    const profile = this.repo.rememberedViewerProfile(this.db, user.id)
    if (!profile) return undefined
    // The fast lane asks for the same person with the same remembered profile request after
    // request: they make the same viewer, so it is made once for them.
    const known = this.rememberedViewers.get(profile)
    if (known?.user === user) return known.viewer
    const viewer = viewerOf(user, profile)
    this.rememberedViewers.set(profile, { user, viewer })
    return viewer
  }

  async get(id: string): Promise<Person> {
    const person = await this.repo.find(this.db, id)
    if (!person) throw new NotFoundError('No such person')
    return person
  }

  list(filter: PeopleFilter = {}): Promise<Person[]> {
    return this.repo.list(this.db, filter)
  }

  reportsOf(managerId: string): Promise<Person[]> {
    return this.repo.reportsOf(this.db, managerId)
  }

  areas() {
    return this.repo.areas(this.db)
  }

  history(personId: string): Promise<HistoryView[]> {
    return this.repo.history(this.db, personId)
  }

  /** One page of people (PEOPLE_PAGE_SIZE a page) and the number of pages. */
  async listPage(
    filter: PeopleFilter,
    page: number,
  ): Promise<{ people: Person[]; total: number; page: number; pages: number }> {
    const safePage = Math.max(1, Math.floor(page))
    const { people, total } = await this.repo.listPage(
      this.db,
      filter,
      PEOPLE_PAGE_SIZE,
      (safePage - 1) * PEOPLE_PAGE_SIZE,
    )
    return { people, total, page: safePage, pages: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)) }
  }

  /** Everyone who line manages someone (in this business area, if given), by name: the list's filter. */
  lineManagers(businessArea?: string): Promise<AccountChoice[]> {
    return this.repo.lineManagers(this.db, businessArea)
  }

  /** Who can be chosen as a line manager: up to limit accounts (one more means there are more). */
  managerChoices(limit: number): Promise<AccountChoice[]> {
    return this.repo.accountChoices(this.db, limit)
  }

  /** The accounts with these ids that can be chosen (not disabled), whatever the size of the list. */
  accountsByIds(ids: readonly string[]): Promise<AccountChoice[]> {
    return this.repo.accountsByIds(this.db, ids)
  }

  /** Who an associate can be associated with: senior product managers and above. */
  async seniorChoices(limit: number): Promise<AccountChoice[]> {
    return this.repo.peopleInRoles(this.db, seniorRoles(await this.framework.terms()), limit)
  }

  findByEmail(email: string): Promise<Person | null> {
    return this.repo.findByEmail(this.db, email)
  }

  /**
   * The rules every profile keeps, whoever saves it: a career role of the current framework (or
   * the one the person already holds, if it has since been retired); nobody manages themselves
   * or, through others, their own manager; only associates have an associated senior, who is a
   * senior product manager or above. Nobody changes their own career role, line manager or
   * head-of-profession flag: someone else must, so each of these is granted by a second person.
   */
  private async checkProfile(
    db: DbExecutor,
    terms: FrameworkTerms,
    actor: Actor,
    person: Person,
    changes: ProfileChanges,
  ): Promise<void> {
    const errors: Record<string, string> = {}
    if (actor.id !== null && actor.id === person.id) {
      if (!person.hasProfile || person.careerRole !== changes.careerRole)
        errors.careerRole = 'You cannot change your own career role. Ask someone else to change it'
      if ((person.hasProfile ? person.lineManagerId : null) !== changes.lineManagerId)
        errors.lineManager = 'You cannot change your own line manager. Ask someone else to change it'
      if (person.headOfProfession !== changes.headOfProfession)
        errors.headOfProfession = 'You cannot make yourself a head of profession, or stop being one. Ask someone else'
      if (Object.keys(errors).length > 0) throw new ValidationError(errors)
    }
    const kept = person.hasProfile && person.careerRole === changes.careerRole
    if (!kept && !terms.roles.some(role => role.slug === changes.careerRole)) errors.careerRole = 'Select a career role'
    if (changes.lineManagerId === person.id) errors.lineManager = 'A person cannot be their own line manager'
    else if (changes.lineManagerId) {
      const manager = await this.repo.find(db, changes.lineManagerId)
      if (!manager) errors.lineManager = 'Select a line manager from the list'
      else if (await this.repo.isInManagementChain(db, changes.lineManagerId, person.id))
        errors.lineManager = `${person.name} already manages ${manager.name}, directly or through others, so ${manager.name} cannot be their line manager`
    }
    if (changes.associateOfId) {
      if (changes.careerRole !== ASSOCIATE_ROLE)
        errors.associateOf = 'Only associate product managers are associated with a senior product manager'
      else if (changes.associateOfId === person.id) errors.associateOf = 'A person cannot be associated with themselves'
      else {
        const senior = await this.repo.find(db, changes.associateOfId)
        if (!senior) errors.associateOf = 'Select a senior product manager from the list'
        else if (!senior.hasProfile || !senior.careerRole || !seniorRoles(terms).includes(senior.careerRole))
          errors.associateOf = `${senior.name} is not a senior product manager or above`
      }
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  }

  // ---- Importing people from a spreadsheet -------------------------------------------------

  /** What importing the CSV would do, row by row, with every problem. Saves nothing. */
  async previewImport(csv: string, options: ImportOptions): Promise<ImportPlan> {
    return this.planImportOn(this.db, await this.framework.terms(), csv, options)
  }

  /**
   * Imports the CSV in one transaction, only if it has no problems: new accounts (invited, no
   * password), new and changed profiles, a history entry for each joiner, promotion and move,
   * and one audit event with the counts. Otherwise saves nothing and returns the plan.
   */
  async importPeople(actor: Actor, csv: string, options: ImportOptions): Promise<ImportOutcome> {
    const at = this.clock().toISOString()
    const today = ukToday(this.clock)
    // Read before the transaction: on SQLite it holds the only connection.
    const terms = await this.framework.terms()
    try {
      return await this.db.transaction().execute(async trx => {
        const plan = await this.planImportOn(trx, terms, csv, options)
        if (plan.problem || plan.errors.length > 0 || plan.rows.length === 0) return { applied: false, plan }

        const newIds = new Map<AccountKey, string>()
        for (const row of plan.rows) if (row.action === 'create') newIds.set(row.key, newId())
        const idOf = (key: AccountKey | null): string | null => {
          if (key === null) return null
          if (!key.startsWith(NEW_KEY_PREFIX)) return key
          const id = newIds.get(key)
          if (!id) throw new Error('An import referred to an account it does not create')
          return id
        }
        const changesOf = (row: PlannedRow): ProfileChanges => {
          const before = row.existing?.hasProfile ? row.existing : null
          const usualCadence = before?.careerRole ? defaultCadenceDays(before.careerRole) : null
          return {
            careerRole: row.profile.careerRole,
            lineManagerId: idOf(row.profile.lineManager),
            associateOfId: idOf(row.profile.associateOf),
            businessArea: row.profile.businessArea,
            group: row.profile.group,
            dateIntoRole: row.profile.dateIntoRole,
            headOfProfession: before?.headOfProfession ?? false,
            oneToOneCadenceDays:
              before && before.oneToOneCadenceDays !== usualCadence
                ? before.oneToOneCadenceDays
                : defaultCadenceDays(row.profile.careerRole),
          }
        }

        const accounts: InvitedAccount[] = []
        const created: { id: string; changes: ProfileChanges }[] = []
        const updates: ProfileUpdate[] = []
        const history: HistoryEntry[] = []
        const entry = (personId: string, changes: ProfileChanges, change: string, fromDate: string): HistoryEntry => ({
          id: newId(),
          personId,
          careerRole: changes.careerRole,
          businessArea: changes.businessArea,
          group: changes.group,
          lineManagerId: changes.lineManagerId,
          change,
          fromDate,
          recordedAt: at,
          recordedByName: actor.name,
        })
        for (const row of plan.rows) {
          if (row.action === 'unchanged') continue
          const id = idOf(row.key)
          if (!id) continue
          const changes = changesOf(row)
          if (row.action === 'create') accounts.push({ id, email: row.email, name: row.name, role: row.accountRole })
          if (row.action === 'create' || row.action === 'add') {
            created.push({ id, changes })
            history.push(entry(id, changes, 'joined', changes.dateIntoRole ?? today))
          } else if (row.existing) {
            updates.push({ id, changes, expectedVersion: row.existing.version })
            const kind = changeKind(row.existing, changes, terms.roleOrder)
            const roleChanged = kind === 'promotion' || kind === 'role change'
            if (kind !== 'update')
              history.push(entry(id, changes, kind, roleChanged ? (changes.dateIntoRole ?? today) : today))
          }
        }
        const invited = await this.accounts.inviteMany(trx, accounts, at, {
          ...(options.sendInvitations ? { emailBy: actor } : {}),
        })
        await this.repo.insertProfiles(trx, created, at)
        const saved = await this.repo.updateProfiles(trx, updates, at)
        if (saved !== updates.length) throw new ConflictError('Someone changed a profile while the import was running')
        await this.repo.insertHistory(trx, history)
        await this.audit.record(trx, actor, {
          action: 'people.imported',
          subjectType: 'person',
          summary: `Imported people from a spreadsheet: ${importSummary(plan.counts)}`,
        })
        return { applied: true, counts: plan.counts, invited }
      })
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError('Someone added one of these people while the import was running')
      throw err
    }
  }

  private async planImportOn(
    db: DbExecutor,
    terms: FrameworkTerms,
    csv: string,
    options: ImportOptions,
  ): Promise<ImportPlan> {
    const read = readPeopleCsv(csv, { terms, today: ukToday(this.clock) })
    const world = {
      roleOrder: terms.roleOrder,
      canSetAccountRoles: options.canSetAccountRoles,
      importerId: options.importerId ?? null,
    }
    if (read.problem || read.rows.length === 0)
      return planImport(read, { ...world, existing: new Map(), links: new Map() })
    const emails = new Set<string>()
    for (const r of read.rows) for (const e of [r.email, r.lineManagerEmail, r.associateOfEmail]) if (e) emails.add(e)
    const existing = await this.repo.listByEmails(db, [...emails])
    const links = await this.repo.managerLinks(db)
    return planImport(read, {
      ...world,
      existing: new Map(existing.map(p => [p.email, p])),
      links: new Map(links.map(l => [l.id, { email: l.email, lineManagerId: l.lineManagerId }])),
    })
  }

  /**
   * Saves a profile from the edit form: finds the people named by email, requires an associated
   * senior for associates, and then saves as saveProfile does (rules, history, audit).
   */
  async changeProfile(
    actor: Actor,
    personId: string,
    input: ProfileInput,
    expectedVersion: number,
    effectiveFrom: string,
  ): Promise<Person> {
    const person = await this.get(personId)
    const errors: Record<string, string> = {}
    const isAssociate = input.careerRole === ASSOCIATE_ROLE
    const idOf = async (email: string, field: string): Promise<string | null> => {
      if (!email) return null
      const found = await this.repo.findByEmail(this.db, email)
      if (!found) errors[field] = `Nobody with the email address ${email} has an account`
      return found?.id ?? null
    }
    const lineManagerId = await idOf(input.lineManagerEmail, 'lineManager')
    const associateOfId = isAssociate ? await idOf(input.associateOfEmail, 'associateOf') : null
    if (isAssociate && !input.associateOfEmail)
      errors.associateOf = 'Select the senior product manager this associate is associated with'
    if (Object.keys(errors).length > 0) throw new ValidationError(errors)
    return this.saveProfile(
      actor,
      personId,
      {
        careerRole: input.careerRole,
        lineManagerId,
        associateOfId,
        businessArea: input.businessArea,
        group: input.group,
        dateIntoRole: input.dateIntoRole,
        headOfProfession: input.headOfProfession ?? person.headOfProfession,
        oneToOneCadenceDays: input.cadenceDays ?? defaultCadenceDays(input.careerRole),
      },
      expectedVersion,
      effectiveFrom,
    )
  }

  /**
   * Creates or changes a person's profile. A change of role, area, group or line manager is kept
   * in their history with the date it took effect. When someone saved the profile since
   * expectedVersion, nothing is written and StaleVersionError<Person> carries theirs.
   */
  async saveProfile(
    actor: Actor,
    personId: string,
    changes: ProfileChanges,
    expectedVersion: number,
    effectiveFrom?: string,
  ): Promise<Person> {
    const at = this.clock().toISOString()
    try {
      await this.saveProfileIn(actor, personId, changes, expectedVersion, at, effectiveFrom)
    } catch (err) {
      // Read once the transaction has ended: on SQLite it holds the only connection.
      if (err instanceof StaleProfile || isUniqueViolation(err))
        throw new StaleVersionError(await this.get(personId), 'Someone else changed this person')
      throw err
    }
    return this.get(personId)
  }

  private async saveProfileIn(
    actor: Actor,
    personId: string,
    changes: ProfileChanges,
    expectedVersion: number,
    at: string,
    effectiveFrom: string | undefined,
  ): Promise<void> {
    // Read before the transaction: on SQLite it holds the only connection.
    const terms = await this.framework.terms()
    await this.db.transaction().execute(async trx => {
      const before = await this.repo.find(trx, personId)
      if (!before) throw new NotFoundError('No such person')
      if (before.hasProfile && before.version !== expectedVersion) throw new StaleProfile()
      await this.checkProfile(trx, terms, actor, before, changes)
      if (before.hasProfile) {
        if (!(await this.repo.updateProfile(trx, personId, changes, expectedVersion, at))) throw new StaleProfile()
      } else {
        await this.repo.insertProfile(trx, personId, changes, at)
      }
      const kind = changeKind(before, changes, terms.roleOrder)
      if (kind !== 'update') {
        await this.repo.insertHistory(trx, [
          {
            id: newId(),
            personId,
            careerRole: changes.careerRole,
            businessArea: changes.businessArea,
            group: changes.group,
            lineManagerId: changes.lineManagerId,
            change: kind,
            fromDate: effectiveFrom ?? changes.dateIntoRole ?? ukToday(this.clock),
            recordedAt: at,
            recordedByName: actor.name,
          },
        ])
      }
      await this.audit.record(trx, actor, {
        action: 'person.profile-saved',
        subjectType: 'person',
        subjectId: personId,
        summary: `Saved the profession profile of ${before.name} (${kind}), changing: ${changedFields(before, changes).join(', ') || 'nothing'}`,
      })
    })
  }
}

function viewerOf(user: CurrentUser, profile: ViewerProfile): Viewer {
  return { user, ...profile }
}
