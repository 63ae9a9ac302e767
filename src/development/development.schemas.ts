// The forms of development plans, 1:1s and rotations: text fields through zod, dates through the
// platform's GOV.UK date input reader, and the query a suggested resource uses to prefill a new goal.
import { z } from 'zod'
import { addDays } from '../platform/dates.ts'
import { FormProblems, formText, readChoices, readDateInput, type FormResult } from '../platform/forms.ts'

export const GOAL_STATUSES = ['not-started', 'in-progress', 'done', 'dropped'] as const
export type GoalStatus = (typeof GOAL_STATUSES)[number]
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
}

// GOV.UK phases and lifecycle stages: the catalogue's words, shared with rotations.
import { PHASES, STAGES, type Phase, type Stage } from '../products/products.types.ts'
export { PHASES, PHASE_LABELS, STAGES, STAGE_LABELS, type Phase, type Stage } from '../products/products.types.ts'

export const GOAL_FIELDS = ['status', 'title', 'measure', 'dueOn', 'skills']
export const NOTE_FIELDS = ['text']
export const MEETING_FIELDS = ['withId', 'heldOn', 'agenda', 'notes']
export const ACTION_FIELDS = ['actionText', 'ownerId', 'actionDueOn']
export const ROTATION_FIELDS = ['team', 'product', 'phase', 'stage', 'startedOn', 'endedOn']

const MAX_NOTE = 5000
const MAX_MEETING_TEXT = 20_000

/** Dates in plans, 1:1s and rotations fall in these years. */
const YEARS_LIMIT = (label: string) => ({
  min: '2000-01-01',
  max: '2100-12-31',
  message: `${label} must be between the years 2000 and 2100`,
  parts: ['year'] as const,
})

// ---- Goals --------------------------------------------------------------------------------

const goalText = z.object({
  title: formText(
    z
      .string()
      .min(1, { message: 'Enter a title for the goal' })
      .max(150, { message: 'Title must be 150 characters or fewer' }),
  ),
  measure: formText(
    z
      .string()
      .min(1, { message: 'Enter how you will know you have achieved it' })
      .max(1000, { message: 'How you will know you have achieved it must be 1,000 characters or fewer' }),
  ),
  status: formText(z.string().max(20)).optional(),
  sourceTitle: formText(z.string().max(200)).optional(),
  sourceUrl: formText(z.string().max(1000)).optional(),
  version: formText(z.string().max(12)).optional(),
})

export interface GoalForm {
  title: string
  measure: string
  dueOn: string
  skills: string[]
  status: GoalStatus
  sourceTitle: string | null
  sourceUrl: string | null
  version: number | null
}

/**
 * Reads the goal form. `skills` lists the slugs that may be chosen; on a new goal the date must
 * not be in the past (`today`), and the status is not asked.
 */
export function parseGoalForm(
  body: unknown,
  o: { skills: readonly string[]; today: string; mode: 'new' | 'edit' },
): FormResult<GoalForm> {
  const problems = new FormProblems()
  const data = problems.parse(goalText, body)

  let status: GoalStatus = 'not-started'
  if (o.mode === 'edit') {
    const s = data?.status ?? ''
    if ((GOAL_STATUSES as readonly string[]).includes(s)) status = s as GoalStatus
    else problems.add('status', 'Select the status of the goal')
  }

  const dueOn = problems.date(
    'dueOn',
    readDateInput(body, 'dueOn', {
      label: 'The date the goal is due by',
      limits: [
        YEARS_LIMIT('The date the goal is due by'),
        ...(o.mode === 'new'
          ? [{ min: o.today, message: 'The date the goal is due by must be today or in the future' }]
          : []),
      ],
    }),
  )

  const skills = readChoices(body, 'skills', o.skills)
  if (skills.unknown.length > 0) problems.add('skills', 'Select skills from the list')

  const source = safeSource(data?.sourceTitle, data?.sourceUrl)
  if (data?.sourceUrl && !source.sourceUrl) problems.add('title', 'The link to the suggested resource is not valid')

  let version: number | null = null
  if (o.mode === 'edit') {
    if (data?.version && /^\d+$/.test(data.version)) version = Number(data.version)
    else problems.add('title', 'The form is out of date. Reload the page and try again')
  }

  const value =
    data && typeof dueOn === 'string'
      ? { title: data.title, measure: data.measure, dueOn, skills: skills.chosen, status, ...source, version }
      : undefined
  return problems.result(GOAL_FIELDS, value, body)
}

