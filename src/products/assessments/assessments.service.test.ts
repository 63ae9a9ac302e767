// Service assessments on both engines, with the real repositories, documents and audit log: the
// checklist saved against its version, evidence checked against the strategy, and what is due next.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices } from '../../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../../test/dialects.ts'
import { insertUser } from '../../../test/factories.ts'
import { AuditRepository } from '../../audit/audit.repository.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import type { Services } from '../../services.ts'
import { documentKind } from '../kinds/index.ts'
import type { Product } from '../products.types.ts'
import { AssessmentsRepository } from './assessments.repository.ts'
import { nextAssessment } from './assessments.service.ts'
import { emptyPoints, type Assessment } from './assessments.types.ts'

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('Expected the operation to fail')
}

const assessment = (o: Partial<Assessment>): Assessment => ({
  id: 'a',
  productId: 'p',
  stage: 'end-of-alpha',
  assessOn: null,
  points: emptyPoints(),
  createdAt: '2026-11-24T10:00:00.000Z',
  createdByName: 'Someone',
  updatedAt: '2026-11-24T10:00:00.000Z',
  updatedByName: 'Someone',
  version: 1,
  ...o,
})

describe('the next assessment due', () => {
  const today = '2026-11-24'
  it('is the end of alpha for a service in alpha, linked to one already started', () => {
    expect(nextAssessment({ kind: 'service', phase: 'alpha' }, [], today)).toEqual({
      stage: 'end-of-alpha',
      assessment: null,
    })
    const planned = assessment({ assessOn: '2027-01-10' })
    expect(nextAssessment({ kind: 'service', phase: 'alpha' }, [planned], today)?.assessment).toBe(planned)
  })

  it('is before public beta in beta, then before live once that has been held', () => {
    expect(nextAssessment({ kind: 'service', phase: 'beta' }, [], today)?.stage).toBe('before-beta')
    const held = assessment({ stage: 'before-beta', assessOn: '2026-10-01' })
    expect(nextAssessment({ kind: 'service', phase: 'beta' }, [held], today)).toEqual({
      stage: 'before-live',
      assessment: null,
    })
  })

  it('is nothing for other phases and for things that are not services', () => {
    expect(nextAssessment({ kind: 'service', phase: 'discovery' }, [], today)).toBeNull()
    expect(nextAssessment({ kind: 'service', phase: 'live' }, [], today)).toBeNull()
    expect(nextAssessment({ kind: 'feature', phase: 'alpha' }, [], today)).toBeNull()
  })
})

describe.each(DIALECTS)('service assessments on %s', dialect => {
  let testDb: TestDb
  let services: Services
  let actor: Actor & { id: string }
  let product: Product

  beforeAll(async () => {
    const built = await buildTestServices({ dialect })
    testDb = built.testDb
    services = built.services
    actor = await insertUser(built.db, { name: 'Asha Assessor' })
    product = await services.products.create(actor, {
      kind: 'service',
      name: 'Get a fishing licence',
      purpose: 'Anglers get a licence online',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'alpha',
      stage: 'introduction',
    })
  })
  afterAll(() => testDb.destroy())

  it('starts an assessment with all 14 points not started, and stores it as it was given', async () => {
    const created = await services.assessments.create(actor, product, { stage: 'end-of-alpha', assessOn: '2027-03-12' })
    expect(created).toMatchObject({ stage: 'end-of-alpha', assessOn: '2027-03-12', version: 1, productId: product.id })
    expect(created.points).toHaveLength(14)
    expect(created.points.every(p => p.status === 'not-started' && p.evidence.length === 0)).toBe(true)
    const repo = new AssessmentsRepository()
    expect(await repo.find(testDb.db.kysely, created.id)).toEqual(created)
    expect((await services.assessments.list(product.id)).map(a => a.id)).toEqual([created.id])
    await expect(services.assessments.get('00000000-0000-4000-8000-000000000000', created.id)).rejects.toThrow(
      NotFoundError,
    )
  })

  it('offers as evidence only the parts of the strategy that exist, and refuses others', async () => {
    const [created] = await services.assessments.list(product.id)
    if (!created) throw new Error('No assessment')
    expect(await services.assessments.evidence(product.id)).toEqual([])
    const problem = documentKind('problem-statement')
    if (!problem) throw new Error('No problem statement kind')
    await services.documents.save(
      actor,
      product,
      problem,
      { problem: 'Too slow', who: '', impact: '', evidence: '' },
      0,
    )
    expect(await services.assessments.evidence(product.id)).toEqual([
      { slug: 'problem-statement', name: 'Problem statement' },
    ])
    const points = emptyPoints()
    points[0] = { status: 'met', notes: 'Research done', evidence: ['problem-statement'] }
    points[2] = { status: 'not-met', notes: '', evidence: ['roadmap'] }
    points[3] = { status: 'partly-met', notes: 'x'.repeat(2001), evidence: [] }
    const refused = await rejection(
      services.assessments.update(actor, product, created, { stage: 'end-of-alpha', assessOn: null, points }, 1),
    )
    expect(refused).toBeInstanceOf(ValidationError)
    expect((refused as ValidationError).fieldErrors).toEqual({
      'point-3-evidence': 'Choose evidence for point 3 from the list',
      'point-4-notes': 'Notes on point 4 must be 2,000 characters or fewer',
    })
    points[2] = { status: 'not-met', notes: '', evidence: [] }
    points[3] = { status: 'partly-met', notes: 'Half done', evidence: [] }
    const saved = await services.assessments.update(
      actor,
      product,
      created,
      { stage: 'end-of-alpha', assessOn: '2027-03-19', points },
      1,
    )
    expect(saved).toMatchObject({ version: 2, assessOn: '2027-03-19', updatedByName: 'Asha Assessor' })
    expect(saved.points[0]).toEqual({ status: 'met', notes: 'Research done', evidence: ['problem-statement'] })
    expect(saved.points[3]?.status).toBe('partly-met')
  })

  it('refuses a save from an older version, carrying the assessment as it is now', async () => {
    const [current] = await services.assessments.list(product.id)
    if (!current) throw new Error('No assessment')
    const stale = await rejection(
      services.assessments.update(
        actor,
        product,
        current,
        { stage: 'before-beta', assessOn: null, points: emptyPoints() },
        1,
      ),
    )
    expect(stale).toBeInstanceOf(StaleVersionError)
    expect((stale as StaleVersionError<Assessment>).latest).toMatchObject({ version: 2, stage: 'end-of-alpha' })
    expect((await services.assessments.get(product.id, current.id)).version).toBe(2)
  })

  it('records what happened in the audit log, naming the thing', async () => {
    const { events } = await new AuditRepository().list(testDb.db.kysely, {}, 1000, 0)
    const summaries = events.filter(e => e.action.startsWith('assessment.')).map(e => e.summary)
    expect(summaries).toContain('Started the end of alpha assessment of Get a fishing licence')
    expect(summaries).toContain(
      'Saved the end of alpha assessment of Get a fishing licence (version 2, 1 of 14 points met)',
    )
  })

  it('goes when the thing is removed', async () => {
    await services.products.delete(actor, product)
    expect(await services.assessments.list(product.id)).toEqual([])
  })
})
