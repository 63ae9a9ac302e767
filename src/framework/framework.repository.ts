// Data access for the framework: its versions (each an immutable JSON document), the proposals
// that change it and the migrations that carry assessments from one version to another. Stored
// JSON is checked with zod on the way out, so the rest of the code can trust its shape.
//
// Carrying assessments across writes check-ins, which the pathway capability owns. Those writes
// live here, in one marked section, because they must happen in the same transaction as the new
// framework version; they only ever insert new rows and never change or delete existing ones.
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../db/schema.ts'
import { LEVELS, type Shape } from './framework.bundled.ts'
import type { FrameworkVersion, MigrationRecord, VersionDocument, VersionSummary } from './framework.types.ts'

type Db = Kysely<Database>

export const SHAPES: readonly Shape[] = ['small', 'medium', 'enterprise']

const levelSchema = z.enum(LEVELS)
const text = (max: number) => z.string().max(max)

export const documentSchema: z.ZodType<VersionDocument> = z.object({
  key: text(100),
  name: text(300),
  source: text(500),
  licence: text(200),
  roles: z.array(
    z.object({
      slug: text(100),
      name: text(200),
      shapes: z.array(z.enum(['small', 'medium', 'enterprise'])),
      summary: text(2000),
      retired: z.boolean().optional(),
    }),
  ),
  skills: z.array(
    z.object({
      slug: text(100),
      name: text(200),
      group: z.enum(['core', 'leadership']),
      gist: text(2000),
      descriptors: z.object({
        awareness: text(5000),
        working: text(5000),
        practitioner: text(5000),
        expert: text(5000),
      }),
      retired: z.boolean().optional(),
    }),
  ),
  expectations: z.record(z.string(), z.record(z.string(), levelSchema.nullable())),
})

// ---- Proposals ----------------------------------------------------------------------------------

export const PROPOSAL_KINDS = [
  'descriptor',
  'expectation',
  'add-skill',
  'retire-skill',
  'add-role',
  'retire-role',
] as const
export type ProposalKind = (typeof PROPOSAL_KINDS)[number]

export const descriptorPayload = z.object({ skill: text(100), level: levelSchema, text: text(2000) })
export const expectationPayload = z.object({ role: text(100), skill: text(100), level: levelSchema.nullable() })
export const addSkillPayload = z.object({
  name: text(100),
  group: z.enum(['core', 'leadership']),
  gist: text(500),
  descriptors: z.object({ awareness: text(2000), working: text(2000), practitioner: text(2000), expert: text(2000) }),
  expectations: z.record(z.string(), levelSchema.nullable()),
})
export const retireSkillPayload = z.object({ skill: text(100) })
export const addRolePayload = z.object({
  name: text(100),
  /** The role it comes after, or '' to come first. */
  after: text(100),
  shapes: z.array(z.enum(['small', 'medium', 'enterprise'])),
  summary: text(1000),
  expectations: z.record(z.string(), levelSchema.nullable()),
})
export const retireRolePayload = z.object({ role: text(100) })

export type DescriptorPayload = z.infer<typeof descriptorPayload>
export type ExpectationPayload = z.infer<typeof expectationPayload>
export type AddSkillPayload = z.infer<typeof addSkillPayload>
export type RetireSkillPayload = z.infer<typeof retireSkillPayload>
export type AddRolePayload = z.infer<typeof addRolePayload>
export type RetireRolePayload = z.infer<typeof retireRolePayload>

/** A proposed change, tagged by its kind. */
export type ProposalChange =
  | { kind: 'descriptor'; payload: DescriptorPayload }
  | { kind: 'expectation'; payload: ExpectationPayload }
  | { kind: 'add-skill'; payload: AddSkillPayload }
  | { kind: 'retire-skill'; payload: RetireSkillPayload }
  | { kind: 'add-role'; payload: AddRolePayload }
  | { kind: 'retire-role'; payload: RetireRolePayload }

const changeSchema: z.ZodType<ProposalChange> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('descriptor'), payload: descriptorPayload }),
  z.object({ kind: z.literal('expectation'), payload: expectationPayload }),
  z.object({ kind: z.literal('add-skill'), payload: addSkillPayload }),
  z.object({ kind: z.literal('retire-skill'), payload: retireSkillPayload }),
  z.object({ kind: z.literal('add-role'), payload: addRolePayload }),
  z.object({ kind: z.literal('retire-role'), payload: retireRolePayload }),
])

/** Checks a kind and payload, from a form or from storage. */
export function parseChange(kind: string, payload: unknown): ProposalChange | null {
  const parsed = changeSchema.safeParse({ kind, payload })
  return parsed.success ? parsed.data : null
}

export type ProposalStatus = 'open' | 'approved' | 'rejected'

