// The decision form (also used to revisit one, with what has changed, and from a strategy review,
// with what the decision changed). Every problem is found at once, in page order.
import {
  FormProblems,
  readChoice,
  readDateInput,
  readText,
  type DateLimit,
  type FormResult,
} from '../../platform/forms.ts'
import { CONFIDENCES, OUTCOMES, type DecisionInput, type RevisitInput } from './decisions.types.ts'

export const DECISION_FIELDS = [
  'whatChanged',
  'title',
  'proposal',
  'assumptions',
  'confidence',
  'expectedValue',
  'outcome',
  'reasoning',
  'decidedOn',
  'optionId',
  'changed',
]

const LONG = 4000

function readDecisionInto(
  body: unknown,
  problems: FormProblems,
  o: { today: string; optionIds: readonly string[]; earliest?: string },
): DecisionInput | undefined {
  const long = (name: string, label: string, enter?: string) => {
    const value = readText(body, name)
    if (enter && value === '') problems.add(name, enter)
    else if (value.length > LONG)
      problems.add(name, `${label} must be ${LONG.toLocaleString('en-GB')} characters or fewer`)
    return value
  }
  const title = readText(body, 'title')
  if (title === '') problems.add('title', 'Enter a short name for the proposal')
  else if (title.length > 150) problems.add('title', 'The name must be 150 characters or fewer')
  const proposal = long('proposal', 'The proposal', 'Enter what is proposed')
  const assumptions = long('assumptions', 'The assumptions', 'Enter the assumptions the proposal rests on')
  const confidence = readChoice(body, 'confidence', CONFIDENCES)
  if (!confidence) problems.add('confidence', 'Choose how confident you are that it will add value')
  const expectedValue = long('expectedValue', 'The expected value', 'Enter the value you expect it to add')
  const outcome = readChoice(body, 'outcome', OUTCOMES)
  if (!outcome) problems.add('outcome', 'Choose the decision: yes, no or not yet')
  const reasoning = long('reasoning', 'Why', 'Enter why you decided this')
  const limits: DateLimit[] = [{ max: o.today, message: 'The date of the decision must be today or in the past' }]
  if (o.earliest)
    limits.unshift({ min: o.earliest, message: 'The date must be on or after the date of the earlier decision' })
  const decidedOn = problems.date(
    'decidedOn',
    readDateInput(body, 'decidedOn', {
      label: 'The date of the decision',
      required: true,
      enter: 'the date of the decision',
      limits,
    }),
  )
  const optionText = readText(body, 'optionId', 64)
  const optionId = optionText === '' ? null : optionText
  if (optionId && !o.optionIds.includes(optionId)) problems.add('optionId', 'Choose an option from the list')
  if (!confidence || !outcome || !decidedOn) return undefined
  return { title, proposal, assumptions, confidence, expectedValue, outcome, reasoning, decidedOn, optionId }
}

export function readDecision(
  body: unknown,
  o: { today: string; optionIds: readonly string[] },
): FormResult<DecisionInput> {
  const problems = new FormProblems()
  const value = readDecisionInto(body, problems, o)
  return problems.result(DECISION_FIELDS, value, body)
}

/** A change to a decision that revisits another keeps saying what had changed. */
export function readDecisionChange(
  body: unknown,
  o: { today: string; optionIds: readonly string[]; revisit: boolean },
): FormResult<DecisionInput & { whatChanged?: string }> {
  const problems = new FormProblems()
  const whatChanged = o.revisit ? readWhatChanged(body, problems) : undefined
  const value = readDecisionInto(body, problems, o)
  return problems.result(DECISION_FIELDS, value && (o.revisit ? { ...value, whatChanged } : value), body)
}

function readWhatChanged(body: unknown, problems: FormProblems): string {
  const whatChanged = readText(body, 'whatChanged')
  if (whatChanged === '') problems.add('whatChanged', 'Enter what has changed since the earlier decision')
  else if (whatChanged.length > LONG) problems.add('whatChanged', 'What has changed must be 4,000 characters or fewer')
  return whatChanged
}

export function readRevisit(
  body: unknown,
  o: { today: string; optionIds: readonly string[]; earliest: string },
): FormResult<RevisitInput> {
  const problems = new FormProblems()
  const whatChanged = readWhatChanged(body, problems)
  const value = readDecisionInto(body, problems, o)
  return problems.result(DECISION_FIELDS, value && { ...value, whatChanged }, body)
}

/** A decision recorded at a strategy review: the decision, and what it changed. */
export function readReviewDecision(
  body: unknown,
  o: { today: string; optionIds: readonly string[] },
): FormResult<{ decision: DecisionInput; changed: string }> {
  const problems = new FormProblems()
  const decision = readDecisionInto(body, problems, o)
  const changed = readChanged(body, problems)
  return problems.result(DECISION_FIELDS, decision && { decision, changed }, body)
}

/** What a decision taken at a review changed in the strategy. */
export function readChanged(body: unknown, problems: FormProblems): string {
  const changed = readText(body, 'changed')
  if (changed === '') problems.add('changed', 'Enter what the decision changed')
  else if (changed.length > 2000) problems.add('changed', 'What it changed must be 2,000 characters or fewer')
  return changed
}
