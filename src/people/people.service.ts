// The people of the profession: profiles, promotions and moves (each kept in the history), and
// the viewer context every pathway policy needs.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { Actor, CurrentUser } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ConflictError, NotFoundError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type { Viewer } from './people.policy.ts'
import type { HistoryEntry, PeopleFilter, PeopleRepository, Person, ProfileChanges } from './people.repository.ts'

/** Default days between 1:1s: fortnightly for associates, monthly for everyone else. */
export const defaultCadenceDays = (careerRole: string): number => (careerRole === 'associate-product-manager' ? 14 : 28)

export function changeKind(before: Person | null, after: ProfileChanges, roleOrder: readonly string[]): string {
  if (!before?.hasProfile || !before.careerRole) return 'joined'
  if (before.careerRole !== after.careerRole) {
    return roleOrder.indexOf(after.careerRole) > roleOrder.indexOf(before.careerRole) ? 'promotion' : 'role change'
  }
  if (before.businessArea !== after.businessArea || before.group !== after.group) return 'move'
  if (before.lineManagerId !== after.lineManagerId) return 'new line manager'
  return 'update'
}

export class PeopleService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: PeopleRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly roleOrder: readonly string[],
  ) {}

  /** The signed-in person with what policies need to know about them. */
  async viewer(user: CurrentUser | null): Promise<Viewer | null> {
    if (!user) return null
    const person = await this.repo.find(this.db, user.id)
    return { user, businessArea: person?.hasProfile ? person.businessArea : null, headOfProfession: person?.headOfProfession ?? false }
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

  history(personId: string): Promise<HistoryEntry[]> {
    return this.repo.history(this.db, personId)
  }

  /**
   * Creates or changes a person's profile. A change of role, area, group or line manager is kept
   * in their history with the date it took effect.
   */
  async saveProfile(actor: Actor, personId: string, changes: ProfileChanges, expectedVersion: number, effectiveFrom?: string): Promise<Person> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const before = await this.repo.find(trx, personId)
      if (!before) throw new NotFoundError('No such person')
      if (before.hasProfile) {
        if (!(await this.repo.updateProfile(trx, personId, changes, expectedVersion, at))) throw new ConflictError('Someone else changed this person')
      } else {
        await this.repo.insertProfile(trx, personId, changes, at)
      }
      const kind = changeKind(before, changes, this.roleOrder)
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
            fromDate: effectiveFrom ?? changes.dateIntoRole ?? at.slice(0, 10),
            recordedAt: at,
            recordedByName: actor.name,
          },
        ])
      }
      await this.audit.record(trx, actor, { action: 'person.profile-saved', subjectType: 'person', subjectId: personId, summary: `Saved the profession profile of ${before.name} (${kind})` })
    })
    return this.get(personId)
  }
}
