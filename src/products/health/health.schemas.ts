// The health check's form: an answer from 1 to 5 for each statement, every one needed.
import { FormProblems, readChoice, type FormResult } from '../../platform/forms.ts'
import { DYSFUNCTIONS, DYSFUNCTION_INFO, type HealthAnswers } from './health.types.ts'

export const ANSWER_FIELDS = [...DYSFUNCTIONS]

export function readAnswers(body: unknown): FormResult<HealthAnswers> {
  const problems = new FormProblems()
  const answers = {} as HealthAnswers
  for (const d of DYSFUNCTIONS) {
    const chosen = readChoice(body, d, ['1', '2', '3', '4', '5'])
    if (!chosen)
      problems.add(d, `Choose how far you agree with the statement about ${DYSFUNCTION_INFO[d].short.toLowerCase()}`)
    else answers[d] = Number(chosen)
  }
  return problems.result(ANSWER_FIELDS, answers, body)
}
