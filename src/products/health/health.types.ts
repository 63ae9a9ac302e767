// The team health check: one statement for each of the five dysfunctions of a team (Lencioni),
// answered anonymously on a scale of 1 (strongly disagree) to 5 (strongly agree). Agreeing is
// healthy: a high score means the team is doing well on that dysfunction. The statements are ours.

export const DYSFUNCTIONS = ['trust', 'conflict', 'commitment', 'accountability', 'results'] as const
export type Dysfunction = (typeof DYSFUNCTIONS)[number]

export const DYSFUNCTION_INFO: Record<Dysfunction, { name: string; short: string; statement: string }> = {
  trust: {
    name: 'Absence of trust',
    short: 'Trust',
    statement: 'People in this team admit mistakes and ask each other for help without worrying how it looks.',
  },
  conflict: {
    name: 'Fear of conflict',
    short: 'Conflict',
    statement: 'We disagree openly about ideas and decisions, and reach better answers because of it.',
  },
  commitment: {
    name: 'Lack of commitment',
    short: 'Commitment',
    statement: 'Once we decide something, everyone gets behind it, including people who argued for something else.',
  },
  accountability: {
    name: 'Avoidance of accountability',
    short: 'Accountability',
    statement: 'We tell each other, kindly and directly, when someone does not do what we agreed.',
  },
  results: {
    name: 'Inattention to results',
    short: 'Results',
    statement: 'We care more about what the team achieves for users than about our own goals or standing.',
  },
}

export const SCORES = [1, 2, 3, 4, 5] as const
export const SCORE_LABELS: Record<number, string> = {
  1: 'Strongly disagree',
  2: 'Disagree',
  3: 'Neither agree nor disagree',
  4: 'Agree',
  5: 'Strongly agree',
}

/** Results are shown only when at least this many people answered a round. */
export const MIN_RESPONDENTS = 3

/** One person's answers: a score for each statement. Never stored as such. */
export type HealthAnswers = Record<Dysfunction, number>

export interface HealthRound {
  id: string
  productId: string
  number: number
  status: 'open' | 'closed'
  openedAt: string
  openedByName: string
  closedAt: string | null
  /** How many people have answered. */
  respondents: number
}

/** A round with its results, when they may be shown. */
export interface RoundResults {
  round: HealthRound
  /** Average score for each statement; null while the round is open or fewer than three answered. */
  averages: Record<Dysfunction, number> | null
}
