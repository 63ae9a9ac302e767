// UK calendar days, whatever the server's time zone. The UK keeps GMT in winter and BST (UTC+1)
// in summer; in 2026 the clocks go forward at 01:00 UTC on 29 March and back at 01:00 UTC on
// 25 October, so those two days are 23 and 25 hours long.
import { describe, expect, it } from 'vitest'
import {
  addDays,
  daysBetween,
  formatDate,
  formatDateTime,
  isIsoDate,
  isoDate,
  ukDate,
  ukDayStart,
  ukToday,
  addMonths,
} from './dates.ts'

const at = (iso: string) => new Date(iso)

describe('ukDate and ukToday', () => {
  it('give the UK day: late evening UTC in summer is already the next day', () => {
    expect(ukDate(at('2026-06-30T23:30:00Z'))).toBe('2026-07-01')
    expect(ukDate(at('2026-06-30T22:59:59.999Z'))).toBe('2026-06-30')
    expect(ukToday(() => at('2027-06-30T23:30:00Z'))).toBe('2027-07-01')
  })

  it('give the UTC day in winter, up to the last millisecond', () => {
    expect(ukDate(at('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31')
    expect(ukDate(at('2027-01-01T00:00:00.000Z'))).toBe('2027-01-01')
  })

  it('turn over at UK midnight on the day the clocks go forward (29 March 2026)', () => {
    // The day starts on GMT; the next day starts on BST, at 23:00 UTC.
    expect(ukDate(at('2026-03-28T23:59:59.999Z'))).toBe('2026-03-28')
    expect(ukDate(at('2026-03-29T00:00:00.000Z'))).toBe('2026-03-29')
    expect(ukDate(at('2026-03-29T00:59:59.999Z'))).toBe('2026-03-29')
    expect(ukDate(at('2026-03-29T01:00:00.000Z'))).toBe('2026-03-29')
    expect(ukDate(at('2026-03-29T22:59:59.999Z'))).toBe('2026-03-29')
    expect(ukDate(at('2026-03-29T23:00:00.000Z'))).toBe('2026-03-30')
  })

  it('turn over at UK midnight on the day the clocks go back (25 October 2026)', () => {
    // The day starts on BST, at 23:00 UTC the day before; the next day starts on GMT.
    expect(ukDate(at('2026-10-24T22:59:59.999Z'))).toBe('2026-10-24')
    expect(ukDate(at('2026-10-24T23:00:00.000Z'))).toBe('2026-10-25')
    expect(ukDate(at('2026-10-25T00:59:59.999Z'))).toBe('2026-10-25')
    expect(ukDate(at('2026-10-25T01:00:00.000Z'))).toBe('2026-10-25')
    expect(ukDate(at('2026-10-25T23:59:59.999Z'))).toBe('2026-10-25')
    expect(ukDate(at('2026-10-26T00:00:00.000Z'))).toBe('2026-10-26')
  })
})

describe('ukDayStart', () => {
  it('is midnight UTC on GMT and 23:00 UTC the day before on BST', () => {
    expect(ukDayStart('2026-01-02')).toBe('2026-01-02T00:00:00.000Z')
    expect(ukDayStart('2026-07-02')).toBe('2026-07-01T23:00:00.000Z')
  })

  it('is right on and after the days the clocks change', () => {
    expect(ukDayStart('2026-03-29')).toBe('2026-03-29T00:00:00.000Z')
    expect(ukDayStart('2026-03-30')).toBe('2026-03-29T23:00:00.000Z')
    expect(ukDayStart('2026-10-25')).toBe('2026-10-24T23:00:00.000Z')
    expect(ukDayStart('2026-10-26')).toBe('2026-10-26T00:00:00.000Z')
  })

  it('is the first instant ukDate calls that day', () => {
    for (const day of ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']) {
      const start = Date.parse(ukDayStart(day))
      expect(ukDate(new Date(start))).toBe(day)
      expect(ukDate(new Date(start - 1))).toBe(addDays(day, -1))
    }
  })
})

describe('addDays and daysBetween', () => {
  it('move by calendar days across month ends, year ends and leap days', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28')
    expect(addDays('2026-11-24', -182)).toBe('2026-05-26')
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-05-01', 0)).toBe('2026-05-01')
  })

  it('count a whole day across the clock changes, which are 23 and 25 hours long', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29')
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30')
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26')
    expect(daysBetween('2026-03-29', '2026-03-30')).toBe(1)
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2)
  })

  it('count days between two dates, negative when the second comes first', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364)
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366)
    expect(daysBetween('2026-05-10', '2026-05-03')).toBe(-7)
    expect(daysBetween('2026-05-10', addDays('2026-05-10', 45))).toBe(45)
  })
})

describe('addMonths', () => {
  it('moves on whole months, across years, keeping the day or the month’s last', () => {
    expect(addMonths('2026-11-24', 12)).toBe('2027-11-24')
    expect(addMonths('2026-11-24', 3)).toBe('2027-02-24')
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28')
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29')
  })
})

describe('isoDate and isIsoDate', () => {
  it('write a real date as YYYY-MM-DD', () => {
    expect(isoDate(2026, 3, 7)).toBe('2026-03-07')
    expect(isoDate(2028, 2, 29)).toBe('2028-02-29')
  })

  it('refuse dates that do not exist', () => {
    expect(isoDate(2027, 2, 29)).toBeNull()
    expect(isoDate(2026, 4, 31)).toBeNull()
    expect(isoDate(2026, 13, 1)).toBeNull()
    expect(isoDate(2026, 0, 1)).toBeNull()
    expect(isoDate(2026, 1, 0)).toBeNull()
    expect(isoDate(2026.5, 1, 1)).toBeNull()
    expect(isoDate(Number.NaN, 1, 1)).toBeNull()
  })

  it('accept only a real date written YYYY-MM-DD', () => {
    expect(isIsoDate('2026-02-28')).toBe(true)
    for (const bad of ['2026-02-30', '2026-2-28', '28/02/2026', '2026-02-28T00:00:00Z', '', 'soon'])
      expect(isIsoDate(bad)).toBe(false)
  })
})

describe('formatDate and formatDateTime', () => {
  it('write dates in UK time, GOV.UK style', () => {
    expect(formatDate('2026-07-01T23:30:00.000Z')).toBe('2 July 2026')
    expect(formatDate('2026-11-24')).toBe('24 November 2026')
    expect(formatDateTime('2026-11-24T12:00:00.000Z')).toBe('24 November 2026 at midday')
  })

  it('write the hours either side of the clock changes in UK time', () => {
    expect(formatDateTime('2026-03-29T00:30:00.000Z')).toBe('29 March 2026 at 12:30am')
    expect(formatDateTime('2026-03-29T01:30:00.000Z')).toBe('29 March 2026 at 2:30am')
    expect(formatDateTime('2026-10-25T00:30:00.000Z')).toBe('25 October 2026 at 1:30am')
    expect(formatDateTime('2026-10-25T01:30:00.000Z')).toBe('25 October 2026 at 1:30am')
  })

  it('give nothing for what is not a date', () => {
    expect(formatDate('not a date')).toBe('')
    expect(formatDateTime(undefined)).toBe('')
  })
})
