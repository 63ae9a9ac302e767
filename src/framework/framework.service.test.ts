// The framework service on both engines, wired as src/app.ts wires it: real repositories, real
// audit, organisation and people services, and a clock the tests move. Check-ins are written
// straight into their tables by a small helper, as the check-in pages are built elsewhere.
import { rejection } from '../../test/assert.ts'
import type { Kysely } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestServices } from '../../test/build-test-services.ts'
import { DIALECTS, type DialectName, type TestDb } from '../../test/dialects.ts'
import { insertUser, viewerFor } from '../../test/factories.ts'
import { AuditRepository, type AuditEvent } from '../audit/audit.repository.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { Database } from '../db/schema.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Role } from '../platform/auth/roles.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import {
  FRAMEWORK_2017,
  FRAMEWORK_2025,
  LEADERSHIP_EXTENSION,
  MAPPING_2017_TO_2025,
  type Level,
} from './framework.bundled.ts'
import type { ProposalChange } from './framework.repository.ts'
import { ProposalNoLongerAppliesError, applyChange } from './framework.changes.ts'
import { activeRoles, activeSkills, bundledDocument, expectedLevel, type SeedChoice } from './framework.document.ts'
import { type FrameworkService } from './framework.service.ts'

/** An audit log that fails on demand, to prove a change and its audit event stand or fall together. */
class SwitchableAuditRepository extends AuditRepository {
  broken = false
  override async insert(db: DbExecutor, event: AuditEvent): Promise<unknown> {
    if (this.broken) throw new Error('The audit log is unavailable')
    return super.insert(db, event)
  }
}

/** Writes check-ins straight into the pathway's tables, as the check-in pages would. */
class CheckinFixtures {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(o: {
    personId: string
    versionId: string
    roleSlug: string
    status?: string
    agreedAt?: string | null
    ratings?: Record<string, Level | null>
  }): Promise<string> {
    const id = newId()
    const status = o.status ?? 'agreed'
    await this.db
      .insertInto('checkins')
      .values({
        id,
        person_id: o.personId,
        framework_version_id: o.versionId,
        role_slug: o.roleSlug,
        kind: 'check-in',
        status,
        manager_id: null,
        created_at: '2026-01-01T09:00:00.000Z',
        submitted_at: '2026-01-02T09:00:00.000Z',
        reviewed_at: null,
        agreed_at: status === 'agreed' ? (o.agreedAt ?? '2026-02-01T09:00:00.000Z') : null,
        agreed_note: status === 'agreed' ? 'Agreed in our meeting' : null,
        carried_from_id: null,
        version: 1,
      })
      .execute()
    const ratings = Object.entries(o.ratings ?? {})
    if (ratings.length)
      await this.db
        .insertInto('checkin_ratings')
        .values(
          ratings.map(([skill, level]) => ({
            checkin_id: id,
            skill_slug: skill,
            self_level: level,
            self_evidence: 'Private evidence',
            manager_level: level,
            manager_note: '',
            agreed_level: status === 'agreed' ? level : null,
            agreed_note: '',
          })),
        )
        .execute()
    return id
  }

  checkinsOf(personId: string) {
    return this.db.selectFrom('checkins').selectAll().where('person_id', '=', personId).orderBy('created_at').execute()
  }

  ratingsOf(checkinId: string) {
    return this.db
      .selectFrom('checkin_ratings')
      .selectAll()
      .where('checkin_id', '=', checkinId)
      .orderBy('skill_slug')
      .execute()
  }

  migrations() {
    return this.db.selectFrom('framework_migrations').selectAll().execute()
  }
}

interface World {
  testDb: TestDb
  framework: FrameworkService
  people: PeopleService
  audit: AuditService
  auditLog: SwitchableAuditRepository
  checkins: CheckinFixtures
  viewer(role: Role, headOfProfession: boolean, name: string): Promise<Viewer>
  addPersonInRole(roleSlug: string, name: string): Promise<string>
  actions(): Promise<string[]>
}

