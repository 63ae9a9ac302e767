// Peer feedback's forms: asking (colleagues, skills, a note), answering (a text per skill), and the
// version each form was opened at. Lengths are the service's rules, so every problem shows at once.
import { readChoices, readText } from '../platform/forms.ts'
import type { AnswerInput, AskInput, Skill } from './feedback.service.ts'

export const ASK_FIELDS = ['colleagues', 'skills', 'note']

export function readAskForm(body: unknown): AskInput {
  return {
    colleagues: readChoices(body, 'colleagues').chosen,
    skills: readChoices(body, 'skills').chosen,
    note: readText(body, 'note'),
  }
}

export function readAnswerForm(body: unknown, skills: readonly Skill[]): AnswerInput {
  return { answers: Object.fromEntries(skills.map(s => [s.slug, readText(body, `answer-${s.slug}`)])) }
}

export const answerFields = (skills: readonly Skill[]) => skills.map(s => `answer-${s.slug}`)

/** The version a form was opened at; -1 when it did not say (treated as stale). */
export function readVersion(body: unknown): number {
  const n = Number(readText(body, 'version', 20))
  return readText(body, 'version', 20) !== '' && Number.isInteger(n) && n >= 0 ? n : -1
}
