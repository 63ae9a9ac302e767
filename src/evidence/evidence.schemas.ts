// Reading the evidence pack's forms: the role a pack is for, one skill's picks and STAR example,
// (and any more), and the email address of someone to share it with. Every problem is shown at once.
import { FormProblems, readChoice, readChoices, readText, type FormResult } from '../platform/forms.ts'
import { MAX_EXAMPLES, STAR_PARTS, skillProblems, starFieldName } from './evidence.service.ts'
import type { SkillInput } from './evidence.types.ts'

const SLOTS = Array.from({ length: MAX_EXAMPLES }, (_v, i) => i + 1)

/** The skill form's fields in page order, for the error summary: the picks, then each example's parts. */
export const SKILL_FIELDS = ['picked', ...SLOTS.flatMap(slot => STAR_PARTS.map(p => starFieldName(p.name, slot)))]

/** The version a form was opened at: a whole number, or null when the form did not say. */
export function readVersion(body: unknown): number | null {
  const posted = readText(body, 'version', 12)
  return /^\d+$/.test(posted) ? Number(posted) : null
}

export function readRoleForm(body: unknown, roles: readonly string[]): FormResult<{ role: string }> {
  const problems = new FormProblems()
  const role = readChoice(body, 'role', roles)
  if (!role) problems.add('role', 'Select the role you are going for')
  return problems.result(['role'], role ? { role } : undefined, body)
}

/**
 * One skill of a pack: the check-in evidence picked (from `offered`, the check-ins with evidence
 * for the skill) and the four parts of the STAR example.
 */
export function readSkillForm(
  body: unknown,
  offered: readonly string[],
): FormResult<{ input: SkillInput; version: number }> {
  const problems = new FormProblems()
  const picks = readChoices(body, 'picked', offered)
  const input: SkillInput = {
    picked: picks.chosen,
    situation: readText(body, 'situation'),
    task: readText(body, 'task'),
    action: readText(body, 'action'),
    result: readText(body, 'result'),
    // Further examples: every slot the form can have, empty ones included (the service drops them).
    more: SLOTS.slice(1).map(slot => ({
      situation: readText(body, starFieldName('situation', slot)),
      task: readText(body, starFieldName('task', slot)),
      action: readText(body, starFieldName('action', slot)),
      result: readText(body, starFieldName('result', slot)),
    })),
  }
  problems.addAll(skillProblems(input, offered))
  const version = readVersion(body)
  if (version === null) problems.add('form', 'Something went wrong with the form: open it again and try once more')
  return problems.result(SKILL_FIELDS, version === null ? undefined : { input, version }, body)
}

export function readShareForm(body: unknown): FormResult<{ email: string }> {
  const problems = new FormProblems()
  const email = readText(body, 'email', 320)
  if (email === '') problems.add('email', 'Enter the email address of the person to share it with')
  else if (!/^[^\s@]+@[^\s@]+$/.test(email))
    problems.add('email', 'Enter an email address in the correct format, like name@example.com')
  return problems.result(['email'], email === '' ? undefined : { email }, body)
}