export interface Proposal {
  id: string
  baseVersionId: string
  baseVersionNumber: number
  change: ProposalChange
  summary: string
  reason: string
  status: ProposalStatus
  proposedAt: string
  proposedBy: string
  proposedByName: string
  reviewedAt: string | null
  reviewedBy: string | null
  reviewedByName: string | null
  reviewNote: string | null
  resultingVersionId: string | null
  resultingVersionNumber: number | null
}

/** An open proposal as a list of things to review shows it. */
export interface OpenProposal {
  id: string
  summary: string
  proposedAt: string
  proposedByName: string
}

export interface NewProposal {
  id: string
  baseVersionId: string
  change: ProposalChange
  summary: string
  reason: string
  proposedAt: string
  proposedBy: string
  proposedByName: string
}

// ---- Migrations ---------------------------------------------------------------------------------

const mappingSchema = z.record(z.string(), z.string().nullable())

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    return null
  }
}

type VersionRow = Database['framework_versions']

function toSummary(row: Omit<VersionRow, 'document'>): VersionSummary {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    status: row.status === 'current' ? 'current' : 'superseded',
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    approvedByName: row.approved_by_name,
  }
}

const SUMMARY_COLUMNS = [
  'id',
  'number',
  'name',
  'status',
  'note',
  'created_at',
  'created_by',
  'created_by_name',
  'approved_by_name',
] as const

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

type SummaryRow = Omit<VersionRow, 'document'>

export class FrameworkRepository {
  /**
   * Documents never change once stored, so each is read and checked once per process and then
   * shared, frozen so no caller can change it by mistake.
   */
  private readonly documents = new Map<string, VersionDocument>()

  private async withDocument(db: Db, row: SummaryRow): Promise<FrameworkVersion> {
    let document = this.documents.get(row.id)
    if (!document) {
      const stored = await db
        .selectFrom('framework_versions')
        .select('document')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow()
      const parsed = documentSchema.safeParse(parseJson(stored.document))
      if (!parsed.success) throw new Error(`Framework version ${row.number} holds a document that cannot be read`)
      document = deepFreeze(parsed.data)
      if (this.documents.size >= 200) this.documents.clear()
      this.documents.set(row.id, document)
    }
    return { ...toSummary(row), document }
  }

  async findCurrent(db: Db): Promise<FrameworkVersion | null> {
    const row = await db
      .selectFrom('framework_versions')
      .select(SUMMARY_COLUMNS)
      .where('status', '=', 'current')
      .executeTakeFirst()
    return row ? this.withDocument(db, row) : null
  }

