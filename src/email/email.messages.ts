// What each kind of message says. Pure functions from an outbox row to a subject and a plain-text
// body, written when the message is sent (so a link is derived again, never stored). A message
// says what needs attention and links to it; it never carries personal content.
import { formatDateTime } from '../platform/dates.ts'
import { plural } from '../platform/http/filters.ts'
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
    case 'reminder-digest':
      return 'What needs you on Valuekit'
    case 'proposal-outcome':
      return message.outcome === 'approved'
        ? 'Your proposed change to the capability framework was approved'
        : 'Your proposed change to the capability framework was not approved'
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
    case 'reminder-digest':
      return { personId: message.recipient.id, due: message.due }
    case 'proposal-outcome':
      return { outcome: message.outcome, proposalId: message.proposalId }
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
    case 'proposal-outcome':
      return {
        subject: row.subject,
        body: [
          `Hello ${recipientName},`,
          '',
          row.payload.outcome === 'approved'
            ? 'A reviewer approved the change you proposed to the capability framework. It is in the current version now.'
            : 'A reviewer decided not to make the change you proposed to the capability framework.',
          '',
          row.payload.outcome === 'approved' ? 'See the proposal:' : 'See their reason on the proposal:',
          `${context.baseUrl}/framework/proposals/${encodeURIComponent(text(row.payload.proposalId))}`,
          '',
          signOff,
        ].join('\n'),
      }
    case 'reminder-digest':
      return {
        subject: row.subject,
        body: [
          `Hello ${recipientName},`,
          '',
          'This is what needs you on Valuekit now.',
          '',
          ...digestLines(row.payload, context.baseUrl),
          'See everything that needs you on your home page:',
          `${context.baseUrl}/`,
          '',
          'We send this at most once a week, and only when something needs you. To choose the day, or to stop these emails:',
          `${context.baseUrl}/account/email`,
          '',
          signOff,
        ].join('\n'),
      }
  }
}

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0

/** A digest's lines: each count with the link that deals with it. Counts only, never names or text. */
export function digestLines(payload: Record<string, unknown>, baseUrl: string): string[] {
  const due = (typeof payload.due === 'object' && payload.due !== null ? payload.due : {}) as Record<string, unknown>
  const self = encodeURIComponent(text(payload.personId))
  const lines: string[] = []
  const add = (sentence: string, link: string) => lines.push(sentence, `${baseUrl}${link}`, '')
  if (due.ownCheckin === 'start') add('Your check-in is overdue. Start it from here:', `/people/${self}/check-ins/new`)
  if (due.ownCheckin === 'finish')
    add('You have started a check-in but not sent it to your line manager. Finish it from your home page:', '/')
  const waiting = count(due.checkinsWaiting)
  if (waiting)
    add(
      `${waiting === 1 ? 'A check-in from your team is' : `${plural(waiting, 'check-in')} from your team are`} waiting for you:`,
      '/',
    )
  const team = count(due.reportsOverdue)
  if (team)
    add(
      `${team === 1 ? '1 person in your team is' : `${plural(team, 'person', 'people')} in your team are`} overdue a check-in:`,
      '/team',
    )
  if (due.ownOneToOneOverdue === true)
    add('Your 1:1 is overdue. Record it once you have held it:', `/people/${self}/one-to-ones/new`)
  const late = count(due.oneToOnesOverdue)
  if (late) add(`${late === 1 ? 'A 1:1 you hold is' : `${plural(late, '1:1')} you hold are`} overdue:`, '/one-to-ones')
  const first = count(due.firstOneToOnes)
  if (first)
    add(
      `${first === 1 ? '1 person has' : `${plural(first, 'person', 'people')} have`} not had a 1:1 with you yet:`,
      '/one-to-ones',
    )
  const actions = count(due.actionsDue)
  if (actions) add(`${actions === 1 ? '1 action is' : `${plural(actions, 'action')} are`} due this week:`, '/')
  const overdue = count(due.actionsOverdue)
  if (overdue)
    add(overdue === 1 ? '1 action is past its date:' : `${plural(overdue, 'action')} are past their date:`, '/')
  return lines
}
