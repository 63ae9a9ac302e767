// Presenters for the administrators' email page: what a message's status looks like, how email is
// being sent, and the table's rows. No message body is ever shown: only what it was about.
import type { EmailConfig } from '../config.ts'
import { formatDateTime } from '../platform/dates.ts'
import type { MessageStatus, OutboxMessage } from './email.types.ts'

export const STATUS_LABELS: Record<MessageStatus, { text: string; classes: string }> = {
  pending: { text: 'Waiting', classes: 'govuk-tag--blue' },
  sending: { text: 'Sending', classes: 'govuk-tag--light-blue' },
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
  cancelled: { text: 'Not sent', classes: 'govuk-tag--grey' },
}

/** How Valuekit sends email, in a sentence for administrators. */
export function methodText(kind: EmailConfig['kind']): { on: boolean; heading: string; text: string } {
  switch (kind) {
    case 'notify':
      return { on: true, heading: 'Email is on', text: 'Valuekit sends email through GOV.UK Notify.' }
    case 'smtp':
      return { on: true, heading: 'Email is on', text: 'Valuekit sends email through your SMTP server.' }
    case 'off':
      return {
        on: false,
        heading: 'Email is off',
        text: 'Valuekit sends no email. Invitations and news of decisions are not sent; everything else works. To turn email on, set NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID, or SMTP_URL and EMAIL_FROM, and restart Valuekit.',
      }
  }
}

const KIND_LABELS: Record<string, string> = {
  invitation: 'Invitation',
  'suggestion-outcome': 'Suggestion decided',
  'levels-queried': 'Agreed levels queried',
  'feedback-requested': 'Feedback asked for',
  'reminder-digest': 'Reminders',
  'proposal-outcome': 'Proposal decided',
}

export interface EmailRowView {
  id: string
  when: string
  to: string
  address: string | null
  kind: string
  subject: string
  status: { text: string; classes: string }
  details: string[]
  canRetry: boolean
}

/** One row of the table: when, to whom, what about, where it is and why. */
export function emailRow(message: OutboxMessage, can: { retry: boolean }): EmailRowView {
  const details: string[] = []
  if (message.status === 'sent' && message.sentAt) details.push(`Sent ${formatDateTime(message.sentAt)}`)
  if (message.status === 'pending' && message.attempts > 0)
    details.push(
      `Tried ${message.attempts === 1 ? 'once' : `${message.attempts} times`}; next try ${formatDateTime(message.nextAttemptAt)}`,
    )
  if (message.status === 'failed')
    details.push(`Gave up after ${message.attempts === 1 ? '1 try' : `${message.attempts} tries`}`)
  if (message.lastError && message.status !== 'sent') details.push(message.lastError)
  if (message.resent)
    details.push('May have arrived twice: sending was interrupted before it was recorded, so it was sent again')
  return {
    id: message.id,
    when: formatDateTime(message.createdAt),
    to: message.recipientName,
    address: message.recipientEmail,
    kind: KIND_LABELS[message.kind] ?? message.kind,
    subject: message.subject,
    status: STATUS_LABELS[message.status],
    details,
    canRetry: can.retry && (message.status === 'failed' || message.status === 'cancelled'),
  }
}

/** The status filter's choices, with counts. */
export function statusItems(counts: Record<MessageStatus, number>, chosen: MessageStatus | undefined) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  return [
    { value: '', text: `All (${total.toLocaleString('en-GB')})`, selected: chosen === undefined },
    ...(Object.keys(STATUS_LABELS) as MessageStatus[]).map(status => ({
      value: status,
      text: `${STATUS_LABELS[status].text} (${counts[status].toLocaleString('en-GB')})`,
      selected: chosen === status,
    })),
  ]
}
