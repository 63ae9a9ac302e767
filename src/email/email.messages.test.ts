import { describe, expect, it } from 'vitest'
import { payloadOf, subjectOf, writeMessage } from './email.messages.ts'
import type { NewMessage } from './email.types.ts'

const context = {
  baseUrl: 'https://valuekit.example.gov.uk',
  organisationName: 'Department for Testing',
  linkToken: (id: string) => `token-for-${id}`,
}

const write = (message: NewMessage, id = 'm1') =>
  writeMessage(
    { id, kind: message.kind, subject: subjectOf(message), payload: payloadOf(message) },
    message.recipient.name,
    context,
  )

describe('email messages', () => {
  it('invites with a set-password link derived from the message, and says when it stops working', () => {
    const written = write({
      kind: 'invitation',
      recipient: { id: 'u1', name: 'Ira Invited' },
      expiresAt: '2026-12-01T10:00:00.000Z',
    })
    expect(written.subject).toBe('Set your password for Valuekit')
    expect(written.body).toContain('Hello Ira Invited,')
    expect(written.body).toContain('Department for Testing has made you an account on Valuekit')
    expect(written.body).toContain('https://valuekit.example.gov.uk/set-password/token-for-m1')
    expect(written.body).toContain('until 1 December 2026 at 10:00am (UK time)')
  })

  it('keeps nothing but what writing needs: no token in the payload', () => {
    const payload = payloadOf({
      kind: 'invitation',
      recipient: { id: 'u1', name: 'Ira' },
      expiresAt: '2026-12-01T10:00:00.000Z',
    })
    expect(payload).toEqual({ expiresAt: '2026-12-01T10:00:00.000Z' })
  })

  it('tells the author of a suggestion the outcome and links to it, without anyone’s reasons', () => {
    const accepted = write({
      kind: 'suggestion-outcome',
      recipient: { id: 'u1', name: 'Al' },
      outcome: 'accepted',
      pageTitle: 'Roadmaps',
      pageSlug: 'roadmaps',
      version: 3,
    })
    expect(accepted.subject).toBe('Your suggestion for “Roadmaps” was accepted')
    expect(accepted.body).toContain('https://valuekit.example.gov.uk/handbook/roadmaps')
    const declined = write({
      kind: 'suggestion-outcome',
      recipient: { id: 'u1', name: 'Al' },
      outcome: 'declined',
      pageTitle: 'Roadmaps',
      pageSlug: 'roadmaps',
      version: null,
    })
    expect(declined.subject).toBe('Your suggestion for “Roadmaps” was not accepted')
    expect(declined.body).toContain('https://valuekit.example.gov.uk/handbook/suggestions/mine')
  })
})
