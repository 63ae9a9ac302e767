// The strategy review's forms: the review itself, and linking a decision to it with what it
// changed. Every problem is found at once, in page order.
import { FormProblems, readChoices, readDateInput, readText, type FormResult } from '../../platform/forms.ts'
import { readChanged } from '../decisions/decisions.schemas.ts'
import { REVIEW_PART_SLUGS, type ReviewInput } from './reviews.types.ts'

export const REVIEW_FIELDS = ['heldOn', 'attendees', 'others', 'parts', 'notes']
export const LINK_FIELDS = ['decisionId', 'changed']
/** How many "someone else from Valuekit" lists the review form offers at most. */
export const MORE_PEOPLE = 6

const UUID = /^[0-9a-f-]{36}$/

export function readReview(body: unknown, today: string): FormResult<ReviewInput> {
  const problems = new FormProblems()
  const heldOn = problems.date(
    'heldOn',
    readDateInput(body, 'heldOn', {
      label: 'The date of the review',
      required: true,
      enter: 'the date of the review',
      limits: [{ max: today, message: 'The date of the review must be today or in the past' }],
    }),
  )
  const chosen = readChoices(body, 'attendees').chosen
  for (let i = 0; i < MORE_PEOPLE; i++) {
    const id = readText(body, `attendee-${i}`, 64)
    if (id) chosen.push(id)
  }
  const attendeeIds = [...new Set(chosen)]
  if (attendeeIds.some(id => !UUID.test(id))) problems.add('attendees', 'Choose people from the list')
  const others = readText(body, 'others')
  if (others.length > 2000) problems.add('others', 'The names of others must be 2,000 characters or fewer')
  if (attendeeIds.length === 0 && others === '')
    problems.add('attendees', 'Say who came: choose people in Valuekit, or name others')
  const parts = readChoices(body, 'parts', REVIEW_PART_SLUGS)
  if (parts.unknown.length > 0) problems.add('parts', 'Choose parts of the strategy from the list')
  else if (parts.chosen.length === 0) problems.add('parts', 'Choose at least one part of the strategy you reviewed')
  const notes = readText(body, 'notes')
  if (notes.length > 10_000) problems.add('notes', 'The notes must be 10,000 characters or fewer')
  const value = heldOn ? { heldOn, attendeeIds, others, parts: parts.chosen, notes } : undefined
  return problems.result(REVIEW_FIELDS, value, body)
}

export function readLink(body: unknown): FormResult<{ decisionId: string; changed: string }> {
  const problems = new FormProblems()
  const decisionId = readText(body, 'decisionId', 64)
  if (!UUID.test(decisionId)) problems.add('decisionId', 'Choose the decision taken at the review')
  const changed = readChanged(body, problems)
  return problems.result(LINK_FIELDS, { decisionId, changed }, body)
}
