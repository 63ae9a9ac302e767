// The roadmap's forms: an item (its problem, outcome, metric and, when new, its column), a move,
// and marking it done or dropped. Every problem is found at once, in page order.
import { FormProblems, readChoice, readText, type FormResult } from '../../platform/forms.ts'
import {
  COLUMNS,
  ITEM_STATUSES,
  MOVES,
  type ItemDetails,
  type ItemStatus,
  type Move,
  type NewItem,
} from './roadmap.types.ts'

export const ITEM_FIELDS = ['column', 'problem', 'outcome', 'metricId']
export const STATUS_FIELDS = ['status', 'note']

const LIMITS = { problem: 500, outcome: 500, note: 2000 } as const

function readDetails(body: unknown, problems: FormProblems): ItemDetails {
  const text = (name: 'problem' | 'outcome', label: string, enter: string) => {
    const value = readText(body, name)
    if (value === '') problems.add(name, `Enter ${enter}`)
    else if (value.length > LIMITS[name]) problems.add(name, `${label} must be ${LIMITS[name]} characters or fewer`)
    return value
  }
  const problem = text('problem', 'The problem', 'the problem to solve')
  const outcome = text('outcome', 'The outcome', 'the outcome you intend')
  const metricId = readText(body, 'metricId', 64) || null
  return { problem, outcome, metricId }
}

export function readNewItem(body: unknown): FormResult<NewItem> {
  const problems = new FormProblems()
  const column = readChoice(body, 'column', COLUMNS)
  if (!column) problems.add('column', 'Choose when: now, next or later')
  const details = readDetails(body, problems)
  return problems.result(ITEM_FIELDS, column ? { ...details, column } : undefined, body)
}

export function readItemDetails(body: unknown): FormResult<ItemDetails> {
  const problems = new FormProblems()
  const details = readDetails(body, problems)
  return problems.result(ITEM_FIELDS, details, body)
}

/** The move a button asks for, or undefined. */
export const readMoveChoice = (body: unknown): Move | undefined => readChoice(body, 'to', MOVES)

export function readStatus(body: unknown, current: ItemStatus): FormResult<{ status: ItemStatus; note: string }> {
  const problems = new FormProblems()
  const status = readChoice(body, 'status', ITEM_STATUSES)
  if (!status || status === current)
    problems.add('status', current === 'open' ? 'Choose whether it is done or dropped' : 'Choose what to do with it')
  const note = readText(body, 'note')
  if (note.length > LIMITS.note)
    problems.add('note', `The note must be ${LIMITS.note.toLocaleString('en-GB')} characters or fewer`)
  return problems.result(STATUS_FIELDS, status && status !== current ? { status, note } : undefined, body)
}
