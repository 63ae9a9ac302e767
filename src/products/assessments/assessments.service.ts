// Service assessments: a readiness checklist against the 14 points of the Service Standard for an
// assessment at the end of alpha, before public beta or before live. Each point has a status,
// notes and links to the parts of the thing's strategy that show it. Saves are versioned: a save
// that lost the race throws StaleVersionError<Assessment> with the assessment as it is now.
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { ukToday } from '../../platform/dates.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { Product } from '../products.types.ts'
import type { AssessmentsRepository } from './assessments.repository.ts'
import {
  STAGE_LABELS,
  STANDARD_POINTS,
  emptyPoints,
  type Assessment,
  type AssessmentChanges,
  type AssessmentStage,
  type EvidenceOption,
  type EvidenceSource,
  type NewAssessment,
} from './assessments.types.ts'

/** The assessment a service should prepare for next, given its phase and the assessments it has had. */
export interface NextAssessment {
  stage: AssessmentStage
  /** The assessment already started for it, if there is one. */
  assessment: Assessment | null
}

/**
 * What is due next for a service in alpha or beta: in alpha, the end of alpha assessment; in
 * beta, the one before public beta until it has been held, then the one before live. Other
 * phases and kinds have nothing due.
 */
export function nextAssessment(
  product: Pick<Product, 'kind' | 'phase'>,
  assessments: readonly Assessment[],
  today: string,
): NextAssessment | null {
  if (product.kind !== 'service') return null
  let stage: AssessmentStage
  if (product.phase === 'alpha') stage = 'end-of-alpha'
  else if (product.phase === 'beta') {
    const held = assessments.some(a => a.stage === 'before-beta' && a.assessOn !== null && a.assessOn <= today)
    stage = held ? 'before-live' : 'before-beta'
  } else return null
  const existing = assessments.filter(a => a.stage === stage && (a.assessOn === null || a.assessOn >= today))
  return { stage, assessment: existing[0] ?? null }
}

export const MAX_NOTES = 2000

export class AssessmentsService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: AssessmentsRepository,
    private readonly evidenceSource: EvidenceSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  list(productId: string): Promise<Assessment[]> {
    return this.repo.forProduct(this.db, productId)
  }

  /** One assessment of this thing; NotFoundError for another thing's. */
  async get(productId: string, id: string): Promise<Assessment> {
    const assessment = await this.repo.find(this.db, id)
    if (!assessment || assessment.productId !== productId) throw new NotFoundError('No such assessment')
    return assessment
  }

  /** The parts of the thing's strategy that exist now, which a point can give as evidence. */
  evidence(productId: string): Promise<EvidenceOption[]> {
    return this.evidenceSource(productId)
  }

  async create(actor: Actor, product: Pick<Product, 'id' | 'name'>, input: NewAssessment): Promise<Assessment> {
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.insert(trx, {
        id,
        productId: product.id,
        stage: input.stage,
        assessOn: input.assessOn,
        points: emptyPoints(),
        at,
        byName: actor.name,
      })
      await this.audit.record(trx, actor, {
        action: 'assessment.started',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Started the ${STAGE_LABELS[input.stage].toLowerCase()} assessment of ${product.name}`,
      })
    })
    return this.get(product.id, id)
  }

  /**
   * Saves the checklist if nobody saved it since expectedVersion, or throws
   * StaleVersionError<Assessment>. Evidence must be parts of the thing's strategy that exist;
   * every problem is reported at once (ValidationError, keyed by the form's field names).
   */
  async update(
    actor: Actor,
    product: Pick<Product, 'id' | 'name'>,
    assessment: Assessment,
    changes: AssessmentChanges,
    expectedVersion: number,
  ): Promise<Assessment> {
    const problems: Record<string, string> = {}
    if (changes.points.length !== STANDARD_POINTS.length) problems.form = 'Answer every point of the standard'
    const known = new Set((await this.evidence(product.id)).map(o => o.slug))
    // Evidence saved before and since removed may stay; new evidence must exist.
    changes.points.forEach((p, i) => {
      const before = new Set(assessment.points[i]?.evidence ?? [])
      if (p.evidence.some(slug => !known.has(slug) && !before.has(slug)))
        problems[`point-${i + 1}-evidence`] = `Choose evidence for point ${i + 1} from the list`
      if (p.notes.length > MAX_NOTES)
        problems[`point-${i + 1}-notes`] = `Notes on point ${i + 1} must be 2,000 characters or fewer`
    })
    if (Object.keys(problems).length > 0) throw new ValidationError(problems)
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      const saved = await this.repo.update(trx, assessment.id, expectedVersion, {
        stage: changes.stage,
        assessOn: changes.assessOn,
        points: changes.points,
        at,
        byName: actor.name,
      })
      if (!saved) {
        const latest = await this.repo.find(trx, assessment.id)
        if (!latest) throw new NotFoundError('No such assessment')
        throw new StaleVersionError(latest, 'Someone else saved this assessment')
      }
      const met = saved.points.filter(p => p.status === 'met').length
      await this.audit.record(trx, actor, {
        action: 'assessment.saved',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Saved the ${STAGE_LABELS[saved.stage].toLowerCase()} assessment of ${product.name} (version ${saved.version}, ${met} of ${STANDARD_POINTS.length} points met)`,
      })
      return saved
    })
  }
}
