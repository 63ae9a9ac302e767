// The profession the benchmark loads the capability view with: by default 10,000 people in 8
// business areas, each with a career role, a line manager, a history (joined, promotions, moves)
// and four check-ins against the current framework version, each rating every active skill
// (about 360,000 ratings). Written straight into the database in batches, through the people
// repository for accounts, profiles and history and with plain inserts for check-ins, which is
// far quicker than going through the pages. A seeded generator makes every run the same.
//
// Also makes the accounts the benchmark signs in with: a head of profession with a password, and
// a password for one generated member whose four check-ins are all agreed and who has a manager.
import { randomBytes } from 'node:crypto'
import { loadConfig } from '../src/config.ts'
import { connect, type Db } from '../src/db/connect.ts'
import type { Database } from '../src/db/schema.ts'
import { LEVELS, type Level } from '../src/framework/framework.bundled.ts'
import { activeRoles, activeSkills, expectedLevel } from '../src/framework/framework.document.ts'
import { AccountsRepository } from '../src/accounts/accounts.repository.ts'
import type { InvitedAccount } from '../src/accounts/accounts.types.ts'
import { PeopleRepository } from '../src/people/people.repository.ts'
import type { HistoryEntry, ProfileChanges } from '../src/people/people.types.ts'
import { hashPassword } from '../src/platform/auth/passwords.ts'
import { systemClock } from '../src/platform/clock.ts'
import { buildServices } from '../src/services.ts'
import { sql, type Insertable } from 'kysely'
import { seededRandom } from './generate.ts'

export interface GenerateProfessionOptions {
  readonly dataDir: string
  readonly sessionSecret: string
  /** What the server gets in DATABASE_URL; undefined for SQLite in the data folder. */
  readonly databaseUrl?: string
  readonly people?: number
  readonly checkinsEach?: number
  readonly seed?: number
  readonly onProgress?: (message: string) => void
}

export interface GeneratedProfession {
  readonly headEmail: string
  readonly headPassword: string
  /** A member of the profession with four agreed check-ins and a line manager. */
  readonly member: { readonly id: string; readonly email: string; readonly password: string }
  readonly people: number
  readonly checkins: number
  readonly ratings: number
  readonly historyEntries: number
  readonly skills: number
  /** People the capability view shows a head of profession: everyone generated, and the head. */
  readonly shown: number
  /** The business areas and career roles people were given, for filtered views. */
  readonly areas: readonly string[]
  readonly roles: readonly string[]
  readonly seconds: number
}

export const BUSINESS_AREAS = [
  'Benefits',
  'Borders and immigration',
  'Courts and tribunals',
  'Health',
  'Housing',
  'Pensions',
  'Tax',
  'Transport',
] as const
const GROUPS = ['Citizen services', 'Casework', 'Platforms', 'Data and insight'] as const
const FIRST_NAMES =
  `Aaliyah Abdul Ada Adam Aisha Alex Alice Amara Amir Ana Anil Anna Ben Bethan Carlos Chen Chloe Chris Dafydd
  Dan Deepa Ed Efua Eilidh Ella Emeka Emma Eve Fatima Finn Grace Hamza Hannah Harry Ifeoma Imran Isla Jack Jamal Jo Kai
  Kemi Lara Leah Liam Lucy Mai Maria Mo Nadia Niamh Noah Olu Omar Priya Rhys Rosa Ruth Sam Sara Seren Sian Tariq Tom
  Una Wei Yasmin Zainab Zoe`.split(/\s+/)
const SURNAMES =
  `Abbott Adeyemi Ahmed Ali Baker Banerjee Bell Brown Campbell Chen Clarke Davies Evans Fraser Garcia Green Hall
  Hughes Hussain Jackson James Jones Kaur Khan Kowalski Lewis Lloyd MacDonald Martin Mensah Morgan Murphy Nguyen
  Novak O'Brien Okafor Owen Patel Price Rahman Roberts Robinson Rossi Scott Shah Singh Smith Taylor Thomas Walker
  Ward Watson White Williams Wilson Wright Young`.split(/\s+/)

const DAY = 86_400_000
const RANK: Record<Level, number> = { awareness: 1, working: 2, practitioner: 3, expert: 4 }
const BATCH_ROWS = 1000

function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10)
}

