// The metrics service and the reading of pasted measurements: on or off target in the metric's
// direction, every bad pasted line named, and measurements saved all or none on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../../test/build-test-services.ts'
import { DIALECTS } from '../../../test/dialects.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'
import { StaleVersionError, ValidationError } from '../../platform/errors.ts'
import type { Product } from '../products.types.ts'
import { parsePastedMeasurements, readPastedDate, readPastedNumber } from './metrics.paste.ts'
import { targetStatus } from './metrics.service.ts'
import type { Metric } from './metrics.types.ts'

describe('on or off target', () => {
  it('is on target at or above the target when higher is better', () => {
    const m = { direction: 'higher' as const, target: 85 }
    expect(targetStatus(m, { value: 85 })).toBe('on-target')
    expect(targetStatus(m, { value: 90 })).toBe('on-target')
    expect(targetStatus(m, { value: 84.9 })).toBe('off-target')
  })

  it('is on target at or below the target when lower is better', () => {
    const m = { direction: 'lower' as const, target: 4 }
    expect(targetStatus(m, { value: 4 })).toBe('on-target')
    expect(targetStatus(m, { value: 3.5 })).toBe('on-target')
    expect(targetStatus(m, { value: 4.01 })).toBe('off-target')
  })

  it('says so when there is no target or nothing measured', () => {
    expect(targetStatus({ direction: 'higher', target: null }, { value: 1 })).toBe('no-target')
    expect(targetStatus({ direction: 'lower', target: 3 }, null)).toBe('no-measurements')
  })
})

describe('pasted measurements', () => {
  const TODAY = '2026-11-24'

  it('reads tabs or commas, both date forms, and the numbers a spreadsheet shows', () => {
    const result = parsePastedMeasurements(
      'Month\tScore\n30/09/2026\t82%\n2026-10-31, £4.35\n1/11/2026\t1,234.5\n\n',
      TODAY,
    )
    expect(result).toEqual({
      ok: true,
      rows: [
        { measuredOn: '2026-09-30', value: 82, note: '' },
        { measuredOn: '2026-10-31', value: 4.35, note: '' },
        { measuredOn: '2026-11-01', value: 1234.5, note: '' },
      ],
    })
    expect(readPastedDate('29/02/2027')).toBeNull()
    expect(readPastedDate('2028-02-29')).toBe('2028-02-29')
    expect(readPastedNumber('1,234', false)).toBeNull()
    expect(readPastedNumber('-£3.50')).toBe(-3.5)
  })

  it('names every bad line by its number and keeps none', () => {
    const result = parsePastedMeasurements(
      ['30/09/2026\t82', '30/09/2026 82', '31/09/2026\t80', '2026-10-01\t', '2026-12-01\t81', '30/09/2026,83'].join(
        '\n',
      ),
      TODAY,
    )
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.problems).toEqual([
      { line: 2, message: 'Line 2: put a tab or a comma between the date and the value' },
      { line: 3, message: 'Line 3: the date must be a real date written as 30/11/2026 or 2026-11-30' },
      { line: 4, message: 'Line 4: enter a value after the date' },
      { line: 5, message: 'Line 5: the date must be today or in the past' },
      { line: 6, message: 'Line 6: the date is the same as on line 1' },
    ])
  })

  it('does not skip a first line that has figures in it', () => {
    const result = parsePastedMeasurements('Sept 2026\t82', TODAY)
    expect(result.ok ? [] : result.problems.map(p => p.line)).toEqual([1])
    expect(parsePastedMeasurements('\n\n', TODAY).ok).toBe(false)
  })
})

describe.each(DIALECTS)('metrics service on %s', dialect => {
  let t: TestServices
  let product: Product
  let metric: Metric

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    product = await t.services.products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name: 'Claim a refund',
      purpose: 'People claim refunds',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'live',
      stage: 'maturity',
    })
    metric = await t.services.metrics.create(SYSTEM_ACTOR, product, {
      name: 'Cost per transaction',
      definition: 'Cost over transactions',
      unit: '£',
      direction: 'lower',
      baseline: 6,
      target: 4,
      targetDate: null,
    })
  })
  afterAll(() => t.close())

  it('saves measurements all or none, and judges the latest against the target', async () => {
    const { metrics } = t.services
    await expect(
      metrics.addMeasurements(SYSTEM_ACTOR, product, metric, [
        { measuredOn: '2026-10-31', value: 5, note: '' },
        { measuredOn: '2026-12-31', value: 3, note: '' },
      ]),
    ).rejects.toBeInstanceOf(ValidationError)
    expect(await metrics.measurements(metric.id)).toEqual([])
    await metrics.addMeasurements(SYSTEM_ACTOR, product, metric, [
      { measuredOn: '2026-09-30', value: 5, note: '' },
      { measuredOn: '2026-10-31', value: 3.9, note: 'New supplier' },
    ])
    const [summary] = await metrics.summaries(product.id)
    expect(summary?.latest?.value).toBe(3.9)
    expect(summary?.status).toBe('on-target')
    const events = await t.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'metric.measured')
      .execute()
    expect(events.map(e => e.summary)).toEqual(['Recorded 2 measurements of Cost per transaction for Claim a refund'])
  })

  it('refuses a change from a form opened before someone else’s, with their version', async () => {
    const { metrics } = t.services
    const details = { ...metric, target: 3.5 }
    await metrics.update(SYSTEM_ACTOR, product, metric, details, metric.version)
    const error = await metrics
      .update(SYSTEM_ACTOR, product, metric, { ...details, target: 2 }, metric.version)
      .catch(e => e)
    expect(error).toBeInstanceOf(StaleVersionError)
    expect((error as StaleVersionError<Metric>).latest.target).toBe(3.5)
    await expect(metrics.get(product.id, '00000000-0000-4000-8000-000000000000')).rejects.toThrow('No such metric')
  })
})
