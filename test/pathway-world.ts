// A small world for the tests of what follows an agreed check-in (confirming, querying) and of
// peer feedback: an installation with email on (queued, never sent), people with profiles, and a
// check-in taken to agreed through the pathway's own operations.
import { buildTestServices, installOrganisation, type TestServices } from './build-test-services.ts'
import type { DialectName } from './dialects.ts'
import { insertUser } from './factories.ts'
import type { Level } from '../src/framework/framework.bundled.ts'
import type { ProfileChanges } from '../src/people/people.types.ts'
import type { Viewer } from '../src/platform/auth/viewer.ts'
import type { Role } from '../src/platform/auth/roles.ts'

export interface PathwayWorld extends TestServices {
  person(name: string, profile?: Partial<ProfileChanges>, role?: Role): Promise<Viewer>
  viewerOf(id: string): Promise<Viewer>
  /** Takes a new check-in of the person to agreed, every skill at `level`; its id. */
  agreedCheckin(person: Viewer, manager: Viewer, level?: Level): Promise<string>
  outbox(): Promise<{ kind: string; recipient_id: string | null; subject: string; payload: string }[]>
}

export async function pathwayWorld(dialect: DialectName): Promise<PathwayWorld> {
  let now = new Date('2026-11-24T10:00:00.000Z').getTime()
  const built = await buildTestServices({
    dialect,
    clock: () => new Date((now += 1000)),
    env: { SMTP_URL: 'smtp://127.0.0.1:2525', EMAIL_FROM: 'valuekit@example.gov.uk' },
  })
  const founder = await installOrganisation(built)
  const { people, pathway } = built.services
  const viewerOf = async (id: string): Promise<Viewer> => {
    const p = await people.get(id)
    const viewer = await people.viewer({ id, name: p.name, email: p.email, role: p.accountRole as Role })
    if (!viewer) throw new Error('No viewer')
    return viewer
  }
  return {
    ...built,
    viewerOf,
    async person(name, profile = {}, role = 'member') {
      const user = await insertUser(built.db, { name, role })
      await people.saveProfile(
        founder,
        user.id,
        {
          careerRole: 'product-manager',
          lineManagerId: null,
          associateOfId: null,
          businessArea: 'Benefits',
          group: '',
          dateIntoRole: '2025-01-01',
          headOfProfession: false,
          oneToOneCadenceDays: 28,
          ...profile,
        },
        0,
      )
      return viewerOf(user.id)
    },
    async agreedCheckin(person, manager, level = 'working') {
      const draft = await pathway.startCheckin(person, person.user.id)
      const { skills } = await pathway.checkin(person.user.id, draft.id)
      const slugs = skills.map(s => s.skill.slug)
      const self = await pathway.saveSelf(
        person,
        person.user.id,
        draft.id,
        { ratings: Object.fromEntries(slugs.map(s => [s, { level, evidence: '' }])) },
        draft.version,
        true,
      )
      const reviewed = await pathway.saveReview(
        manager,
        person.user.id,
        draft.id,
        { ratings: Object.fromEntries(slugs.map(s => [s, { level, note: '' }])) },
        self.checkin.version,
      )
      await pathway.agree(
        manager,
        person.user.id,
        draft.id,
        { ratings: Object.fromEntries(slugs.map(s => [s, { level, note: '' }])), note: '' },
        reviewed.checkin.version,
      )
      return draft.id
    },
    outbox() {
      return built.db.selectFrom('email_outbox').select(['kind', 'recipient_id', 'subject', 'payload']).execute()
    },
  }
}
