import { describe, expect, it } from 'vitest'
import nunjucks from 'nunjucks'
import { filters, formatDate, formatDateTime, formatNumber, plural, trim } from './filters.ts'

describe('formatDate', () => {
  it('writes the day, month and year, GOV.UK style', () => {
    expect(formatDate('2026-11-24T10:00:00.000Z')).toBe('24 November 2026')
    expect(formatDate(new Date('2026-01-05T09:00:00.000Z'))).toBe('5 January 2026')
  })

  it('uses UK time, so late evening in summer is already the next day', () => {
    expect(formatDate('2026-07-01T23:30:00.000Z')).toBe('2 July 2026')
    expect(formatDate('2026-12-31T23:30:00.000Z')).toBe('31 December 2026')
  })

  it('gives nothing for something that is not a date', () => {
    for (const value of [undefined, null, '', 'not a date', 42, new Date('x'), {}]) expect(formatDate(value)).toBe('')
  })
})

describe('formatDateTime', () => {
  it.each([
    ['2026-11-24T14:05:00.000Z', '24 November 2026 at 2:05pm'],
    ['2026-11-24T09:30:00.000Z', '24 November 2026 at 9:30am'],
    ['2026-11-24T12:00:00.000Z', '24 November 2026 at midday'],
    ['2026-11-24T00:00:00.000Z', '24 November 2026 at midnight'],
    ['2026-11-24T00:30:00.000Z', '24 November 2026 at 12:30am'],
    ['2026-11-24T12:45:00.000Z', '24 November 2026 at 12:45pm'],
    // British Summer Time: UTC+1 from 29 March 2026.
    ['2026-07-01T11:00:00.000Z', '1 July 2026 at midday'],
    ['2026-03-29T01:30:00.000Z', '29 March 2026 at 2:30am'],
  ])('writes %s as %s', (value, expected) => {
    expect(formatDateTime(value)).toBe(expected)
  })

  it('gives nothing for something that is not a date', () => {
    expect(formatDateTime('yesterday')).toBe('')
    expect(formatDateTime(undefined)).toBe('')
  })
})

describe('formatNumber', () => {
  it('groups thousands with commas', () => {
    expect(formatNumber(1234567)).toBe('1,234,567')
    expect(formatNumber(0)).toBe('0')
  })

  it('gives nothing for what is not a finite number', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, '12', null, undefined])
      expect(formatNumber(value)).toBe('')
  })
})

describe('plural', () => {
  it('chooses the singular only for exactly one', () => {
    expect(plural(1, 'page')).toBe('1 page')
    expect(plural(0, 'page')).toBe('0 pages')
    expect(plural(2, 'page')).toBe('2 pages')
  })

  it('uses the plural form given, and groups thousands', () => {
    expect(plural(3, 'person', 'people')).toBe('3 people')
    expect(plural(1, 'person', 'people')).toBe('1 person')
    expect(plural(12345, 'change')).toBe('12,345 changes')
  })

  it('counts what is not a number as none', () => {
    expect(plural('7', 'page')).toBe('0 pages')
  })
})

describe('the filter table', () => {
  it('registers each filter under its own name', () => {
    expect(Object.keys(filters).sort()).toEqual(['formatDate', 'formatDateTime', 'formatNumber', 'plural', 'trim'])
    expect(filters.formatDate).toBe(formatDate)
  })
})

describe('trim', () => {
  it('trims as Nunjucks does, keeping a safe string safe, so GOV.UK markup is not escaped', () => {
    const env = new nunjucks.Environment(null, { autoescape: true })
    env.addFilter('trim', trim)
    const builtIn = new nunjucks.Environment(null, { autoescape: true })
    const template = '[{{ html | safe | trim }}][{{ text | trim }}][{{ other | trim }}]'
    const context = { html: ' \n\t<b>bold</b>\u00a0 \n', text: '  <i> & </i>\r\n', other: '\u2028 x \ufeff' }
    expect(env.renderString(template, context)).toBe('[<b>bold</b>][&lt;i&gt; &amp; &lt;/i&gt;][x]')
    expect(env.renderString(template, context)).toBe(builtIn.renderString(template, context))
  })

  it('is registered for every view', () => {
    expect(filters.trim).toBe(trim)
  })
})
