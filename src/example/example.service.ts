// The worked example: loads a fictional department (example.data.ts) into a new installation so a
// newcomer's first look shows Valuekit working, and removes it again in one step. It writes
// nothing itself: people come through the spreadsheet import, things and their strategies through
// the products capability, check-ins through the pathway as each person and their line manager
// would make them, and goals through development plans.
//
// How the example is told apart from real records: its things carry the products table's
// `example` flag, and its people have addresses at EXAMPLE_DOMAIN (example.invalid, reserved by
// RFC 2606, never a real mailbox) and no password. Removing it deletes exactly those; everything
// the people had (profiles, history, check-ins, plans, 1:1s, places on teams) goes with their
// accounts through ON DELETE CASCADE.
import { EXAMPLE_DOMAIN, type AccountsService } from '../accounts/accounts.service.ts'
import type { DevelopmentService } from '../development/development.service.ts'
import type { Level } from '../framework/framework.bundled.ts'
import type { FrameworkTerms } from '../framework/framework.terms.ts'
import type { OrganisationService } from '../organisation/organisation.service.ts'
import type { PathwayService } from '../pathway/pathway.service.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Person } from '../people/people.types.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Clock } from '../platform/clock.ts'
import { addDays, ukToday } from '../platform/dates.ts'
import { ConflictError } from '../platform/errors.ts'
import type { DocumentsService } from '../products/documents.service.ts'
import { problemStatement } from '../products/kinds/problem-statement/problem-statement.kind.ts'
import { teamOnion, type TeamOnion } from '../products/kinds/team-onion/team-onion.kind.ts'
import {
  valuePropositionCanvas,
  type ValuePropositionCanvas,
} from '../products/kinds/value-proposition-canvas/value-proposition-canvas.kind.ts'
import { businessModelCanvas } from '../products/kinds/business-model-canvas/business-model-canvas.kind.ts'
import { visionBoard } from '../products/kinds/vision-board/vision-board.kind.ts'
import type { ProductsService } from '../products/products.service.ts'
import type { ProductKind } from '../products/products.types.ts'
import {
  AGREED_NOTES,
  EVIDENCE,
  EXAMPLE_PEOPLE,
  EXAMPLE_THINGS,
  MANAGER_NOTES,
  type CheckinStage,
  type ExamplePerson,
  type ExampleStrategy,
  type OnionEntry,
} from './example.data.ts'

/** Loading or removing was refused: the message says why, in words for the page or terminal. */
export class ExampleRefusedError extends ConflictError {
  override readonly name = 'ExampleRefusedError'
}

export interface ExampleStatus {
  /** Some of the example is here (people or things). */
  readonly loaded: boolean
  readonly people: number
  readonly things: Partial<Record<ProductKind, number>>
  readonly thingCount: number
}

export interface LoadSummary {
  readonly people: number
  readonly things: number
  readonly documents: number
  readonly checkins: Record<CheckinStage, number>
  readonly goals: number
}

export interface RemoveSummary {
  readonly people: number
  readonly things: number
}

const LEVEL_ORDER: readonly Level[] = ['awareness', 'working', 'practitioner', 'expert']
const STAGE_ORDER: readonly CheckinStage[] = ['draft', 'submitted', 'reviewed', 'agreed']
const SENIOR = 'senior-product-manager'
const ASSOCIATE = 'associate-product-manager'

/** The email address an example person gets: first.last at the reserved example domain. */
export function exampleEmail(name: string): string {
  const local = name
    .toLowerCase()
    .replace(/[^a-z\s]/g, '')
    .trim()
    .split(/\s+/)
    .join('.')
  return `${local}@${EXAMPLE_DOMAIN}`
}

/**
 * The role someone gets on this installation: the example's role if the pathway has it, else the
 * most senior role it has below it (a small pathway has no senior or lead product managers), else
 * its most junior role.
 */
