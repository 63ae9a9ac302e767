// The email capability's domain types, for other capabilities to import instead of its repository.

/** What kinds of message Valuekit sends. */
export type MessageKind =
  'invitation' | 'suggestion-outcome' | 'levels-queried' | 'feedback-requested' | 'reminder-digest' | 'proposal-outcome'

/**
 * Where a message is: waiting to be sent ('pending'), leased to a worker ('sending'), 'sent',
 * given up on after its last try ('failed'), or not sent because nobody could receive it ('cancelled').
 */
export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled'

export const MESSAGE_STATUSES: readonly MessageStatus[] = ['pending', 'sending', 'sent', 'failed', 'cancelled']

/** Who a message is for: an account, whose address is looked up when the message is sent. */
export interface MessageRecipient {
  readonly id: string
  readonly name: string
}

/**
 * A message to send, as the capability that causes it describes it. Nothing here is personal
 * content: what needs attention and where, never what someone wrote about someone.
 */
export type NewMessage =
  | {
      readonly kind: 'invitation'
      readonly recipient: MessageRecipient
      /** When the set-password link stops working. */
      readonly expiresAt: string
    }
  | {
      readonly kind: 'suggestion-outcome'
      readonly recipient: MessageRecipient
      readonly outcome: 'accepted' | 'declined'
      readonly pageTitle: string
      readonly pageSlug: string
      /** The page's version that the suggestion became, when accepted. */
      readonly version: number | null
    }
  | {
      /** To a line manager: a person queried the levels agreed in their check-in (never what they wrote). */
      readonly kind: 'levels-queried'
      readonly recipient: MessageRecipient
      readonly personName: string
      /** The path of the page where the query is answered. */
      readonly path: string
    }
  | {
      /** To a colleague: a person asked them for feedback (never the note or the skills). */
      readonly kind: 'feedback-requested'
      readonly recipient: MessageRecipient
      readonly personName: string
      /** The path of the page where the feedback is given. */
      readonly path: string
    }
  | {
      /** To whoever proposed a framework change: what was decided (the page says why). */
      readonly kind: 'proposal-outcome'
      readonly recipient: MessageRecipient
      readonly outcome: 'approved' | 'rejected'
      readonly proposalId: string
    }
  | {
      readonly kind: 'reminder-digest'
      readonly recipient: MessageRecipient
      /** How many things of each kind need them: counts only, never what anyone wrote. */
      readonly due: DigestCounts
    }

/** What a reminder digest counts (the home page's rules decide them; see home.service.ts dueCounts). */
export interface DigestCounts {
  /** Their own check-in: to start (overdue), to finish (a draft), or nothing. */
  readonly ownCheckin: 'start' | 'finish' | null
  /** Their reports' check-ins waiting for their view or for the agreed levels. */
  readonly checkinsWaiting: number
  /** Their reports overdue a check-in (not counting those waiting). */
  readonly reportsOverdue: number
  /** Their own 1:1 is past its date. */
  readonly ownOneToOneOverdue: boolean
  /** 1:1s past their date that they hold with others (as line manager or associated senior). */
  readonly oneToOnesOverdue: number
  /** People they hold 1:1s with who have had none yet. */
  readonly firstOneToOnes: number
  /** Actions they own due within the week, and those past their date. */
  readonly actionsDue: number
  readonly actionsOverdue: number
}

/** One row of the outbox, as the service and the worker see it. */
export interface OutboxMessage {
  readonly id: string
  readonly kind: MessageKind
  readonly recipientId: string | null
  readonly recipientName: string
  readonly recipientEmail: string | null
  readonly subject: string
  readonly payload: Record<string, unknown>
  readonly status: MessageStatus
  readonly attempts: number
  readonly nextAttemptAt: string
  readonly leaseUntil: string | null
  readonly lastError: string | null
  readonly transport: string | null
  readonly providerId: string | null
  readonly resent: boolean
  readonly createdAt: string
  readonly createdByName: string
  readonly sentAt: string | null
}

/** A message a worker has just leased: `interrupted` when a worker before it stopped while sending it. */
export interface ClaimedMessage extends OutboxMessage {
  readonly interrupted: boolean
}

/** The account a message goes to, looked up when it is sent (AccountsService implements it). */
export interface RecipientSource {
  emailRecipient(userId: string): Promise<{ name: string; email: string; active: boolean } | null>
}

/** The organisation's name, which every message signs with (OrganisationService implements it). */
export interface OrganisationNameSource {
  get(): Promise<{ name: string } | null>
}

/** A message written out, ready for a transport. */
export interface OutgoingEmail {
  /** The outbox message's id: Notify's `reference`, and the SMTP Message-ID's left-hand side. */
  readonly reference: string
  readonly to: string
  readonly subject: string
  /** Plain text. Never logged. */
  readonly body: string
}

/** Sends email one way. `findSent` answers whether a message with this reference was already accepted. */
export interface EmailTransport {
  readonly name: 'notify' | 'smtp'
  /** Sends, and returns the provider's id for the message. Throws PermanentSendError when trying again cannot help. */
  send(email: OutgoingEmail): Promise<string>
  /** Notify only: the provider id of a message already accepted with this reference, or null. */
  findSent?(reference: string): Promise<string | null>
}

/** A send that will fail however often it is tried (a refused address, a rejected template). */
export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PermanentSendError'
  }
}
