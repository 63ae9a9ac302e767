// The hypotheses forms: the statement (what changes, for whom, the outcome, and the metric, target
// and date that will show it) and its result. Every problem is found at once, in page order.
import { FormProblems, readChoice, readDateInput, readText, type FormResult } from '../../platform/forms.ts'
import { readPastedNumber } from '../metrics/metrics.paste.ts'
import { DECISIONS } from '../roadmap/roadmap.types.ts'
import { RESULTS, type HypothesisDetails, type ResultInput } from './hypotheses.types.ts'

export const HYPOTHESIS_FIELDS = ['change', 'audience', 'outcome', 'metricId', 'target', 'byDate', 'roadmapItemId']
export const RESULT_FIELDS = ['result', 'evidence', 'decision', 'decisionNote']

const LIMIT = 500

export function readHypothesis(body: unknown): FormResult<HypothesisDetails> {
  const problems = new FormProblems()
  const text = (name: string, enter: string, label: string) => {
    const value = readText(body, name)
    if (value === '') problems.add(name, `Enter ${enter}`)
    else if (value.length > LIMIT) problems.add(name, `${label} must be ${LIMIT} characters or fewer`)
    return value
  }
  const change = text('change', 'the change you will make', 'The change')
  const audience = text('audience', 'who it is for', 'Who it is for')
  const outcome = text('outcome', 'what you expect the change to do', 'What you expect the change to do')
  const metricId = readText(body, 'metricId', 64)
  if (metricId === '') problems.add('metricId', 'Choose the metric that will show it')
  const targetText = readText(body, 'target', 100)
  const target = targetText === '' ? null : readPastedNumber(targetText, true)
  if (targetText === '') problems.add('target', 'Enter the value the metric should reach')
  else if (target === null) problems.add('target', 'The target must be a number, such as 85 or 4.35')
  const byDate = problems.date(
    'byDate',
    readDateInput(body, 'byDate', {
      label: 'The date to reach it by',
      required: true,
      limits: [{ min: '2000-01-01', message: 'The date to reach it by must be in 2000 or later' }],
    }),
  )
  const roadmapItemId = readText(body, 'roadmapItemId', 64) || null
  const value =
    metricId && target !== null && byDate
      ? { change, audience, outcome, metricId, target, byDate, roadmapItemId }
      : undefined
  return problems.result(HYPOTHESIS_FIELDS, value, body)
}

/** A result; `forItem` when the hypothesis belongs to a roadmap item, which then needs a decision. */
export function readResult(body: unknown, forItem: boolean): FormResult<ResultInput> {
  const problems = new FormProblems()
  const result = readChoice(body, 'result', RESULTS)
  if (!result) problems.add('result', 'Choose whether it passed, failed or was inconclusive')
  const evidence = readText(body, 'evidence')
  if (evidence === '') problems.add('evidence', 'Enter the evidence for the result')
  else if (evidence.length > 5000) problems.add('evidence', 'The evidence must be 5,000 characters or fewer')
  const decision = forItem ? (readChoice(body, 'decision', DECISIONS) ?? null) : null
  if (forItem && !decision) problems.add('decision', 'Choose what to do with the roadmap item')
  const decisionNote = forItem ? readText(body, 'decisionNote') : ''
  if (decisionNote.length > 2000) problems.add('decisionNote', 'What you decided must be 2,000 characters or fewer')
  return problems.result(RESULT_FIELDS, result ? { result, evidence, decision, decisionNote } : undefined, body)
}
