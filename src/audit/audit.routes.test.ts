import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  addPerson,
  addPersonWithId,
  buildTestApp,
  formFields,
  setUpInstallation,
  signIn,
  type TestContext,
} from '../../test/build-test-app.ts'

const DAY = 86_400_000

describe('the audit log', () => {
  let ctx: TestContext
  let admin: Agent
  let second: Agent & { email: string; name: string; id: string }
  let secondId: string

  /** Each event as "when | who | what | details", from its summary card. */
  const rows = (html: string) => {
    const page = $(html)
    return page('[data-testid="event"]')
      .map((_, event) => {
        const values = new Map(
          page(event)
            .find('.govuk-summary-list__row')
            .map((__, row) => [[page(row).find('dt').text().trim(), page(row).find('dd').text().trim()]])
            .get() as [string, string][],
        )
        const what = page(event).find('.govuk-summary-card__title').text().trim()
        return [values.get('When'), values.get('Who'), what, values.get('Details')].join(' | ')
      })
      .get()
  }
  const caption = (html: string) => $(html)('[data-testid="count"]').text().trim()

  beforeAll(async () => {
    // Day 1 (24 November 2026): set-up and a person added.
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    await addPerson(ctx, admin, 'member', 'Dana Dayone')
    // Day 3: a second administrator changes the settings.
    ctx.clock.advance(2 * DAY)
    admin = await signIn(ctx, 'ada@example.gov.uk')
    second = await addPersonWithId(ctx, admin, 'administrator', 'Sid Second')
    secondId = second.id
    ctx.clock.advance(60_000)
    const form = await second.get('/admin/settings')
    const saved = await second.post('/admin/settings', {
      ...formFields(form.body, '/admin/settings'),
      logoText: 'New logo',
    })
    expect(saved.statusCode).toBe(303)
  })
  afterAll(() => ctx.close())

  it('records changes with who, what and when, newest first', async () => {
    const res = await second.get('/admin/audit-log')
    expect(res.statusCode).toBe(200)
    const all = rows(res.body)
    expect(all[0]).toBe('26 November 2026 at 10:01am | Sid Second | Organisation updated | Changed logo text')
    expect(all).toContain('24 November 2026 at 10:00am | Ada Admin | Person added | Added Dana Dayone as member')
    expect(all.some(r => r.includes('Ada Admin | Valuekit set up | Set up Department for Testing'))).toBe(true)
    expect(caption(res.body)).toMatch(/^\d+ changes found$/)
  })

  it('filters by who made the change', async () => {
    const res = await admin.get(`/admin/audit-log?actor=${secondId}`)
    expect(res.statusCode).toBe(200)
    const found = rows(res.body)
    expect(found.length).toBeGreaterThan(0)
    expect(found.every(r => r.includes('| Sid Second |'))).toBe(true)
    expect($(res.body)(`#actor option[value="${secondId}"]`).attr('selected')).toBeDefined()
  })

  it('filters by what was done and by the kind of thing changed', async () => {
    const byAction = await admin.get('/admin/audit-log?action=person.added')
    const added = rows(byAction.body)
    expect(added.length).toBeGreaterThanOrEqual(3)
    expect(added.every(r => r.includes('| Person added |'))).toBe(true)
    expect($(byAction.body)('#action option[value="person.added"]').text()).toBe('Person added')
    expect($(byAction.body)('#action option[value="person.added"]').attr('selected')).toBeDefined()

    const byType = await admin.get('/admin/audit-log?subjectType=organisation')
    const org = rows(byType.body)
    expect(org.length).toBe(2)
    expect(org.every(r => /\| (Organisation updated|Valuekit set up) \|/.test(r))).toBe(true)
  })

  it('filters by date, including both ends', async () => {
    const fromLater = rows((await admin.get('/admin/audit-log?from=2026-11-26')).body)
    expect(fromLater.length).toBeGreaterThan(0)
    expect(fromLater.every(r => r.startsWith('26 November 2026'))).toBe(true)

    const untilFirst = rows((await admin.get('/admin/audit-log?to=2026-11-24')).body)
    expect(untilFirst.length).toBeGreaterThan(0)
    expect(untilFirst.every(r => r.startsWith('24 November 2026'))).toBe(true)

    const between = await admin.get(
      '/admin/audit-log?from-day=25&from-month=11&from-year=2026&to-day=25&to-month=11&to-year=2026',
    )
    expect(rows(between.body)).toEqual([])
    expect($(between.body)('main').text()).toContain('No changes match these filters.')
    // The date boxes keep what was typed.
    expect($(between.body)('#from-day').val()).toBe('25')
    expect($(between.body)('#from-month').val()).toBe('11')
    expect($(between.body)('#from-year').val()).toBe('2026')
    // Filters are GOV.UK date inputs, and a link made before them still works.
    expect($(between.body)('input[name="from"]').length).toBe(0)
    const boxes = rows((await admin.get('/admin/audit-log?from-day=26&from-month=11&from-year=2026')).body)
    expect(boxes).toEqual(fromLater)
  })

  it('keeps the filters on the page links, as date boxes', async () => {
    const res = await admin.get('/admin/audit-log?from=2026-11-24&action=person.added')
    expect(res.statusCode).toBe(200)
    expect($(res.body)('#from-day').val()).toBe('24')
  })

  it.each([
    ['a date with a part missing', 'from-day=1&from-year=2026', '#from-month', 'The start date must include a month'],
    ['a day that does not exist', 'to-day=30&to-month=2&to-year=2026', '#to-day', 'The end date must be a real date'],
    [
      'a month that does not exist',
      'from-day=1&from-month=13&from-year=2026',
      '#from-day',
      'The start date must be a real date',
    ],
    ['a short year', 'from-day=1&from-month=11&from-year=26', '#from-year', 'Year must include 4 numbers'],
    [
      'an end before the start',
      'from-day=26&from-month=11&from-year=2026&to-day=24&to-month=11&to-year=2026',
      '#to',
      'The end date must be the same as or after',
    ],
  ])('explains %s with an error summary', async (_label, query, href, message) => {
    const res = await admin.get(`/admin/audit-log?${query}`)
    expect(res.statusCode).toBe(400)
    const page = $(res.body)
    expect(page('title').text()).toMatch(/^Error: Audit log/)
    expect(page('.govuk-error-summary a').attr('href')).toBe(href)
    expect(page('.govuk-error-summary').text()).toContain(message)
    expect(page(`#${href.slice(1).replace(/-(day|month|year)$/, '')}-error`).text()).toContain(message)
    expect(page('[data-testid="event"]').length).toBe(0)
  })

  it('names events in plain English, never by their codes', async () => {
    const res = await admin.get('/admin/audit-log')
    const titles = $(res.body)('.govuk-summary-card__title')
      .map((_, t) => $(res.body)(t).text().trim())
      .get()
    expect(titles.length).toBeGreaterThan(0)
    for (const title of titles) expect(title).not.toMatch(/^[a-z-]+\.[a-z-]+$/)
    const options = $(res.body)('#action option')
      .map((_, o) => $(res.body)(o).text().trim())
      .get()
    for (const option of options) expect(option).not.toMatch(/\./)
  })

  it('pages through many changes, 50 to a page, keeping the filters', async () => {
    const actor = { id: secondId, name: 'Sid Second' }
    for (let i = 0; i < 120; i++) {
      await ctx.app.services.audit.record(ctx.testDb.db.kysely, actor, {
        action: 'test.bulk',
        subjectType: 'person',
        subjectId: secondId,
        summary: `Bulk change ${i + 1}`,
      })
      ctx.clock.advance(1000)
    }
    const first = await admin.get('/admin/audit-log?action=test.bulk')
    expect(caption(first.body)).toBe('120 changes found, page 1 of 3')
    expect(rows(first.body)).toHaveLength(50)
    expect(rows(first.body)[0]).toContain('Bulk change 120')
    const page = $(first.body)
    expect(page('.govuk-pagination__prev').length).toBe(0)
    const next = page('.govuk-pagination__next a').attr('href')
    expect(next).toBe('/admin/audit-log?action=test.bulk&page=2')
    expect(
      page('.govuk-pagination__item a')
        .map((_, a) => page(a).text().trim())
        .get(),
    ).toEqual(['1', '2', '3'])
    expect(page('.govuk-pagination__item--current').text().trim()).toBe('1')

    const third = await admin.get('/admin/audit-log?action=test.bulk&page=3')
    expect(caption(third.body)).toBe('120 changes found, page 3 of 3')
    expect(rows(third.body)).toHaveLength(20)
    expect(rows(third.body).at(-1)).toContain('Bulk change 1')
    expect($(third.body)('.govuk-pagination__next').length).toBe(0)
    expect($(third.body)('.govuk-pagination__prev a').attr('href')).toBe('/admin/audit-log?action=test.bulk&page=2')

    // Every one of the 120 appears exactly once across the three pages.
    const second = await admin.get('/admin/audit-log?action=test.bulk&page=2')
    const all = [first, second, third].flatMap(r => rows(r.body))
    expect(new Set(all).size).toBe(120)
  })

  it('treats a page number it cannot read as the first page', async () => {
    const res = await admin.get('/admin/audit-log?action=test.bulk&page=abc')
    expect(res.statusCode).toBe(200)
    expect(caption(res.body)).toBe('120 changes found, page 1 of 3')
  })

  it('keeps personal text out of the log: a password change says only that it happened', async () => {
    const res = await admin.get('/admin/audit-log?action=person.password-set')
    const found = rows(res.body)
    expect(found.length).toBeGreaterThan(0)
    expect(found.every(r => /set their password$/.test(r))).toBe(true)
  })
})
