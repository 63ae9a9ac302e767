// The service assessments table. The only code that reads or writes it.
import type { Kysely, Selectable } from 'kysely'
import type { Database, ServiceAssessmentsTable } from '../../db/schema.ts'
import { updateVersioned } from '../../db/versioned.ts'
import { z } from 'zod'
import {
  ASSESSMENT_STAGES,
  POINT_STATUSES,
  STANDARD_POINTS,
  emptyPoints,
  type Assessment,
  type AssessmentStage,
  type PointRecord,
} from './assessments.types.ts'

type Db = Kysely<Database>

const pointSchema = z.object({
  status: z.enum(POINT_STATUSES),
  notes: z.string().max(5000),
  evidence: z.array(z.string().max(200)).max(50),
})

/** Stored points read back as 14 records; anything that no longer fits reads as not started. */
function readPoints(json: string): PointRecord[] {
  const empty = emptyPoints()
  try {
    const parsed = z.array(z.unknown()).safeParse(JSON.parse(json))
    if (!parsed.success) return empty
    return STANDARD_POINTS.map((_p, i) => {
      const point = pointSchema.safeParse(parsed.data[i])
      return point.success ? point.data : (empty[i] as PointRecord)
    })
  } catch {
    return empty
  }
}

const toAssessment = (r: Selectable<ServiceAssessmentsTable>): Assessment => ({
  id: r.id,
  productId: r.product_id,
  stage: (ASSESSMENT_STAGES as readonly string[]).includes(r.stage) ? (r.stage as AssessmentStage) : 'end-of-alpha',
  assessOn: r.assess_on,
  points: readPoints(r.points),
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
  version: Number(r.version),
})

export interface AssessmentRow {
  id: string
  productId: string
  stage: AssessmentStage
  assessOn: string | null
  points: PointRecord[]
  at: string
  byName: string
}

export class AssessmentsRepository {
  async insert(db: Db, row: AssessmentRow): Promise<void> {
    await db
      .insertInto('service_assessments')
      .values({
        id: row.id,
        product_id: row.productId,
        stage: row.stage,
        assess_on: row.assessOn,
        points: JSON.stringify(row.points),
        created_at: row.at,
        created_by_name: row.byName,
        updated_at: row.at,
        updated_by_name: row.byName,
      })
      .execute()
  }

  async find(db: Db, id: string): Promise<Assessment | undefined> {
    const row = await db.selectFrom('service_assessments').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toAssessment(row) : undefined
  }

  /** A thing's assessments, the latest first (by date, then by when they were started). */
  async forProduct(db: Db, productId: string): Promise<Assessment[]> {
    const rows = await db
      .selectFrom('service_assessments')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()
    return rows.map(toAssessment)
  }

  /** Saves if still at expectedVersion; gives the saved assessment, or undefined when someone saved first. */
  async update(
    db: Db,
    id: string,
    expectedVersion: number,
    changes: { stage: AssessmentStage; assessOn: string | null; points: PointRecord[]; at: string; byName: string },
  ): Promise<Assessment | undefined> {
    const saved = await updateVersioned(db, 'service_assessments', id, expectedVersion, {
      stage: changes.stage,
      assess_on: changes.assessOn,
      points: JSON.stringify(changes.points),
      updated_at: changes.at,
      updated_by_name: changes.byName,
    })
    return saved ? toAssessment(saved) : undefined
  }
}