export function roleOnPathway(wanted: string, terms: Pick<FrameworkTerms, 'roles' | 'roleOrder'>): string {
  const available = terms.roles.map(r => r.slug)
  if (available.includes(wanted)) return wanted
  const rank = (slug: string) => terms.roleOrder.indexOf(slug)
  const below = available.filter(slug => rank(slug) >= 0 && rank(slug) <= rank(wanted))
  return below.sort((a, b) => rank(b) - rank(a))[0] ?? available[0] ?? wanted
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/**
 * The example's people as the spreadsheet import reads them. An associate is associated with
 * their group's senior product manager, or with the head of product when the pathway has no
 * senior role (so the senior was given a more junior one).
 */
export function examplePeopleCsv(terms: Pick<FrameworkTerms, 'roles' | 'roleOrder'>, today: string): string {
  const byKey = new Map(EXAMPLE_PEOPLE.map(p => [p.key, p]))
  const emailOf = (key: string | null | undefined) => {
    const person = key ? byKey.get(key) : undefined
    return person ? exampleEmail(person.name) : ''
  }
  const roleOf = (p: ExamplePerson) => roleOnPathway(p.role, terms)
  const seniorFrom = terms.roleOrder.indexOf(SENIOR)
  const seniorEnough = (p: ExamplePerson | undefined) =>
    p !== undefined && terms.roleOrder.indexOf(roleOf(p)) >= seniorFrom
  const head = EXAMPLE_PEOPLE.find(p => p.manager === null)
  const lines = ['name,email,career_role,line_manager_email,associate_of_email,business_area,group,date_into_role,role']
  for (const p of EXAMPLE_PEOPLE) {
    const role = roleOf(p)
    let associate = ''
    if (role === ASSOCIATE) {
      const senior = byKey.get(p.associateOf ?? '')
      associate = emailOf(seniorEnough(senior) ? senior?.key : head?.key)
    }
    const since = addDays(today, -Math.round(p.monthsInRole * 30.4))
    lines.push(
      [p.name, emailOf(p.key), role, emailOf(p.manager), associate, p.area, p.group, since, p.account]
        .map(csvCell)
        .join(','),
    )
  }
  return `${lines.join('\n')}\n`
}

/** A level near the one expected, chosen by a seed: mostly as expected, sometimes one either side. */
export function levelNear(expected: Level | null, seed: number): Level {
  const base = expected ? LEVEL_ORDER.indexOf(expected) : 1
  const shift = [0, 0, 1, 0, -1][seed % 5] ?? 0
  return LEVEL_ORDER[Math.min(LEVEL_ORDER.length - 1, Math.max(0, base + shift))] ?? 'working'
}

/** The value proposition canvas as the products capability stores it: pains and gains get ids from their keys. */
export function canvasContent(data: NonNullable<ExampleStrategy['valueProposition']>): ValuePropositionCanvas {
  const items = (prefix: string, texts: readonly string[]) =>
    texts.map((text, n) => ({ id: `${prefix}-${n + 1}`, text }))
  const keyed = (prefix: string, texts: Readonly<Record<string, string>>) =>
    Object.entries(texts).map(([key, text]) => ({ id: `${prefix}-${key}`, text }))
  const answering = (prefix: string, target: string, list: readonly { text: string; answers: readonly string[] }[]) =>
    list.map((item, n) => ({
      id: `${prefix}-${n + 1}`,
      text: item.text,
      answers: item.answers.map(key => `${target}-${key}`),
    }))
  return {
    jobs: items('job', data.jobs),
    pains: keyed('pain', data.pains),
    gains: keyed('gain', data.gains),
    products: items('product', data.products),
    relievers: answering('reliever', 'pain', data.relievers),
    creators: answering('creator', 'gain', data.creators),
  }
}

/** The team onion as stored: example people by their accounts, anyone else by name. */
export function onionContent(
  data: NonNullable<ExampleStrategy['teamOnion']>,
  people: ReadonlyMap<string, { id: string; name: string }>,
): TeamOnion {
  const layer = (name: string, entries: readonly OnionEntry[]) =>
    entries.map((entry, n) => {
      const person = 'person' in entry ? people.get(entry.person) : undefined
      if ('person' in entry && !person) throw new Error(`The example names nobody called ${entry.person}`)
      return {
        id: `${name}-${n + 1}`,
        personId: person?.id ?? null,
        name: person?.name ?? ('name' in entry ? entry.name : ''),
        role: entry.role,
      }
    })
  return {
    core: layer('core', data.core),
    collaborators: layer('collaborators', data.collaborators),
    supporters: layer('supporters', data.supporters),
  }
}

export class ExampleService {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly accounts: AccountsService,
    private readonly people: PeopleService,
    private readonly pathway: PathwayService,
    private readonly development: DevelopmentService,
    private readonly products: ProductsService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  /** Whether the example is loaded, and how much of it there is. */
  async status(): Promise<ExampleStatus> {
    const [people, things] = await Promise.all([this.accounts.countExampleAccounts(), this.products.exampleCounts()])
    const thingCount = Object.values(things).reduce((sum, n) => sum + n, 0)
    return { loaded: people > 0 || thingCount > 0, people, things, thingCount }
  }

  /**
   * Loads the example, with the actor as the one who imported the people and added the things.
   * Refused before set-up and while any of it is already loaded. If something fails part way,
   * what was loaded is removed again and the error is passed on.
   */
  async load(actor: Actor): Promise<LoadSummary> {
    if (!(await this.organisation.get()))
      throw new ExampleRefusedError('Set Valuekit up before loading the worked example')
    if ((await this.status()).loaded)
      throw new ExampleRefusedError(
        'The worked example is already loaded. Remove it first if you want to load it again',
      )
    const terms = await this.people.careerRoles()
    const today = ukToday(this.clock)
    const imported = await this.people.importPeople(actor, examplePeopleCsv(terms, today), {
      canSetAccountRoles: true,
      importerId: actor.id,
    })
    if (!imported.applied) {
      const first = imported.plan.problem ?? imported.plan.errors[0]?.message ?? 'no people to import'
      throw new ExampleRefusedError(`The worked example’s people could not be added: ${first}`)
    }
    try {
      const people = await this.examplePeople()
      const { things, documents } = await this.addThings(actor, people)
      const checkins = await this.addCheckins(people)
      const goals = await this.addGoals(people, terms, today)
      return { people: people.size, things, documents, checkins, goals }
    } catch (err) {
      await this.remove(actor)
      throw err
    }
  }

  /** Removes every example thing and person; real records stay. */
  async remove(actor: Actor): Promise<RemoveSummary> {
    const things = await this.products.removeExample(actor)
    const people = await this.accounts.removeExampleAccounts(actor)
    return { people, things }
  }

  /** The example's people as loaded, by their key in the data. */
  private async examplePeople(): Promise<Map<string, Person>> {
    const byEmail = new Map(
      (await this.people.list({ withProfileOnly: true }))
        .filter(p => p.email.endsWith(`@${EXAMPLE_DOMAIN}`))
        .map(p => [p.email, p]),
    )
    const people = new Map<string, Person>()
    for (const p of EXAMPLE_PEOPLE) {
      const person = byEmail.get(exampleEmail(p.name))
      if (!person) throw new Error(`${p.name} was not added`)
      people.set(p.key, person)
    }
    return people
  }

  private async addThings(actor: Actor, people: Map<string, Person>): Promise<{ things: number; documents: number }> {
    const ids = new Map<string, string>()
    const idOf = (key: string) => {
      const id = ids.get(key)
      if (!id) throw new Error(`The example uses ${key} before adding it`)
      return id
    }
    let documents = 0
    for (const thing of EXAMPLE_THINGS) {
      const owner = people.get(thing.owner)
      if (!owner) throw new Error(`The example names nobody called ${thing.owner}`)
      const product = await this.products.create(actor, {
        kind: thing.kind,
        name: thing.name,
        purpose: thing.purpose,
        ownerId: owner.id,
        team: thing.team,
        group: thing.group,
        area: thing.area,
        parentId: thing.parent ? idOf(thing.parent) : null,
        uses: (thing.uses ?? []).map(idOf),
        phase: thing.phase,
        stage: thing.stage,
        example: true,
      })
      ids.set(thing.key, product.id)
      // The owner wrote the strategy: its history says so.
      documents += await this.saveStrategy({ id: owner.id, name: owner.name }, product, thing.strategy, people)
    }
    return { things: EXAMPLE_THINGS.length, documents }
  }

  /** Saves each part of a thing's strategy the example has; returns how many documents. */
  private async saveStrategy(
    author: Actor,
    subject: { id: string; name: string },
    strategy: ExampleStrategy,
    people: Map<string, Person>,
  ): Promise<number> {
    const note = 'Written for the worked example'
    const parts: (() => Promise<number>)[] = []
    const {
      problemStatement: problem,
      valueProposition,
      businessModel,
      visionBoard: vision,
      teamOnion: onion,
    } = strategy
    if (problem) parts.push(() => this.documents.save(author, subject, problemStatement, { ...problem }, 0, note))
    if (valueProposition)
      parts.push(() =>
        this.documents.save(author, subject, valuePropositionCanvas, canvasContent(valueProposition), 0, note),
      )
    if (businessModel)
      parts.push(() => this.documents.save(author, subject, businessModelCanvas, { ...businessModel }, 0, note))
    if (vision) parts.push(() => this.documents.save(author, subject, visionBoard, { ...vision }, 0, note))
    if (onion) parts.push(() => this.documents.save(author, subject, teamOnion, onionContent(onion, people), 0, note))
    // One after another: each save is a transaction, and SQLite has one connection.
    for (const part of parts) await part()
    return parts.length
  }

  /**
   * Check-ins as people would make them: each person rates themselves near their role's expected
   * levels and submits; line managers give their view and agree levels where the data says so.
   */
  private async addCheckins(people: Map<string, Person>): Promise<Record<CheckinStage, number>> {
    const counts: Record<CheckinStage, number> = { draft: 0, submitted: 0, reviewed: 0, agreed: 0 }
    const viewers = new Map<string, Viewer>()
    const viewerOf = async (person: Person): Promise<Viewer> => {
      const known = viewers.get(person.id)
      if (known) return known
      const viewer = await this.people.viewer({
        id: person.id,
        name: person.name,
        email: person.email,
        role: person.accountRole === 'leader' ? 'leader' : 'member',
      })
      if (!viewer) throw new Error(`No viewer for ${person.name}`)
      viewers.set(person.id, viewer)
      return viewer
    }
    for (const [i, p] of EXAMPLE_PEOPLE.entries()) {
      const person = people.get(p.key)
      if (!p.checkin || !person) continue
      const reach = STAGE_ORDER.indexOf(p.checkin)
      const self = await viewerOf(person)
      const started = await this.pathway.startCheckin(self, person.id)
      const blank = await this.pathway.checkin(person.id, started.id)
      const submit = reach >= 1
      const selfLevels = blank.skills.map(({ skill, expected }, j) => ({
        slug: skill.slug,
        level: levelNear(expected, i + j * 3),
      }))
      let detail = await this.pathway.saveSelf(
        self,
        person.id,
        started.id,
        {
          ratings: Object.fromEntries(
            selfLevels.map(({ slug, level }, j) => [
              slug,
              submit || j % 2 === 0
                ? { level, evidence: EVIDENCE[(i + j) % EVIDENCE.length] ?? '' }
                : { level: null, evidence: '' },
            ]),
          ),
        },
        started.version,
        submit,
      )
      if (reach >= 2) {
        const managerPerson = [...people.values()].find(m => m.id === person.lineManagerId)
        if (!managerPerson) throw new Error(`${person.name} has no line manager in the example`)
        const manager = await viewerOf(managerPerson)
        const managerLevels = selfLevels.map(({ slug, level }, j) => ({
          slug,
          level: (i + j) % 4 === 0 ? levelNear(level, 4) : level,
          note: (i + j) % 3 === 0 ? (MANAGER_NOTES[(i + j) % MANAGER_NOTES.length] ?? '') : '',
        }))
        detail = await this.pathway.saveReview(
          manager,
          person.id,
          started.id,
          { ratings: Object.fromEntries(managerLevels.map(({ slug, level, note }) => [slug, { level, note }])) },
          detail.checkin.version,
        )
        if (reach >= 3)
          await this.pathway.agree(
            manager,
            person.id,
            started.id,
            {
              ratings: Object.fromEntries(managerLevels.map(({ slug, level }) => [slug, { level, note: '' }])),
              note: AGREED_NOTES[i % AGREED_NOTES.length] ?? '',
            },
            detail.checkin.version,
          )
      }
      counts[p.checkin]++
    }
    return counts
  }

  /** Development plans: each goal added by the person, then moved on to where the data says it is. */
  private async addGoals(people: Map<string, Person>, terms: FrameworkTerms, today: string): Promise<number> {
    const known = new Set(terms.skills.map(s => s.slug))
    let count = 0
    for (const p of EXAMPLE_PEOPLE) {
      const person = people.get(p.key)
      if (!person || !p.goals) continue
      const actor = { id: person.id, name: person.name }
      for (const goal of p.goals) {
        const form = {
          title: goal.title,
          measure: goal.measure,
          dueOn: addDays(today, goal.dueInDays),
          skills: goal.skills.filter(slug => known.has(slug)),
          status: 'not-started' as const,
          sourceTitle: null,
          sourceUrl: null,
          version: null,
        }
        const added = await this.development.addGoal(actor, person, form)
        if (goal.status !== 'not-started')
          await this.development.changeGoal(
            actor,
            person,
            added.id,
            { ...form, status: goal.status, version: added.version },
            added.version,
          )
        count++
      }
    }
    return count
  }
}
