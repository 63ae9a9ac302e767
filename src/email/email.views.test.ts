import { describe, expect, it } from 'vitest'
import type { OutboxMessage } from './email.types.ts'
import { emailRow, methodText, statusItems } from './email.views.ts'

const message = (overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
  id: 'm1',
  kind: 'invitation',
  recipientId: 'u1',
  recipientName: 'Ira Invited',
  recipientEmail: null,
  subject: 'Set your password for Valuekit',
  payload: {},
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-11-24T10:00:00.000Z',
  leaseUntil: null,
  lastError: null,
  transport: null,
  providerId: null,
  resent: false,
  createdAt: '2026-11-24T10:00:00.000Z',
  createdByName: 'Fay Founder',
  sentAt: null,
  ...overrides,
})

describe('email presenters', () => {
  it('says plainly whether email is on, and how to turn it on', () => {
    expect(methodText('notify')).toMatchObject({
      on: true,
      heading: 'Email is on',
      text: expect.stringContaining('GOV.UK Notify'),
    })
    expect(methodText('smtp')).toMatchObject({ on: true, text: expect.stringContaining('SMTP') })
    const off = methodText('off')
    expect(off).toMatchObject({ on: false, heading: 'Email is off' })
    expect(off.text).toContain('SMTP_URL and EMAIL_FROM')
  })

  it('shows a sent message with its address and when it went', () => {
    const row = emailRow(
      message({ status: 'sent', recipientEmail: 'ira@example.gov.uk', sentAt: '2026-11-24T14:05:00.000Z' }),
      { retry: true },
    )
    expect(row).toMatchObject({
      to: 'Ira Invited',
      address: 'ira@example.gov.uk',
      kind: 'Invitation',
      status: { text: 'Sent', classes: 'govuk-tag--green' },
      details: ['Sent 24 November 2026 at 2:05pm'],
      canRetry: false,
    })
  })

  it('shows why a message is waiting or failed, and offers a retry only for failures', () => {
    const waiting = emailRow(
      message({
        attempts: 2,
        lastError: 'GOV.UK Notify answered 500 (Exception: boom)',
        nextAttemptAt: '2026-11-24T12:00:00.000Z',
      }),
      { retry: true },
    )
    expect(waiting.details).toEqual([
      'Tried 2 times; next try 24 November 2026 at midday',
      'GOV.UK Notify answered 500 (Exception: boom)',
    ])
    expect(waiting.canRetry).toBe(false)
    const failed = emailRow(message({ status: 'failed', attempts: 1, lastError: 'The SMTP server answered 550' }), {
      retry: true,
    })
    expect(failed).toMatchObject({
      status: { text: 'Failed' },
      details: ['Gave up after 1 try', 'The SMTP server answered 550'],
      canRetry: true,
    })
    expect(emailRow(message({ status: 'failed' }), { retry: false }).canRetry).toBe(false)
  })

  it('warns when SMTP may have delivered a message twice', () => {
    const row = emailRow(message({ status: 'sent', resent: true }), { retry: true })
    expect(row.details).toContain(
      'May have arrived twice: sending was interrupted before it was recorded, so it was sent again',
    )
  })

  it('counts each status in the filter, with the one chosen selected', () => {
    const items = statusItems({ pending: 1, sending: 0, sent: 5, failed: 2, cancelled: 0 }, 'failed')
    expect(items[0]).toEqual({ value: '', text: 'All (8)', selected: false })
    expect(items.find(i => i.value === 'failed')).toEqual({ value: 'failed', text: 'Failed (2)', selected: true })
  })
})