async function world(dialect: DialectName, options: { organisation?: boolean } = {}): Promise<World> {
  let now = new Date('2026-11-24T10:00:00.000Z')
  const clock = () => {
    now = new Date(now.getTime() + 1000)
    return new Date(now)
  }
  const auditLog = new SwitchableAuditRepository()
  const built = await buildTestServices({ dialect, clock, replace: { audit: auditLog } })
  const { testDb, db } = built
  const { audit, organisation, people, framework } = built.services
  const founder = await insertUser(db, { role: 'administrator', name: 'Fay Founder' })
  if (options.organisation !== false)
    await db.transaction().execute(trx =>
      organisation.create(trx, founder, {
        name: 'Department for Testing',
        logoText: 'DfT',
        brandColour: '#1d70b8',
        pathwayShape: 'enterprise',
        phase: 'none',
        feedbackUrl: null,
        publicHandbook: false,
      }),
    )
  return {
    testDb,
    framework,
    people,
    audit,
    auditLog,
    checkins: new CheckinFixtures(db),
    async viewer(role, headOfProfession, name) {
      return viewerFor(await insertUser(db, { role, name }), role, headOfProfession)
    },
    async addPersonInRole(roleSlug, name) {
      const user = await insertUser(db, { name })
      await people.saveProfile(
        founder,
        user.id,
        {
          careerRole: roleSlug,
          lineManagerId: null,
          associateOfId: null,
          businessArea: 'Benefits',
          group: '',
          dateIntoRole: '2025-01-01',
          headOfProfession: false,
          oneToOneCadenceDays: 28,
        },
        0,
      )
      return user.id
    },
    async actions() {
      return (await audit.list({}, 1)).events.map(e => e.action)
    },
  }
}

async function seeded(dialect: DialectName, choice: SeedChoice, actorName = 'Fay Founder'): Promise<World> {
  const w = await world(dialect)
  await w.testDb.db.kysely.transaction().execute(trx => w.framework.seed(trx, { id: null, name: actorName }, choice))
  return w
}

const descriptor = (skill: string, level: Level, text: string): ProposalChange => ({
  kind: 'descriptor',
  payload: { skill, level, text },
})

