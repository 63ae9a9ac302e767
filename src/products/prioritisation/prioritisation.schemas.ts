// Prioritisation's forms: an option's details, each of the four ways of scoring it, the criteria
// for weighted scoring, and a quarter's backlog work. Every problem is found at once, in page order.
import { FormProblems, readChoice, readRows, readText, type FormResult } from '../../platform/forms.ts'
import {
  MOSCOW,
  RICE_IMPACTS,
  SCORE_MAX,
  SCORE_MIN,
  WORK_CLASSES,
  WORK_CLASS_LABELS,
  type BalanceCounts,
  type ClassCounts,
  type Criterion,
  type Method,
  type OptionDetails,
  type Scoring,
} from './prioritisation.types.ts'

export const OPTION_FIELDS = ['title', 'description']
export const CRITERIA_MAX = 10
export const QUARTER_FIELDS = balanceFields(WORK_CLASSES)

const SCORES = ['1', '2', '3', '4', '5'] as const

/** A whole number typed in a box: the number, or a message saying what is wrong. */
function wholeNumber(
  text: string,
  label: string,
  min: number,
  max: number,
): { value: number } | { message: string } | null {
  if (text === '') return null
  const clean = text.replace(/,/g, '')
  if (!/^-?\d+$/.test(clean)) return { message: `${label} must be a whole number, like 12` }
  const value = Number(clean)
  if (value < min || value > max)
    return { message: `${label} must be between ${min.toLocaleString('en-GB')} and ${max.toLocaleString('en-GB')}` }
  return { value }
}

export function readOption(body: unknown): FormResult<OptionDetails> {
  const problems = new FormProblems()
  const title = readText(body, 'title')
  if (title === '') problems.add('title', 'Enter a short name for the option')
  else if (title.length > 120) problems.add('title', 'The name must be 120 characters or fewer')
  const description = readText(body, 'description')
  if (description.length > 2000) problems.add('description', 'The description must be 2,000 characters or fewer')
  return problems.result(OPTION_FIELDS, { title, description }, body)
}

/** The fields of each scoring form, in page order. */
export function scoringFields(method: Method, criteria: readonly Criterion[] = []): string[] {
  switch (method) {
    case 'impact-effort':
      return ['impact', 'effort']
    case 'moscow':
      return ['moscow']
    case 'rice':
      return ['reach', 'riceImpact', 'confidence', 'riceEffort']
    case 'weighted':
      return criteria.map(c => `score-${c.id}`)
  }
}

/** One way of scoring an option. Weighted scoring needs the criteria the form was drawn with. */
export function readScoring(body: unknown, method: Method, criteria: readonly Criterion[] = []): FormResult<Scoring> {
  const problems = new FormProblems()
  const order = scoringFields(method, criteria)
  if (method === 'impact-effort') {
    const impact = readChoice(body, 'impact', SCORES)
    if (!impact) problems.add('impact', 'Choose the impact you expect, from 1 to 5')
    const effort = readChoice(body, 'effort', SCORES)
    if (!effort) problems.add('effort', 'Choose the effort you expect, from 1 to 5')
    const value = impact && effort ? { method, impact: Number(impact), effort: Number(effort) } : undefined
    return problems.result(order, value, body)
  }
  if (method === 'moscow') {
    const moscow = readChoice(body, 'moscow', MOSCOW)
    if (!moscow) problems.add('moscow', 'Choose must, should, could or won’t have this time')
    return problems.result(order, moscow ? { method, moscow } : undefined, body)
  }
  if (method === 'rice') {
    const reach = wholeNumber(readText(body, 'reach', 20), 'Reach', 0, 100_000_000)
    if (reach === null) problems.add('reach', 'Enter how many people it will reach in a quarter')
    else if ('message' in reach) problems.add('reach', reach.message)
    const impact = readChoice(body, 'riceImpact', RICE_IMPACTS)
    if (!impact) problems.add('riceImpact', 'Choose how much it will help each person it reaches')
    const confidence = wholeNumber(readText(body, 'confidence', 20).replace(/%$/, ''), 'Confidence', 0, 100)
    if (confidence === null) problems.add('confidence', 'Enter how confident you are, as a percentage')
    else if ('message' in confidence) problems.add('confidence', confidence.message)
    const effortText = readText(body, 'riceEffort', 20)
    const effort = Number(effortText)
    if (effortText === '') problems.add('riceEffort', 'Enter the effort in person-months')
    else if (!/^\d+(\.\d{1,2})?$/.test(effortText))
      problems.add('riceEffort', 'Effort must be a number of person-months, like 2 or 0.5')
    else if (effort <= 0 || effort > 10_000) problems.add('riceEffort', 'Effort must be more than 0 and at most 10,000')
    const value =
      reach && 'value' in reach && impact && confidence && 'value' in confidence && effort > 0
        ? {
            method,
            rice: { reach: reach.value, impact: Number(impact), confidence: confidence.value, effort },
          }
        : undefined
    return problems.result(order, value, body)
  }
  const scores: Record<string, number> = {}
  for (const c of criteria) {
    const score = readChoice(body, `score-${c.id}`, SCORES)
    if (!score) problems.add(`score-${c.id}`, `Choose a score from ${SCORE_MIN} to ${SCORE_MAX} for ${c.name}`)
    else scores[c.id] = Number(score)
  }
  if (criteria.length === 0) problems.add('form', 'Set the criteria before scoring options against them')
  return problems.result(order, { method, scores }, body)
}

