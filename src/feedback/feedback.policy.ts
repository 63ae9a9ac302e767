// Who may see and do what with peer feedback. Answers are personal data seen only by the person
// who asked and their line manager: not by the colleague's own manager, leaders, heads of
// profession or administrators. The colleague who answered sees that they answered, not the text.
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Person } from '../people/people.types.ts'
import type { FeedbackAsk, FeedbackRequest } from './feedback.types.ts'

export type { Viewer }

/** Anyone signed in may ask colleagues for feedback, and see what is asked of them. */
export const canUseFeedback = (v: Viewer | null): v is Viewer => v !== null

/** A person's requests and the answers to them: the person and their line manager only. */
export const canSeeFeedbackOf = (v: Viewer | null, p: Pick<Person, 'id' | 'lineManagerId'>): boolean =>
  v !== null && (v.user.id === p.id || (p.lineManagerId !== null && v.user.id === p.lineManagerId))

/** Only the person who asked withdraws a request. */
export const canWithdraw = (v: Viewer | null, r: Pick<FeedbackRequest, 'personId' | 'withdrawnAt'>): boolean =>
  v !== null && v.user.id === r.personId && r.withdrawnAt === null

/** Only the colleague asked answers or declines, while the ask is open. */
export const canAnswerAsk = (v: Viewer | null, a: Pick<FeedbackAsk, 'colleagueId'>): boolean =>
  v !== null && v.user.id === a.colleagueId