export async function generateProfession(options: GenerateProfessionOptions): Promise<GeneratedProfession> {
  const started = Date.now()
  const total = options.people ?? 10_000
  const checkinsEach = options.checkinsEach ?? 4
  const random = seededRandom(options.seed ?? 20261125)
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
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
    const kysely = db.kysely
    // The services as the app builds them; the bulk rows below go straight through repositories.
    const { framework } = buildServices({ db, clock: systemClock, config })
    const peopleRepo = new PeopleRepository()
    const accountsRepo = new AccountsRepository()
    const current = await framework.current()
    const doc = current.document
    const roles = activeRoles(doc, await framework.shape()).map(r => r.slug)
    const skills = activeSkills(doc).map(s => s.slug)
    if (roles.length === 0 || skills.length === 0) throw new Error('The framework has no roles or skills')

    // Roles from junior to senior, fewer people the more senior.
    const weights = [0.15, 0.45, 0.25, 0.1, 0.05]
    const roleOf = () => {
      let r = random()
      for (let i = 0; i < roles.length; i++) {
        r -= weights[i] ?? 0.05
        if (r <= 0) return i
      }
      return roles.length - 1
    }

    const now = Date.now()
    const at = new Date(now).toISOString()
    interface Planned {
      id: string
      account: InvitedAccount
      role: number
      area: string
      group: string
      joinedAt: number
      intoRoleAt: number
    }
    const planned: Planned[] = []
    for (let i = 0; i < total; i++) {
      const first = one(FIRST_NAMES)
      const last = one(SURNAMES)
      const id = crypto.randomUUID()
      const joinedAt = now - int(60, 6 * 365) * DAY
      const intoRoleAt = Math.max(joinedAt, now - int(30, 4 * 365) * DAY)
      planned.push({
        id,
        account: {
          id,
          name: `${first} ${last}`,
          email: `${first}.${last}.${i + 1}@example.gov.uk`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
          role: 'member',
        },
        role: roleOf(),
        area: one(BUSINESS_AREAS),
        group: one(GROUPS),
        joinedAt,
        intoRoleAt,
      })
    }

    // Line managers: someone more senior in the same business area, when there is one.
    const byAreaAndRole = new Map<string, string[]>()
    for (const p of planned) {
      const key = `${p.area}|${p.role}`
      byAreaAndRole.set(key, [...(byAreaAndRole.get(key) ?? []), p.id])
    }
    const managerOf = (p: Planned): string | null => {
      for (let r = p.role + 1; r < roles.length; r++) {
        const candidates = byAreaAndRole.get(`${p.area}|${r}`)
        if (candidates?.length) return one(candidates)
      }
      return null
    }

    const profiles: { id: string; changes: ProfileChanges }[] = []
    const history: HistoryEntry[] = []
    for (const p of planned) {
      const roleSlug = roles[p.role] ?? roles[0] ?? ''
      const lineManagerId = managerOf(p)
      profiles.push({
        id: p.id,
        changes: {
          careerRole: roleSlug,
          lineManagerId,
          associateOfId: null,
          businessArea: p.area,
          group: p.group,
          dateIntoRole: isoDay(p.intoRoleAt),
          headOfProfession: false,
          oneToOneCadenceDays: p.role === 0 ? 14 : 28,
        },
      })
      const entry = (change: string, role: string, area: string, when: number): HistoryEntry => ({
        id: crypto.randomUUID(),
        personId: p.id,
        careerRole: role,
        businessArea: area,
        group: p.group,
        lineManagerId,
        change,
        fromDate: isoDay(when),
        recordedAt: at,
        recordedByName: 'Benchmark',
      })
      // Some were promoted into their role; some moved area on the way.
      const promoted = p.role > 0 && p.intoRoleAt > p.joinedAt && random() < 0.5
      const moved = random() < 0.15
      const earlierArea = moved ? one(BUSINESS_AREAS.filter(a => a !== p.area)) : p.area
      history.push(entry('joined', promoted ? (roles[p.role - 1] ?? roleSlug) : roleSlug, earlierArea, p.joinedAt))
      if (moved) {
        const movedAt = p.joinedAt + Math.floor((p.intoRoleAt - p.joinedAt) / 2)
        history.push(entry('move', promoted ? (roles[p.role - 1] ?? roleSlug) : roleSlug, p.area, movedAt))
      }
      if (promoted) history.push(entry('promotion', roleSlug, p.area, p.intoRoleAt))
    }

    say(`Adding ${total.toLocaleString('en-GB')} people with profiles and history`)
    const headEmail = 'bench.head@example.gov.uk'
    const headPassword = `bench ${randomBytes(12).toString('base64url')} profession`
    const headId = crypto.randomUUID()
    await kysely.transaction().execute(async trx => {
      await accountsRepo.insertInvited(
        trx,
        planned.map(p => p.account),
        at,
      )
      await peopleRepo.insertProfiles(trx, profiles, at)
      await peopleRepo.insertHistory(trx, history)
      await trx
        .insertInto('users')
        .values({
          id: headId,
          email: headEmail,
          name: 'Bench Head of Profession',
          role: 'leader',
          password_hash: await hashPassword(headPassword),
          status: 'active',
          created_at: at,
          updated_at: at,
        })
        .execute()
      await trx
        .insertInto('people')
        .values({
          user_id: headId,
          career_role: roles[roles.length - 1] ?? '',
          line_manager_id: null,
          associate_of_id: null,
          business_area: BUSINESS_AREAS[0],
          group_name: GROUPS[0],
          date_into_role: isoDay(now - 900 * DAY),
          head_of_profession: 'yes',
          one_to_one_cadence_days: 28,
          updated_at: at,
          version: 1,
        })
        .execute()
    })
    // The accounts are made as invited; make them ordinary active accounts.
    await kysely.updateTable('users').set({ status: 'active' }).where('status', '=', 'invited').execute()

    // Check-ins: about six months apart, the latest agreed between a few days and about eight
    // months ago (so about a fifth are overdue); one in ten people's latest is still waiting for
    // their manager.
    say(
      `Adding ${(total * checkinsEach).toLocaleString('en-GB')} check-ins with a rating for each of ${skills.length} skills`,
    )
    const shift = (level: Level, by: number): Level => LEVELS[Math.min(3, Math.max(0, RANK[level] - 1 + by))] ?? level
    let checkins = 0
    let ratings = 0
    let memberId: string | null = null
    const CHUNK = 500
    for (let start = 0; start < planned.length; start += CHUNK) {
      const checkinRows: Insertable<Database['checkins']>[] = []
      const ratingRows: Insertable<Database['checkin_ratings']>[] = []
      for (let n = start; n < Math.min(planned.length, start + CHUNK); n++) {
        const p = planned[n]
        if (!p) continue
        const roleSlug = roles[p.role] ?? ''
        const managerId = profiles[n]?.changes.lineManagerId ?? null
        const latestAt = now - int(3, 240) * DAY
        const pending = random() < 0.1
        if (memberId === null && !pending && managerId !== null) memberId = p.id
        for (let k = 0; k < checkinsEach; k++) {
          const agreedAt = latestAt - (checkinsEach - 1 - k) * int(150, 200) * DAY
          const isPending = pending && k === checkinsEach - 1
          const createdAt = agreedAt - int(5, 20) * DAY
          const id = crypto.randomUUID()
          checkinRows.push({
            id,
            person_id: p.id,
            framework_version_id: current.id,
            role_slug: roleSlug,
            kind: 'check-in',
            status: isPending ? 'submitted' : 'agreed',
            manager_id: managerId,
            created_at: new Date(createdAt).toISOString(),
            submitted_at: new Date(createdAt + 2 * DAY).toISOString(),
            reviewed_at: isPending ? null : new Date(agreedAt - DAY).toISOString(),
            agreed_at: isPending ? null : new Date(agreedAt).toISOString(),
            agreed_note: isPending ? null : '',
            carried_from_id: null,
            version: 1,
          })
          for (const skill of skills) {
            const expected = expectedLevel(doc, roleSlug, skill) ?? 'working'
            const r = random()
            // Levels rise a little with each check-in.
            const agreed = shift(expected, (r < 0.3 ? -1 : r < 0.85 ? 0 : 1) - (k < checkinsEach - 2 ? 1 : 0))
            const self = shift(agreed, random() < 0.2 ? 1 : 0)
            ratingRows.push({
              checkin_id: id,
              skill_slug: skill,
              self_level: self,
              self_evidence: '',
              manager_level: isPending ? null : agreed,
              manager_note: '',
              agreed_level: isPending ? null : agreed,
              agreed_note: '',
            })
          }
        }
      }
      await kysely.transaction().execute(async trx => {
        for (let i = 0; i < checkinRows.length; i += BATCH_ROWS)
          await trx
            .insertInto('checkins')
            .values(checkinRows.slice(i, i + BATCH_ROWS))
            .execute()
        for (let i = 0; i < ratingRows.length; i += BATCH_ROWS)
          await trx
            .insertInto('checkin_ratings')
            .values(ratingRows.slice(i, i + BATCH_ROWS))
            .execute()
      })
      checkins += checkinRows.length
      ratings += ratingRows.length
    }
    if (memberId === null) throw new Error('No generated person has only agreed check-ins and a manager')
    const memberPassword = `bench ${randomBytes(12).toString('base64url')} member`
    await kysely
      .updateTable('users')
      .set({ password_hash: await hashPassword(memberPassword) })
      .where('id', '=', memberId)
      .execute()
    const memberRow = await kysely
      .selectFrom('users')
      .select('email')
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow()
    // Fresh statistics, as a database that has been in use for a while would have.
    await sql`analyze`.execute(kysely)
    return {
      headEmail,
      headPassword,
      member: { id: memberId, email: memberRow.email, password: memberPassword },
      people: total,
      checkins,
      ratings,
      historyEntries: history.length,
      skills: skills.length,
      shown: total + 1,
      areas: BUSINESS_AREAS,
      roles,
      seconds: (Date.now() - started) / 1000,
    }
  } finally {
    await db.close()
  }
}
