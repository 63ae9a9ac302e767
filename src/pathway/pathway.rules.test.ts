import { describe, expect, it } from 'vitest'
import {
  CHECKIN_DUE_DAYS,
  checkinCutoffDate,
  isCheckinOverdue,
  overdueAgainst,
  overdueBefore,
} from './pathway.rules.ts'

describe('when a check-in is overdue', () => {
  // 24 November 2026 is on GMT; its cut-off date, 182 days earlier, 26 May 2026, is on BST.
  const now = new Date('2026-11-24T10:00:00.000Z')

  it('cuts off 182 days before today', () => {
    expect(CHECKIN_DUE_DAYS).toBe(182)
    expect(checkinCutoffDate(now)).toBe('2026-05-26')
    expect(overdueBefore(now)).toBe('2026-05-26T23:00:00.000Z')
  })

  it('is overdue when the last check-in was agreed the day before the cut-off date', () => {
    expect(isCheckinOverdue('2026-05-25T12:00:00.000Z', now)).toBe(true)
  })

  it('is overdue when it was agreed on the cut-off date, up to the last moment of that UK day', () => {
    expect(isCheckinOverdue('2026-05-25T23:00:00.000Z', now)).toBe(true)
    expect(isCheckinOverdue('2026-05-26T12:00:00.000Z', now)).toBe(true)
    expect(isCheckinOverdue('2026-05-26T22:59:59.999Z', now)).toBe(true)
  })

  it('is not overdue when it was agreed the day after the cut-off date, from the first moment of that UK day', () => {
    expect(isCheckinOverdue('2026-05-26T23:00:00.000Z', now)).toBe(false)
    expect(isCheckinOverdue('2026-05-27T12:00:00.000Z', now)).toBe(false)
  })

  it('is overdue when nothing has ever been agreed', () => {
    expect(isCheckinOverdue(null, now)).toBe(true)
    expect(overdueAgainst(null, overdueBefore(now))).toBe(true)
  })

  it('gives one answer all through a UK day, and moves on at UK midnight', () => {
    // In summer the UK day starts at 23:00 UTC the day before.
    const justAfterMidnight = new Date('2026-07-01T23:00:01.000Z')
    const lastMoment = new Date('2026-07-02T22:59:59.999Z')
    expect(checkinCutoffDate(justAfterMidnight)).toBe('2026-01-01')
    expect(overdueBefore(justAfterMidnight)).toBe('2026-01-02T00:00:00.000Z')
    expect(overdueBefore(lastMoment)).toBe(overdueBefore(justAfterMidnight))
    const justBeforeMidnight = new Date('2026-07-01T22:59:59.999Z')
    expect(checkinCutoffDate(justBeforeMidnight)).toBe('2025-12-31')
    expect(isCheckinOverdue('2026-01-01T09:00:00.000Z', justBeforeMidnight)).toBe(false)
    expect(isCheckinOverdue('2026-01-01T09:00:00.000Z', justAfterMidnight)).toBe(true)
  })
})