/** A link to a suggested resource may go to the web over https, or to a page of the handbook. */
export function isSafeSourceUrl(url: string): boolean {
  if (url.length > 1000 || /[\s<>"'\\]/.test(url)) return false
  if (url.startsWith('/handbook/')) return /^\/handbook\/[a-z0-9-]+(?:#[A-Za-z0-9_-]+)?$/.test(url)
  if (!url.startsWith('https://')) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.hostname !== '' && !parsed.username && !parsed.password
  } catch {
    return false
  }
}

function safeSource(title: string | undefined, url: string | undefined) {
  const sourceUrl = url && isSafeSourceUrl(url) ? url : null
  const sourceTitle = sourceUrl ? (title ?? '').slice(0, 200) || sourceUrl : null
  return { sourceTitle, sourceUrl }
}

export interface GoalPrefill {
  title: string
  skills: string[]
  sourceTitle: string | null
  sourceUrl: string | null
  skill: string | null
}

/**
 * What a link from a suggested handbook page or resource may put in a new goal:
 * ?skill=<slug>&title=<text>&sourceTitle=<text>&sourceUrl=<url>. Anything unknown, too long or
 * unsafe is left out rather than refused, so a stale link still opens the form.
 */
export function readGoalPrefill(query: unknown, skills: readonly string[]): GoalPrefill {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>
  const text = (name: string, max: number) => {
    const v = q[name]
    const first = Array.isArray(v) ? v[0] : v
    if (typeof first !== 'string') return ''
    const trimmed = first.replace(/[\r\n\t]+/g, ' ').trim()
    return trimmed.length <= max ? trimmed : ''
  }
  const skill = text('skill', 100)
  const known = skills.includes(skill) ? skill : null
  const source = safeSource(text('sourceTitle', 200) || undefined, text('sourceUrl', 1000) || undefined)
  return { title: text('title', 150), skills: known ? [known] : [], ...source, skill: known }
}

/**
 * The link to the new-goal form, prefilled from a suggested handbook page or resource: the
 * contract other pages (such as the pathway's gap list) use to start a goal.
 */
export function goalPrefillHref(
  personId: string,
  o: { skill: string; title: string; sourceTitle: string; sourceUrl: string },
): string {
  const query = new URLSearchParams({
    skill: o.skill,
    title: o.title,
    sourceTitle: o.sourceTitle,
    sourceUrl: o.sourceUrl,
  })
  return `/people/${personId}/plan/goals/new?${query.toString()}`
}

export const noteSchema = z.object({
  text: formText(
    z
      .string()
      .min(1, { message: 'Enter a progress note' })
      .max(MAX_NOTE, { message: `Progress note must be ${MAX_NOTE.toLocaleString('en-GB')} characters or fewer` }),
  ),
})

// ---- 1:1s ---------------------------------------------------------------------------------

const meetingText = z.object({
  withId: formText(z.string().max(64)).optional(),
  agenda: formText(
    z.string().max(MAX_MEETING_TEXT, {
      message: `Agenda must be ${MAX_MEETING_TEXT.toLocaleString('en-GB')} characters or fewer`,
    }),
  ),
  notes: formText(
    z.string().max(MAX_MEETING_TEXT, {
      message: `Notes must be ${MAX_MEETING_TEXT.toLocaleString('en-GB')} characters or fewer`,
    }),
  ),
  version: formText(z.string().max(12)).optional(),
})

export interface MeetingForm {
  withId: string
  heldOn: string
  agenda: string
  notes: string
  version: number | null
}

/** Reads the 1:1 form. `withChoices` are the ids the other person may be (new 1:1s only). */
export function parseMeetingForm(
  body: unknown,
  o: { mode: 'new' | 'edit'; withChoices: readonly string[]; today: string },
): FormResult<MeetingForm> {
  const problems = new FormProblems()
  const data = problems.parse(meetingText, body)

  let withId = ''
  if (o.mode === 'new') {
    const chosen = data?.withId ?? ''
    if (o.withChoices.includes(chosen)) withId = chosen
    else if (o.withChoices.length === 1 && chosen === '') withId = o.withChoices[0] ?? ''
    else problems.add('withId', 'Select who the 1:1 is with')
  }

  const heldOn = problems.date(
    'heldOn',
    readDateInput(body, 'heldOn', {
      label: 'The date of the 1:1',
      limits: [
        YEARS_LIMIT('The date of the 1:1'),
        { max: addDays(o.today, 366), message: 'The date of the 1:1 must be within the next year', parts: ['year'] },
      ],
    }),
  )

  let version: number | null = null
  if (o.mode === 'edit') {
    if (data?.version && /^\d+$/.test(data.version)) version = Number(data.version)
    else problems.add('agenda', 'The form is out of date. Reload the page and try again')
  }

  const value =
    data && typeof heldOn === 'string' ? { withId, heldOn, agenda: data.agenda, notes: data.notes, version } : undefined
  return problems.result(MEETING_FIELDS, value, body)
}

const actionText = z.object({
  actionText: formText(
    z.string().min(1, { message: 'Enter the action' }).max(500, { message: 'Action must be 500 characters or fewer' }),
  ),
  ownerId: formText(z.string().max(64)),
})

export interface ActionForm {
  text: string
  ownerId: string
  dueOn: string
}

/** Reads the form that adds an action to a 1:1; the owner is one of the two people in it. */
export function parseActionForm(body: unknown, owners: readonly string[]): FormResult<ActionForm> {
  const problems = new FormProblems()
  const data = problems.parse(actionText, body)
  if (!owners.includes(data?.ownerId ?? '')) problems.add('ownerId', 'Select who will do the action')
  const dueOn = problems.date(
    'actionDueOn',
    readDateInput(body, 'actionDueOn', {
      label: 'The due date',
      enter: 'the date the action is due by',
      limits: [YEARS_LIMIT('The due date')],
    }),
  )
  const value = data && typeof dueOn === 'string' ? { text: data.actionText, ownerId: data.ownerId, dueOn } : undefined
  return problems.result(ACTION_FIELDS, value, body)
}

// ---- Rotations ----------------------------------------------------------------------------

const rotationText = z.object({
  team: formText(
    z.string().min(1, { message: 'Enter the team' }).max(120, { message: 'Team must be 120 characters or fewer' }),
  ),
  product: formText(
    z
      .string()
      .min(1, { message: 'Enter the product or service' })
      .max(120, { message: 'Product or service must be 120 characters or fewer' }),
  ),
  phase: formText(z.enum(PHASES, { message: 'Select the phase the product was in' })),
  stage: formText(z.enum(STAGES, { message: 'Select the lifecycle stage the product was in' })),
})

export interface RotationForm {
  team: string
  product: string
  phase: Phase
  stage: Stage
  startedOn: string
  endedOn: string | null
}

export function parseRotationForm(body: unknown): FormResult<RotationForm> {
  const problems = new FormProblems()
  const data = problems.parse(rotationText, body)
  const startedOn = problems.date(
    'startedOn',
    readDateInput(body, 'startedOn', {
      label: 'The start date',
      enter: 'the date the placement started',
      limits: [YEARS_LIMIT('The start date')],
    }),
  )
  const endedOn = problems.date(
    'endedOn',
    readDateInput(body, 'endedOn', {
      label: 'The end date',
      enter: 'the date the placement ended',
      required: false,
      limits: [
        YEARS_LIMIT('The end date'),
        ...(startedOn ? [{ min: startedOn, message: 'The end date must be the same as or after the start date' }] : []),
      ],
    }),
  )
  const value =
    data && typeof startedOn === 'string' && endedOn !== undefined ? { ...data, startedOn, endedOn } : undefined
  return problems.result(ROTATION_FIELDS, value, body)
}

// ---- Shared -------------------------------------------------------------------------------
