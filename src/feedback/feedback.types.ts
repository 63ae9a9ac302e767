// Peer feedback's domain types, for other capabilities (the home page, the check-in form) to import.

/** Where one colleague's part of a request is: waiting, answered (final), declined, or withdrawn by the person. */
export type AskStatus = 'asked' | 'answered' | 'declined' | 'withdrawn'

export interface FeedbackRequest {
  id: string
  personId: string
  personName: string
  frameworkVersionId: string
  /** Skill slugs, in framework order. */
  skills: string[]
  note: string
  createdAt: string
  withdrawnAt: string | null
  version: number
}

export interface FeedbackAsk {
  id: string
  requestId: string
  colleagueId: string
  colleagueName: string
  status: AskStatus
  answeredAt: string | null
  version: number
}

/** One colleague's answer on one skill. */
export interface FeedbackAnswer {
  askId: string
  skillSlug: string
  text: string
}

/** A request asked of a colleague and still waiting for them: for their task list. */
export interface AskWaiting {
  askId: string
  personId: string
  personName: string
  askedAt: string
}

/** Feedback a person received on one skill, with who gave it: for the check-in form. */
export interface ReceivedFeedback {
  askId: string
  skillSlug: string
  text: string
  fromName: string
  answeredAt: string
}