/** The criteria rows: criteria-<n>-id, -name and -weight. Empty rows are left out. */
export function readCriteria(body: unknown): FormResult<{ id: string | null; name: string; weight: number }[]> {
  const problems = new FormProblems()
  const rows = readRows(body, 'criteria', ['id', 'name', 'weight'], CRITERIA_MAX + 3).filter(
    r => r.row.name !== '' || r.row.weight !== '',
  )
  const order: string[] = []
  const seen = new Set<string>()
  const criteria: { id: string | null; name: string; weight: number }[] = []
  for (const { index, row } of rows) {
    const nameField = `criteria-${index}-name`
    const weightField = `criteria-${index}-weight`
    order.push(nameField, weightField)
    const n = index + 1
    if (row.name === '') problems.add(nameField, `Enter a name for criterion ${n}`)
    else if (row.name.length > 80) problems.add(nameField, `The name of criterion ${n} must be 80 characters or fewer`)
    else if (seen.has(row.name.toLowerCase())) problems.add(nameField, `Criterion ${n} has the same name as another`)
    seen.add(row.name.toLowerCase())
    const weight = wholeNumber(row.weight, `The weight of criterion ${n}`, 1, 100)
    if (weight === null) problems.add(weightField, `Enter a weight for criterion ${n}, from 1 to 100`)
    else if ('message' in weight) problems.add(weightField, weight.message)
    else criteria.push({ id: /^[0-9a-f-]{36}$/.test(row.id) ? row.id : null, name: row.name, weight: weight.value })
  }
  if (rows.length > CRITERIA_MAX) problems.add('criteria', `Set ${CRITERIA_MAX} criteria or fewer`)
  // The form always says which version it was opened at; a post without one did not come from it.
  if (readText(body, 'version', 12) === '') problems.add('criteria', 'Open the criteria form and save it from there')
  return problems.result(['criteria', ...order], criteria, body)
}

/** The fields of a balance form over these classes, in page order: planned and done for each, then the note. */
export function balanceFields(classes: readonly string[]): string[] {
  return classes.flatMap(c => [`${c}-planned`, `${c}-done`]).concat('note')
}

/**
 * A quarter's balance of work over any set of classes: <class>-planned and <class>-done for each
 * class, and a note. The backlog's four classes use it, and so does the portfolio's quadrant.
 */
export function readBalance<C extends string>(
  body: unknown,
  classes: readonly C[],
  labels: Record<C, string>,
): FormResult<{ counts: BalanceCounts<C>; note: string }> {
  const problems = new FormProblems()
  const counts = {} as BalanceCounts<C>
  for (const c of classes) {
    const entry = { planned: 0, done: 0 }
    for (const what of ['planned', 'done'] as const) {
      const name = `${c}-${what}`
      const label = `${labels[c]}: ${what}`
      const n = wholeNumber(readText(body, name, 20), label, 0, 10_000)
      if (n === null) problems.add(name, `Enter how much ${labels[c].toLowerCase()} work was ${what}, or 0`)
      else if ('message' in n) problems.add(name, n.message)
      else entry[what] = n.value
    }
    counts[c] = entry
  }
  const note = readText(body, 'note')
  if (note.length > 2000) problems.add('note', 'The note must be 2,000 characters or fewer')
  return problems.result(balanceFields(classes), { counts, note }, body)
}

/** A quarter's backlog work: <class>-planned and <class>-done for each class, and a note. */
export function readQuarter(body: unknown): FormResult<{ counts: ClassCounts; note: string }> {
  return readBalance(body, WORK_CLASSES, WORK_CLASS_LABELS)
}
