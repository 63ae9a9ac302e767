// What each kind of message says. Pure functions from an outbox row to a subject and a plain-text
// body, written when the message is sent (so a link is derived again, never stored). A message
// says what needs attention and links to it; it never carries personal content.
import { formatDateTime } from '../platform/dates.ts'
import type { MessageKind, NewMessage } from './email.types.ts'

/** What writing a message needs besides its row. */
export interface MessageContext {
  readonly baseUrl: string
  readonly organisationName: string
  /** The secret part of a message's link (a set-password token), derived from its id. */
  readonly linkToken: (messageId: string) => string
}

export interface WrittenMessage {
  readonly subject: string
  readonly body: string
}

/** The subject of a new message, stored with it (it names what the message is about, nothing personal). */
export function subjectOf(message: NewMessage): string {
  switch (message.kind) {
    case 'invitation':
      return 'Set your password for Valuekit'
    case 'suggestion-outcome':
      return message.outcome === 'accepted'
        ? `Your suggestion for “${message.pageTitle}” was accepted`
        : `Your suggestion for “${message.pageTitle}” was not accepted`
    case 'levels-queried':
      // Subjects are listed to administrators: they name no one.
      return 'A question about agreed levels is waiting for you'
    case 'feedback-requested':
      return 'A colleague has asked you for feedback'
  }
}

/** What a message's row keeps besides its subject: only what writing it needs. */
export function payloadOf(message: NewMessage): Record<string, unknown> {
  switch (message.kind) {
    case 'invitation':
      return { expiresAt: message.expiresAt }
    case 'suggestion-outcome':
      return {
        outcome: message.outcome,
        pageTitle: message.pageTitle,
        pageSlug: message.pageSlug,
        version: message.version,
      }
    case 'levels-queried':
    case 'feedback-requested':
      return { personName: message.personName, path: message.path }
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** The whole message for one row. Throws when the row names a kind this version cannot write. */
export function writeMessage(
  row: { id: string; kind: MessageKind; subject: string; payload: Record<string, unknown> },
  recipientName: string,
  context: MessageContext,
): WrittenMessage {
  const signOff = `From ${context.organisationName} on Valuekit`
  switch (row.kind) {
    case 'invitation': {
      const link = `${context.baseUrl}/set-password/${context.linkToken(row.id)}`
      return {
        subject: row.subject,
        body: [
          `Hello ${recipientName},`,
          '',
          `${context.organisationName} has made you an account on Valuekit. It is where the product management profession keeps its handbook, career pathway and product strategy.`,
          '',
          'Set your password to start:',
          link,
          '',
          `The link works once, until ${formatDateTime(text(row.payload.expiresAt))} (UK time). If it has stopped working, ask an administrator to send you a new one.`,
          '',
          'If you did not expect this email, you can ignore it.',
          '',
          signOff,
        ].join('\n'),
      }
    }
    case 'suggestion-outcome': {
      const title = text(row.payload.pageTitle)
      const accepted = row.payload.outcome === 'accepted'
      const pageLink = `${context.baseUrl}/handbook/${encodeURIComponent(text(row.payload.pageSlug))}`
      const mine = `${context.baseUrl}/handbook/suggestions/mine`
      return {
        subject: row.subject,
        body: [
          `Hello ${recipientName},`,
          '',
          accepted
            ? `An editor accepted the change you suggested to the handbook page “${title}”. The page now includes it.`
            : `An editor decided not to make the change you suggested to the handbook page “${title}”.`,
          '',
          accepted ? 'See the page:' : 'See their reason with your suggestions:',
          accepted ? pageLink : mine,
          '',
          signOff,
        ].join('\n'),
      }
    }
    case 'levels-queried':
      return {
        subject: row.subject,
        body: [
          `Hello ${recipientName},`,
          '',
          `${text(row.payload.personName)} has a question about the levels you agreed in their check-in. Read it in Valuekit, then change the levels or keep them with a reply:`,
          `${context.baseUrl}${text(row.payload.path)}`,
          '',
          signOff,
        ].join('\n'),
      }
    case 'feedback-requested':
      return {
        subject: row.subject,
        body: [
          `Hello ${recipientName},`,
          '',
          `${text(row.payload.personName)} would like your feedback on some of their skills. See what they asked, then give your feedback or decline:`,
          `${context.baseUrl}${text(row.payload.path)}`,
          '',
          signOff,
        ].join('\n'),
      }
  }
}