describe.each(DIALECTS)('framework service on %s', dialect => {
  let w: World | undefined
  afterEach(async () => {
    await w?.testDb.destroy()
    w = undefined
  })

  describe('bundled versions', () => {
    it('seeds the 2025 framework as version 1 for an installation set up before the framework existed', async () => {
      w = await world(dialect)
      const current = await w.framework.current()
      expect(current).toMatchObject({ number: 1, status: 'current', createdByName: 'Valuekit', approvedByName: null })
      expect(current.document.key).toBe(FRAMEWORK_2025.key)
      expect(activeSkills(current.document).map(s => s.slug)).toEqual(FRAMEWORK_2025.skills.map(s => s.slug))
      expect(current.document.skills.some(s => s.group === 'leadership')).toBe(false)
      // Asking again finds it rather than seeding again.
      expect((await w.framework.current()).id).toBe(current.id)
      expect(await w.framework.versions()).toHaveLength(1)
      expect(await w.actions()).toContain('framework.seeded')
    })

    it('does not seed before the installation is set up', async () => {
      w = await world(dialect, { organisation: false })
      expect(await rejection(w.framework.current())).toBeInstanceOf(NotFoundError)
      expect(await w.framework.versions()).toHaveLength(0)
    })

    it('seeds the 2017 framework with the leadership capabilities when chosen at set-up, once only', async () => {
      w = await seeded(dialect, { base: '2017', leadership: true })
      const current = await w.framework.current()
      expect(current.number).toBe(1)
      expect(current.createdByName).toBe('Fay Founder')
      expect(current.note).toBe('Started from the 2017 framework with the leadership capabilities')
      expect(current.document.key).toBe(FRAMEWORK_2017.key)
      const slugs = activeSkills(current.document).map(s => s.slug)
      expect(slugs).toEqual([...FRAMEWORK_2017.skills, ...LEADERSHIP_EXTENSION.skills].map(s => s.slug))
      expect(expectedLevel(current.document, 'senior-product-manager', 'coaching')).toBe('working')
      expect(expectedLevel(current.document, 'product-manager', 'financial-ownership')).toBe('practitioner')

      const { framework } = w
      await w.testDb.db.kysely
        .transaction()
        .execute(trx => framework.seed(trx, { id: null, name: 'Someone' }, { base: '2025', leadership: false }))
      expect(await w.framework.versions()).toHaveLength(1)
      expect((await w.framework.current()).document.key).toBe(FRAMEWORK_2017.key)
    })

    it('keeps the roles of each pathway shape in order', () => {
      const doc = bundledDocument({ base: '2025', leadership: false })
      expect(activeRoles(doc, 'small').map(r => r.slug)).toEqual([
        'associate-product-manager',
        'product-manager',
        'head-of-product',
      ])
      expect(activeRoles(doc, 'medium')).toHaveLength(4)
      expect(activeRoles(doc, 'enterprise')).toHaveLength(5)
      // The bundled data is never changed by what is done to a copy.
      applyChange(doc, { kind: 'retire-role', payload: { role: 'product-manager' } })
      doc.roles.pop()
      expect(FRAMEWORK_2025.roles).toHaveLength(5)
    })
  })

  describe('proposals', () => {
    it('turns each kind of approved proposal into the next version, crediting who proposed and who approved', async () => {
      w = await seeded(dialect, { base: '2025', leadership: false })
      const hop = await w.viewer('member', true, 'Hana Head')
      const reviewer = await w.viewer('administrator', false, 'Adam Admin')
      const changes: ProposalChange[] = [
        descriptor('product-management', 'working', 'You manage a product day to day, with support.'),
        {
          kind: 'expectation',
          payload: { role: 'product-manager', skill: 'product-leadership', level: 'practitioner' },
        },
        {
          kind: 'add-skill',
          payload: {
            name: 'Data literacy',
            group: 'core',
            gist: 'Uses data to make decisions.',
            descriptors: { awareness: 'Knows.', working: 'Uses.', practitioner: 'Teaches.', expert: 'Leads.' },
            expectations: { 'product-manager': 'working', 'head-of-product': 'expert' },
          },
        },
        { kind: 'retire-skill', payload: { skill: 'creating-value-for-money' } },
        {
          kind: 'add-role',
          payload: {
            name: 'Principal product manager',
            after: 'lead-product-manager',
            shapes: ['enterprise'],
            summary: 'Leads product for the largest services.',
            expectations: { 'product-management': 'expert' },
          },
        },
        { kind: 'retire-role', payload: { role: 'lead-product-manager' } },
      ]
      for (const [index, change] of changes.entries()) {
        const proposal = await w.framework.propose(hop, change, `Reason ${index}`)
        expect(proposal.status).toBe('open')
        const version = await w.framework.approve(reviewer, proposal.id, '')
        expect(version).toMatchObject({
          number: index + 2,
          status: 'current',
          createdByName: 'Hana Head',
          approvedByName: 'Adam Admin',
          note: proposal.summary,
        })
        const decided = await w.framework.proposal(proposal.id)
        expect(decided).toMatchObject({
          status: 'approved',
          reviewedByName: 'Adam Admin',
          resultingVersionNumber: index + 2,
        })
      }

      const doc = (await w.framework.current()).document
      expect(doc.skills.find(s => s.slug === 'product-management')?.descriptors.working).toBe(
        'You manage a product day to day, with support.',
      )
      expect(expectedLevel(doc, 'product-manager', 'product-leadership')).toBe('practitioner')
      expect(doc.skills.find(s => s.slug === 'data-literacy')).toMatchObject({ name: 'Data literacy', group: 'core' })
      expect(expectedLevel(doc, 'product-manager', 'data-literacy')).toBe('working')
      expect(expectedLevel(doc, 'associate-product-manager', 'data-literacy')).toBeNull()
      // Retired items stay in the document, out of the active lists.
      expect(doc.skills.find(s => s.slug === 'creating-value-for-money')?.retired).toBe(true)
      expect(activeSkills(doc).map(s => s.slug)).not.toContain('creating-value-for-money')
      expect(activeRoles(doc, 'enterprise').map(r => r.slug)).toEqual([
        'associate-product-manager',
        'product-manager',
        'senior-product-manager',
        'principal-product-manager',
        'head-of-product',
      ])
      expect(expectedLevel(doc, 'principal-product-manager', 'product-management')).toBe('expert')

      const versions = await w.framework.versions()
      expect(versions.map(v => v.number)).toEqual([7, 6, 5, 4, 3, 2, 1])
      expect(versions.filter(v => v.status === 'current').map(v => v.number)).toEqual([7])
      // Old versions are untouched.
      const first = await w.framework.version(1)
      expect(first.document.skills.find(s => s.slug === 'creating-value-for-money')?.retired).toBeUndefined()
      expect(expectedLevel(first.document, 'product-manager', 'product-leadership')).toBe('working')
      const actions = await w.actions()
      expect(actions.filter(a => a === 'framework.proposed')).toHaveLength(6)
      expect(actions.filter(a => a === 'framework.approved')).toHaveLength(6)
    })

    it('checks every kind of proposal against the current version, field by field', async () => {
      w = await seeded(dialect, { base: '2025', leadership: false })
      const hop = await w.viewer('member', true, 'Hana Head')
      await w.addPersonInRole('lead-product-manager', 'Lena Lead')
      const problems = async (change: ProposalChange, reason = 'Because') => {
        const error = await rejection(w?.framework.propose(hop, change, reason) ?? Promise.resolve())
        expect(error).toBeInstanceOf(ValidationError)
        return (error as ValidationError).fieldErrors
      }
      const current = FRAMEWORK_2025.skills.find(s => s.slug === 'product-management')?.descriptors.expert ?? ''

      expect(await problems(descriptor('no-such-skill', 'working', 'Text'))).toEqual({
        skill: 'Select a skill from the list',
      })
      expect((await problems(descriptor('product-management', 'expert', current))).text).toMatch(/same as it is now/)
      expect((await problems(descriptor('product-management', 'expert', 'New'), '  ')).reason).toBe(
        'Say why you propose this change',
      )
      expect(
        (
          await problems({
            kind: 'expectation',
            payload: { role: 'product-manager', skill: 'product-management', level: 'practitioner' },
          })
        ).level,
      ).toBe(
        'Practitioner is already the expected level of Product management for Product manager. Choose a different level',
      )
      expect(
        await problems({
          kind: 'add-skill',
          payload: {
            name: 'Product management',
            group: 'core',
            gist: '',
            descriptors: { awareness: 'a', working: 'b', practitioner: '', expert: 'd' },
            expectations: { 'no-such-role': 'working' },
          },
        }),
      ).toEqual({
        name: 'There is already a skill called Product management. Choose a different name',
        gist: 'Say in one sentence what the skill is about',
        'descriptors-practitioner': 'Describe what the practitioner level looks like',
        'expectations-no-such-role': 'Choose levels for roles in the list',
      })
      expect(
        await problems({
          kind: 'add-role',
          payload: { name: 'Head of product', after: 'nobody', shapes: [], summary: 'x', expectations: {} },
        }),
      ).toEqual({
        name: 'There is already a role called Head of product. Choose a different name',
        after: 'Select a role from the list',
        shapes: 'Select at least one shape of pathway that uses the role',
      })
      expect((await problems({ kind: 'retire-role', payload: { role: 'lead-product-manager' } })).role).toBe(
        '1 person holds this role. Move them to another role before you retire it',
      )
      expect((await problems({ kind: 'retire-skill', payload: { skill: 'nothing' } })).skill).toBe(
        'Select a skill from the list',
      )
      expect((await w.framework.proposals()).length).toBe(0)
    })

    it('lets only heads of profession propose, and never lets someone approve their own proposal', async () => {
      w = await seeded(dialect, { base: '2025', leadership: false })
      const hop = await w.viewer('member', true, 'Hana Head')
      const otherHop = await w.viewer('leader', true, 'Hugo Head')
      const admin = await w.viewer('administrator', false, 'Adam Admin')
      const member = await w.viewer('member', false, 'Mia Member')
      const change = descriptor('user-focus', 'working', 'x')
      expect(await rejection(w.framework.propose(admin, change, 'Why'))).toBeInstanceOf(ForbiddenError)
      expect(await rejection(w.framework.propose(member, change, 'Why'))).toBeInstanceOf(ForbiddenError)

      const proposal = await w.framework.propose(hop, descriptor('strategic-ownership', 'working', 'New words'), 'Why')
      const own = await rejection(w.framework.approve(hop, proposal.id, ''))
      expect(own).toBeInstanceOf(ForbiddenError)
      expect((own as Error).message).toBe('Someone else must review a proposal you made')
      expect(await rejection(w.framework.reject(hop, proposal.id, 'Changed my mind'))).toBeInstanceOf(ForbiddenError)
      expect(await rejection(w.framework.approve(member, proposal.id, ''))).toBeInstanceOf(ForbiddenError)
      expect((await w.framework.proposal(proposal.id)).status).toBe('open')

      await w.framework.approve(otherHop, proposal.id, 'Clearer')
      expect(await rejection(w.framework.approve(admin, proposal.id, ''))).toBeInstanceOf(ConflictError)
      expect((await w.framework.versions()).length).toBe(2)
    })

    it('needs a note to reject, and keeps it for the person who proposed', async () => {
      w = await seeded(dialect, { base: '2025', leadership: false })
      const hop = await w.viewer('member', true, 'Hana Head')
      const admin = await w.viewer('administrator', false, 'Adam Admin')
      const proposal = await w.framework.propose(
        hop,
        { kind: 'retire-skill', payload: { skill: 'product-leadership' } },
        'Why',
      )
      const error = await rejection(w.framework.reject(admin, proposal.id, '   '))
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors).toEqual({ note: 'Say why you are rejecting this proposal' })

      await w.framework.reject(admin, proposal.id, 'We still need it')
      expect(await w.framework.proposal(proposal.id)).toMatchObject({
        status: 'rejected',
        reviewNote: 'We still need it',
        reviewedByName: 'Adam Admin',
        resultingVersionId: null,
      })
      expect(await rejection(w.framework.reject(admin, proposal.id, 'Again'))).toBeInstanceOf(ConflictError)
      expect(await w.framework.versions()).toHaveLength(1)
      expect(await w.actions()).toContain('framework.rejected')
    })

    it('applies a proposal made against an older version when it still applies, and refuses it when it does not', async () => {
      w = await seeded(dialect, { base: '2025', leadership: false })
      const hop = await w.viewer('member', true, 'Hana Head')
      const admin = await w.viewer('administrator', false, 'Adam Admin')
      const first = await w.framework.propose(hop, descriptor('life-cycle-management', 'working', 'First edit'), 'Why')
      const clash = await w.framework.propose(hop, descriptor('life-cycle-management', 'working', 'Second edit'), 'Why')
      const elsewhere = await w.framework.propose(
        hop,
        {
          kind: 'expectation',
          payload: { role: 'head-of-product', skill: 'product-leadership', level: 'practitioner' },
        },
        'Why',
      )
      const retire = await w.framework.propose(
        hop,
        { kind: 'retire-skill', payload: { skill: 'strategic-ownership' } },
        'Why',
      )
      const editRetired = await w.framework.propose(hop, descriptor('strategic-ownership', 'expert', 'Words'), 'Why')

      await w.framework.approve(admin, first.id, '')
      // The same descriptor, changed by someone else in between.
      const review = await w.framework.review(clash.id)
      expect(review.problem).toBe(
        'the working descriptor of Life cycle management has been changed since this was proposed',
      )
      const stale = await rejection(w.framework.approve(admin, clash.id, ''))
      expect(stale).toBeInstanceOf(ProposalNoLongerAppliesError)
      expect((stale as Error).message).toBe(
        'This proposal cannot be applied to the current framework (version 2): the working descriptor of Life cycle management has been changed since this was proposed. Reject it, and propose the change again if it is still needed',
      )
      expect((await w.framework.proposal(clash.id)).status).toBe('open')

      // A change elsewhere still applies, on top of the earlier one.
      const v3 = await w.framework.approve(admin, elsewhere.id, '')
      expect(v3.number).toBe(3)
      expect(v3.document.skills.find(s => s.slug === 'life-cycle-management')?.descriptors.working).toBe('First edit')
      expect(expectedLevel(v3.document, 'head-of-product', 'product-leadership')).toBe('practitioner')

      await w.framework.approve(admin, retire.id, '')
      const gone = await rejection(w.framework.approve(admin, editRetired.id, ''))
      expect(gone).toBeInstanceOf(ProposalNoLongerAppliesError)
      expect((gone as Error).message).toContain('Strategic ownership has been retired')
      expect((await w.framework.versions())[0]?.number).toBe(4)
    })

    it('shows what a proposal changes, before and after', async () => {
      w = await seeded(dialect, { base: '2025', leadership: false })
      const hop = await w.viewer('member', true, 'Hana Head')
      const admin = await w.viewer('administrator', false, 'Adam Admin')
      const proposal = await w.framework.propose(
        hop,
        {
          kind: 'expectation',
          payload: { role: 'associate-product-manager', skill: 'strategic-ownership', level: null },
        },
        'Associates do not need it',
      )
      expect(proposal.summary).toBe(
        'Change the expected level of Strategic ownership for Associate product manager to not expected',
      )
      const open = await w.framework.review(proposal.id)
      expect(open.lines).toEqual([
        {
          what: 'Expected level of Strategic ownership for Associate product manager',
          before: 'Awareness',
          after: 'Not expected',
        },
      ])
      expect(open.problem).toBeNull()
      await w.framework.approve(admin, proposal.id, '')
      const decided = await w.framework.review(proposal.id)
      expect(decided.againstNumber).toBe(1)
      expect(decided.lines[0]?.before).toBe('Awareness')
    })

    it('writes nothing when the audit event cannot be written', async () => {
      w = await seeded(dialect, { base: '2025', leadership: false })
      const hop = await w.viewer('member', true, 'Hana Head')
      const admin = await w.viewer('administrator', false, 'Adam Admin')
      const proposal = await w.framework.propose(hop, descriptor('product-management', 'awareness', 'New'), 'Why')
      w.auditLog.broken = true
      expect(await rejection(w.framework.approve(admin, proposal.id, ''))).toBeInstanceOf(Error)
      w.auditLog.broken = false
      expect(await w.framework.versions()).toHaveLength(1)
      expect((await w.framework.proposal(proposal.id)).status).toBe('open')
    })
  })

  describe('moving between versions', () => {
    it('carries agreed levels from 2017 to 2025 by the mapping, keeping the highest of several sources', async () => {
      w = await seeded(dialect, { base: '2017', leadership: false })
      const head = await w.viewer('member', true, 'Hana Head')
      const v1 = await w.framework.current()
      const ana = await w.addPersonInRole('product-manager', 'Ana')
      const ben = await w.addPersonInRole('senior-product-manager', 'Ben')
      const cat = await w.addPersonInRole('product-manager', 'Cat')
      const older = await w.checkins.insert({
        personId: ana,
        versionId: v1.id,
        roleSlug: 'associate-product-manager',
        agreedAt: '2026-01-01T09:00:00.000Z',
        ratings: { 'product-ownership': 'awareness' },
      })
      const anaLatest = await w.checkins.insert({
        personId: ana,
        versionId: v1.id,
        roleSlug: 'product-manager',
        agreedAt: '2026-06-01T09:00:00.000Z',
        ratings: {
          'product-ownership': 'practitioner',
          'problem-ownership': 'expert',
          'user-focus': 'working',
          'ddat-perspective': 'expert',
          'financial-ownership': null,
        },
      })
      await w.checkins.insert({
        personId: ben,
        versionId: v1.id,
        roleSlug: 'senior-product-manager',
        ratings: { 'working-with-agility': 'practitioner' },
      })
      // A check-in still in progress is not carried.
      await w.checkins.insert({
        personId: cat,
        versionId: v1.id,
        roleSlug: 'product-manager',
        status: 'draft',
        ratings: { 'user-focus': 'expert' },
      })

      const choices = await w.framework.migrationChoices()
      expect(choices.map(c => c.key)).toEqual(['bundled-2025'])

      const plan = await w.framework.planMigration({ kind: 'bundled', base: '2025' })
      expect(plan.currentNumber).toBe(1)
      expect(plan.to).toMatchObject({ number: 2, isNew: true })
      expect(plan.peopleToCarry).toBe(2)
      expect(Object.fromEntries(plan.rows.map(r => [r.skill.slug, r.suggested]))).toEqual(
        Object.fromEntries(Object.entries(MAPPING_2017_TO_2025).map(([from, to]) => [from, to[0] ?? null])),
      )
      expect(plan.withoutSuccessor.map(s => s.slug).sort()).toEqual(['ddat-perspective', 'understanding-constraints'])
      expect(plan.withoutSource.map(s => s.slug).sort()).toEqual([
        'managing-product-outcomes',
        'product-leadership',
        'stakeholder-relationship-management',
      ])

      const mapping = Object.fromEntries(plan.rows.map(r => [r.skill.slug, r.selected]))
      // Someone else moved the framework on while this was being reviewed.
      expect(
        await rejection(w.framework.applyMigration(head, { kind: 'bundled', base: '2025' }, mapping, 0)),
      ).toBeInstanceOf(ConflictError)
      const bad = await rejection(
        w.framework.applyMigration(
          head,
          { kind: 'bundled', base: '2025' },
          { ...mapping, 'user-focus': 'user-focus' },
          1,
        ),
      )
      expect((bad as ValidationError).fieldErrors).toEqual({
        'map-user-focus': 'Select where User focus goes from the list',
      })
      expect(await w.framework.versions()).toHaveLength(1)

      const result = await w.framework.applyMigration(head, { kind: 'bundled', base: '2025' }, mapping, 1)
      expect(result).toEqual({ versionNumber: 2, fromNumber: 1, newVersion: true, peopleCarried: 2 })

      const v2 = await w.framework.current()
      expect(v2).toMatchObject({ number: 2, createdByName: 'Hana Head' })
      expect(v2.document.key).toBe(FRAMEWORK_2025.key)
      expect((await w.framework.version(1)).status).toBe('superseded')

      const anaCheckins = await w.checkins.checkinsOf(ana)
      expect(anaCheckins).toHaveLength(3)
      const carried = anaCheckins.find(c => c.kind === 'carried-over')
      expect(carried).toMatchObject({
        status: 'agreed',
        framework_version_id: v2.id,
        role_slug: 'product-manager',
        carried_from_id: anaLatest,
        agreed_note: 'Carried across from framework version 1',
      })
      const ratings = await w.checkins.ratingsOf(carried?.id ?? '')
      expect(ratings.map(r => [r.skill_slug, r.agreed_level])).toEqual([
        ['applying-user-centred-insights', 'working'],
        ['product-management', 'expert'],
      ])
      expect(ratings.find(r => r.skill_slug === 'product-management')?.agreed_note).toBe(
        'Carried across from Problem ownership (Expert) and Product ownership (Practitioner) in framework version 1: the highest agreed level is kept',
      )
      expect(ratings.find(r => r.skill_slug === 'applying-user-centred-insights')?.agreed_note).toBe(
        'Carried across from User focus in framework version 1',
      )
      // Nothing copied from the private evidence.
      expect(ratings.every(r => r.self_evidence === '' && r.self_level === null)).toBe(true)

      // The old check-ins are untouched and still read against version 1.
      const old = anaCheckins.find(c => c.id === anaLatest)
      expect(old?.framework_version_id).toBe(v1.id)
      expect((await w.checkins.ratingsOf(anaLatest)).map(r => r.agreed_level)).toEqual([
        'expert',
        null,
        'expert',
        'practitioner',
        'working',
      ])
      expect(anaCheckins.find(c => c.id === older)?.framework_version_id).toBe(v1.id)
      const readable = await w.framework.versionById(old?.framework_version_id ?? '')
      expect(readable.document.skills.map(s => s.slug)).toContain('problem-ownership')

      const benCarried = (await w.checkins.checkinsOf(ben)).find(c => c.kind === 'carried-over')
      expect((await w.checkins.ratingsOf(benCarried?.id ?? '')).map(r => [r.skill_slug, r.agreed_level])).toEqual([
        ['agile-and-lean-practices', 'practitioner'],
      ])
      expect((await w.checkins.checkinsOf(cat)).map(c => c.kind)).toEqual(['check-in'])

      const migrations = await w.checkins.migrations()
      expect(migrations).toHaveLength(1)
      expect(migrations[0]).toMatchObject({ from_version_id: v1.id, to_version_id: v2.id, people_carried: 2 })
      expect(JSON.parse(migrations[0]?.mapping ?? '{}')).toEqual(mapping)
      expect((await w.framework.migrations())[0]).toMatchObject({ fromVersionNumber: 1, toVersionNumber: 2 })
      expect(await w.actions()).toContain('framework.migrated')

      // There is nothing newer to move to now, and reapplying the same review is refused.
      expect(await w.framework.migrationChoices()).toEqual([])
      expect(
        await rejection(w.framework.applyMigration(head, { kind: 'bundled', base: '2025' }, mapping, 1)),
      ).toBeInstanceOf(ConflictError)
      expect(
        await rejection(w.framework.applyMigration(head, { kind: 'bundled', base: '2025' }, mapping, 2)),
      ).toBeInstanceOf(NotFoundError)
      expect(await w.checkins.migrations()).toHaveLength(1)
    })

    it('keeps the leadership capabilities when moving to 2025, and uses a reviewer’s changes to the mapping', async () => {
      w = await seeded(dialect, { base: '2017', leadership: true })
      const admin = await w.viewer('administrator', false, 'Adam Admin')
      const v1 = await w.framework.current()
      const ana = await w.addPersonInRole('lead-product-manager', 'Ana')
      await w.checkins.insert({
        personId: ana,
        versionId: v1.id,
        roleSlug: 'lead-product-manager',
        ratings: { coaching: 'expert', 'understanding-constraints': 'practitioner', 'product-ownership': 'working' },
      })
      const plan = await w.framework.planMigration({ kind: 'bundled', base: '2025' })
      expect(plan.rows.find(r => r.skill.slug === 'coaching')?.suggested).toBe('coaching')
      const mapping = Object.fromEntries(plan.rows.map(r => [r.skill.slug, r.selected]))
      mapping['understanding-constraints'] = 'stakeholder-relationship-management'
      mapping['product-ownership'] = null
      await w.framework.applyMigration(admin, { kind: 'bundled', base: '2025' }, mapping, 1)
      const v2 = await w.framework.current()
      expect(activeSkills(v2.document).filter(s => s.group === 'leadership')).toHaveLength(6)
      const carried = (await w.checkins.checkinsOf(ana)).find(c => c.kind === 'carried-over')
      expect((await w.checkins.ratingsOf(carried?.id ?? '')).map(r => [r.skill_slug, r.agreed_level])).toEqual([
        ['coaching', 'expert'],
        ['stakeholder-relationship-management', 'practitioner'],
      ])
    })

    it('carries levels agreed against an older version into the current one, after proposals changed it', async () => {
      w = await seeded(dialect, { base: '2025', leadership: false })
      const hop = await w.viewer('member', true, 'Hana Head')
      const admin = await w.viewer('administrator', false, 'Adam Admin')
      const member = await w.viewer('member', false, 'Mia Member')
      const v1 = await w.framework.current()
      const ana = await w.addPersonInRole('associate-product-manager', 'Ana')
      await w.checkins.insert({
        personId: ana,
        versionId: v1.id,
        roleSlug: 'associate-product-manager',
        ratings: { 'product-management': 'working', 'creating-value-for-money': 'awareness' },
      })
      const retire = await w.framework.propose(
        hop,
        { kind: 'retire-skill', payload: { skill: 'creating-value-for-money' } },
        'Why',
      )
      // Retiring a skill someone holds a level in needs a mapping: nothing is carried on approval.
      expect(await w.framework.approve(admin, retire.id, '')).toMatchObject({
        number: 2,
        peopleCarried: 0,
        mappingFrom: 1,
      })
      expect((await w.framework.migrationChoices()).map(c => c.key)).toEqual(['version-1'])

      const plan = await w.framework.planMigration({ kind: 'version', from: 1 })
      expect(plan.to).toMatchObject({ number: 2, isNew: false })
      expect(plan.rows.find(r => r.skill.slug === 'creating-value-for-money')?.suggested).toBeNull()
      const mapping = Object.fromEntries(plan.rows.map(r => [r.skill.slug, r.selected]))
      expect(
        await rejection(w.framework.applyMigration(member, { kind: 'version', from: 1 }, mapping, 2)),
      ).toBeInstanceOf(ForbiddenError)
      expect(await w.framework.applyMigration(admin, { kind: 'version', from: 1 }, mapping, 2)).toEqual({
        versionNumber: 2,
        fromNumber: 1,
        newVersion: false,
        peopleCarried: 1,
      })
      const v2 = await w.framework.current()
      const carried = (await w.checkins.checkinsOf(ana)).find(c => c.kind === 'carried-over')
      expect(carried?.framework_version_id).toBe(v2.id)
      expect((await w.checkins.ratingsOf(carried?.id ?? '')).map(r => r.skill_slug)).toEqual(['product-management'])
      expect(await w.framework.versions()).toHaveLength(2)
      // Everyone is now on the current version: nothing left to carry.
      expect(await w.framework.migrationChoices()).toEqual([])
      const again = await rejection(w.framework.applyMigration(admin, { kind: 'version', from: 1 }, mapping, 2))
      expect((again as ValidationError).fieldErrors.target).toMatch(/nothing to carry across/)
    })

    it("carries everyone's agreed levels across on approval when a change keeps every skill's meaning", async () => {
      w = await seeded(dialect, { base: '2025', leadership: false })
      const hop = await w.viewer('member', true, 'Hana Head')
      const admin = await w.viewer('administrator', false, 'Adam Admin')
      const v1 = await w.framework.current()
      const ana = await w.addPersonInRole('associate-product-manager', 'Ana')
      const ben = await w.addPersonInRole('product-manager', 'Ben')
      for (const [person, role] of [
        [ana, 'associate-product-manager'],
        [ben, 'product-manager'],
      ] as const)
        await w.checkins.insert({
          personId: person,
          versionId: v1.id,
          roleSlug: role,
          ratings: { 'product-management': 'working', 'creating-value-for-money': 'awareness' },
        })
      const descriptor = await w.framework.propose(
        hop,
        {
          kind: 'descriptor',
          payload: {
            skill: 'product-management',
            level: 'working',
            text: 'Runs discovery and delivery for a service.',
          },
        },
        'Clearer',
      )
      const v2 = await w.framework.approve(admin, descriptor.id, '')
      expect(v2).toMatchObject({ number: 2, peopleCarried: 2, mappingFrom: null })
      // Nothing is left waiting to be moved, and each person has a carried check-in in version 2.
      expect(await w.framework.migrationChoices()).toEqual([])
      for (const person of [ana, ben]) {
        const carried = (await w.checkins.checkinsOf(person)).find(c => c.kind === 'carried-over')
        expect(carried?.framework_version_id).toBe(v2.id)
        expect((await w.checkins.ratingsOf(carried?.id ?? '')).map(r => [r.skill_slug, r.agreed_level]).sort()).toEqual(
          [
            ['creating-value-for-money', 'awareness'],
            ['product-management', 'working'],
          ],
        )
      }
      expect((await w.framework.migrations())[0]).toMatchObject({ peopleCarried: 2 })
    })
  })
})