  async findById(db: Db, id: string): Promise<FrameworkVersion | null> {
    const row = await db
      .selectFrom('framework_versions')
      .select(SUMMARY_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? this.withDocument(db, row) : null
  }

  async findByNumber(db: Db, number: number): Promise<FrameworkVersion | null> {
    const row = await db
      .selectFrom('framework_versions')
      .select(SUMMARY_COLUMNS)
      .where('number', '=', number)
      .executeTakeFirst()
    return row ? this.withDocument(db, row) : null
  }

  async count(db: Db): Promise<number> {
    const row = await db
      .selectFrom('framework_versions')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async listVersions(db: Db): Promise<VersionSummary[]> {
    const rows = await db.selectFrom('framework_versions').select(SUMMARY_COLUMNS).orderBy('number', 'desc').execute()
    return rows.map(toSummary)
  }

  async maxNumber(db: Db): Promise<number> {
    const row = await db
      .selectFrom('framework_versions')
      .select(eb => eb.fn.max<number | null>('number').as('n'))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** Marks every current version superseded; the caller inserts or promotes the new one. */
  async supersedeCurrent(db: Db): Promise<void> {
    await db.updateTable('framework_versions').set({ status: 'superseded' }).where('status', '=', 'current').execute()
  }

  async insertVersion(db: Db, v: FrameworkVersion): Promise<void> {
    await db
      .insertInto('framework_versions')
      .values({
        id: v.id,
        number: v.number,
        name: v.name,
        document: JSON.stringify(v.document),
        status: v.status,
        note: v.note,
        created_at: v.createdAt,
        created_by: v.createdBy,
        created_by_name: v.createdByName,
        approved_by_name: v.approvedByName,
      })
      .execute()
  }

  // ---- Proposals ----

  private proposalQuery(db: Db) {
    return db
      .selectFrom('framework_proposals as p')
      .innerJoin('framework_versions as b', 'b.id', 'p.base_version_id')
      .leftJoin('framework_versions as r', 'r.id', 'p.resulting_version_id')
      .selectAll('p')
      .select(['b.number as base_number', 'r.number as resulting_number'])
  }

  private toProposal(
    row: Database['framework_proposals'] & { base_number: number; resulting_number: number | null },
  ): Proposal {
    const change = parseChange(row.kind, parseJson(row.payload))
    if (!change) throw new Error('A framework proposal holds a change that cannot be read')
    return {
      id: row.id,
      baseVersionId: row.base_version_id,
      baseVersionNumber: row.base_number,
      change,
      summary: row.summary,
      reason: row.reason,
      status: row.status === 'approved' ? 'approved' : row.status === 'rejected' ? 'rejected' : 'open',
      proposedAt: row.proposed_at,
      proposedBy: row.proposed_by,
      proposedByName: row.proposed_by_name,
      reviewedAt: row.reviewed_at,
      reviewedBy: row.reviewed_by,
      reviewedByName: row.reviewed_by_name,
      reviewNote: row.review_note,
      resultingVersionId: row.resulting_version_id,
      resultingVersionNumber: row.resulting_number,
    }
  }

  async insertProposal(db: Db, p: NewProposal): Promise<void> {
    await db
      .insertInto('framework_proposals')
      .values({
        id: p.id,
        base_version_id: p.baseVersionId,
        kind: p.change.kind,
        summary: p.summary,
        reason: p.reason,
        payload: JSON.stringify(p.change.payload),
        status: 'open',
        proposed_at: p.proposedAt,
        proposed_by: p.proposedBy,
        proposed_by_name: p.proposedByName,
      })
      .execute()
  }

  async findProposal(db: Db, id: string): Promise<Proposal | null> {
    const row = await this.proposalQuery(db).where('p.id', '=', id).executeTakeFirst()
    return row ? this.toProposal(row) : null
  }

  async listProposals(db: Db): Promise<Proposal[]> {
    const rows = await this.proposalQuery(db).orderBy('p.proposed_at', 'desc').orderBy('p.id').limit(500).execute()
    return rows.map(r => this.toProposal(r))
  }

  async countOpenProposals(db: Db): Promise<number> {
    const row = await db
      .selectFrom('framework_proposals')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Open proposals someone other than this person made, oldest first (the status index). */
  async openProposalsNotBy(db: Db, userId: string, limit: number): Promise<OpenProposal[]> {
    const rows = await db
      .selectFrom('framework_proposals')
      .select(['id', 'summary', 'proposed_at', 'proposed_by_name'])
      .where('status', '=', 'open')
      .where('proposed_by', '<>', userId)
      .orderBy('proposed_at')
      .orderBy('id')
      .limit(limit)
      .execute()
    return rows.map(r => ({
      id: r.id,
      summary: r.summary,
      proposedAt: r.proposed_at,
      proposedByName: r.proposed_by_name,
    }))
  }

  /** Records a decision on an open proposal; false when someone decided it first. */
  async decideProposal(
    db: Db,
    id: string,
    d: {
      status: 'approved' | 'rejected'
      at: string
      by: string | null
      byName: string
      note: string
      resultingVersionId: string | null
    },
  ): Promise<boolean> {
    const result = await db
      .updateTable('framework_proposals')
      .set({
        status: d.status,
        reviewed_at: d.at,
        reviewed_by: d.by,
        reviewed_by_name: d.byName,
        review_note: d.note,
        resulting_version_id: d.resultingVersionId,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  // ---- Migrations ----

  async insertMigration(db: Db, m: Omit<MigrationRecord, 'fromVersionNumber' | 'toVersionNumber'>): Promise<void> {
    await db
      .insertInto('framework_migrations')
      .values({
        id: m.id,
        from_version_id: m.fromVersionId,
        to_version_id: m.toVersionId,
        mapping: JSON.stringify(m.mapping),
        people_carried: m.peopleCarried,
        applied_at: m.appliedAt,
        applied_by: m.appliedBy,
        applied_by_name: m.appliedByName,
      })
      .execute()
  }

  async listMigrations(db: Db): Promise<MigrationRecord[]> {
    const rows = await db
      .selectFrom('framework_migrations as m')
      .innerJoin('framework_versions as f', 'f.id', 'm.from_version_id')
      .innerJoin('framework_versions as t', 't.id', 'm.to_version_id')
      .selectAll('m')
      .select(['f.number as from_number', 't.number as to_number'])
      .orderBy('m.applied_at', 'desc')
      .execute()
    return rows.map(r => {
      const mapping = mappingSchema.safeParse(parseJson(r.mapping))
      return {
        id: r.id,
        fromVersionId: r.from_version_id,
        fromVersionNumber: r.from_number,
        toVersionId: r.to_version_id,
        toVersionNumber: r.to_number,
        mapping: mapping.success ? mapping.data : {},
        peopleCarried: r.people_carried,
        appliedAt: r.applied_at,
        appliedBy: r.applied_by,
        appliedByName: r.applied_by_name,
      }
    })
  }
}
