// The two messages about a person's pathway: a query of agreed levels (to the line manager) and a
// request for feedback (to a colleague). Each names who and links to the page; neither carries
// what anyone wrote, and their subjects (listed to administrators) name nobody.
import { describe, expect, it } from 'vitest'
import { payloadOf, subjectOf, writeMessage } from './email.messages.ts'
import type { NewMessage } from './email.types.ts'

const context = {
  baseUrl: 'https://valuekit.example.gov.uk',
  organisationName: 'Department for Testing',
  linkToken: (id: string) => `token-for-${id}`,
}

const write = (message: NewMessage) =>
  writeMessage(
    { id: 'm1', kind: message.kind, subject: subjectOf(message), payload: payloadOf(message) },
    message.recipient.name,
    context,
  )

describe('messages about a person’s pathway', () => {
  it('tells a line manager a query of agreed levels is waiting, with a link and nothing else', () => {
    const message: NewMessage = {
      kind: 'levels-queried',
      recipient: { id: 'u1', name: 'Mel Manager' },
      personName: 'Pat Person',
      path: '/people/p1/check-ins/c1/answer',
    }
    expect(payloadOf(message)).toEqual({ personName: 'Pat Person', path: '/people/p1/check-ins/c1/answer' })
    const written = write(message)
    expect(written.subject).toBe('A question about agreed levels is waiting for you')
    expect(written.body).toContain('Hello Mel Manager,')
    expect(written.body).toContain('Pat Person has a question about the levels you agreed')
    expect(written.body).toContain('https://valuekit.example.gov.uk/people/p1/check-ins/c1/answer')
  })

  it('tells a colleague they were asked for feedback, with a link and nothing else', () => {
    const message: NewMessage = {
      kind: 'feedback-requested',
      recipient: { id: 'u2', name: 'Cole Colleague' },
      personName: 'Pat Person',
      path: '/feedback/asks/a1',
    }
    const written = write(message)
    expect(written.subject).toBe('A colleague has asked you for feedback')
    expect(written.subject).not.toContain('Pat')
    expect(written.body).toContain('Pat Person would like your feedback')
    expect(written.body).toContain('https://valuekit.example.gov.uk/feedback/asks/a1')
  })
})
