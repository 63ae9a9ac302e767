// The check-in forms. Their fields depend on the skills of the check-in: for each skill slug,
// `level-<slug>` (one of the four levels) and `evidence-<slug>` (the person) or `note-<slug>`
// (the line manager). Each form also carries the check-in's `version`, so a save from a stale
// tab is caught. Only lengths and known values are checked here; what each stage requires (a
// level for every skill) is the service's rule.
import { z } from 'zod'
import { LEVELS, type Level } from '../framework/framework.bundled.ts'
import { formText } from '../platform/forms.ts'
import type { AgreeInput, ReviewInput, SelfInput } from './pathway.service.ts'

export const TEXT_MAX = 2000

const levelSchema = z.preprocess(
  v => {
    const first = Array.isArray(v) ? v[0] : v
    return typeof first === 'string' && first !== '' ? first : undefined
  },
  z.enum(LEVELS, { message: 'Select a level from the list' }).optional(),
)

const versionSchema = z.preprocess(
  v => (Array.isArray(v) ? v[0] : v),
  z.coerce.number().int().min(0).max(1_000_000_000),
)

const actionSchema = z.preprocess(v => (Array.isArray(v) ? v[0] : v), z.enum(['save', 'submit']).catch('save'))

const text = (message: string) => formText(z.string().max(TEXT_MAX, { message }))

export interface SkillField {
  readonly slug: string
  readonly name: string
}

export interface ParsedForm<T> {
  value: T
  /** The check-in version the form was read at; -1 if the form did not say (treated as stale). */
  version: number
  /** Field name → message, for values no form would send or text that is too long. */
  errors: Record<string, string>
}

function fieldOf(body: unknown, name: string): unknown {
  if (typeof body !== 'object' || body === null) return undefined
  return Object.hasOwn(body, name) ? (body as Record<string, unknown>)[name] : undefined
}

function readLevel(body: unknown, name: string, errors: Record<string, string>): Level | null {
  const parsed = levelSchema.safeParse(fieldOf(body, name))
  if (parsed.success) return parsed.data ?? null
  errors[name] = 'Select a level from the list'
  return null
}

function readText(body: unknown, name: string, message: string, errors: Record<string, string>): string {
  const raw = fieldOf(body, name)
  const parsed = text(message).safeParse(raw)
  if (parsed.success) return parsed.data
  errors[name] = message
  // Keep what they typed, so they can shorten it.
  const first = Array.isArray(raw) ? raw[0] : raw
  return typeof first === 'string' ? first.replace(/\r\n/g, '\n').trim() : ''
}

function readVersion(body: unknown): number {
  const parsed = versionSchema.safeParse(fieldOf(body, 'version'))
  return parsed.success ? parsed.data : -1
}

/** The person's form: a level and evidence for each skill, and which button they pressed. */
export function readSelfForm(
  body: unknown,
  skills: readonly SkillField[],
): ParsedForm<SelfInput> & { submit: boolean } {
  const errors: Record<string, string> = {}
  const ratings: SelfInput['ratings'] = {}
  for (const skill of skills) {
    ratings[skill.slug] = {
      level: readLevel(body, `level-${skill.slug}`, errors),
      evidence: readText(
        body,
        `evidence-${skill.slug}`,
        `Evidence for ${skill.name} must be 2,000 characters or fewer`,
        errors,
      ),
    }
  }
  const action = actionSchema.parse(fieldOf(body, 'action'))
  return { value: { ratings }, version: readVersion(body), errors, submit: action === 'submit' }
}

/** The line manager's view: a level and a note for each skill. */
export function readReviewForm(body: unknown, skills: readonly SkillField[]): ParsedForm<ReviewInput> {
  const errors: Record<string, string> = {}
  const ratings: ReviewInput['ratings'] = {}
  for (const skill of skills) {
    ratings[skill.slug] = {
      level: readLevel(body, `level-${skill.slug}`, errors),
      note: readText(
        body,
        `note-${skill.slug}`,
        `Your note on ${skill.name} must be 2,000 characters or fewer`,
        errors,
      ),
    }
  }
  return { value: { ratings }, version: readVersion(body), errors }
}

/** The agreement: an agreed level and a note for each skill, and a note on the whole check-in. */
export function readAgreeForm(body: unknown, skills: readonly SkillField[]): ParsedForm<AgreeInput> {
  const errors: Record<string, string> = {}
  const ratings: AgreeInput['ratings'] = {}
  for (const skill of skills) {
    ratings[skill.slug] = {
      level: readLevel(body, `level-${skill.slug}`, errors),
      note: readText(body, `note-${skill.slug}`, `The note on ${skill.name} must be 2,000 characters or fewer`, errors),
    }
  }
  const note = readText(body, 'note', 'The overall note must be 2,000 characters or fewer', errors)
  return { value: { ratings, note }, version: readVersion(body), errors }
}

/** The order of fields on a check-in form, for the error summary. */
export function fieldOrder(skills: readonly SkillField[], second: 'evidence' | 'note'): string[] {
  return ['start', 'form', ...skills.flatMap(s => [`level-${s.slug}`, `${second}-${s.slug}`]), 'note']
}
