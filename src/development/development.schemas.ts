// The forms of development plans, 1:1s and rotations: text fields through zod, dates typed as
// day, month and year (the GOV.UK date input) with the GOV.UK date error messages, and the
// query a suggested resource uses to prefill a new goal.
import { z } from 'zod'
import { addDays } from '../platform/dates.ts'
import { formErrors, formList, formText, zodMessages, type FormErrors } from '../platform/forms.ts'

export const GOAL_STATUSES = ['not-started', 'in-progress', 'done', 'dropped'] as const
export type GoalStatus = (typeof GOAL_STATUSES)[number]
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
}

/** GOV.UK phases of a service. */
export const PHASES = ['discovery', 'alpha', 'beta', 'live', 'retirement'] as const
export type Phase = (typeof PHASES)[number]
export const PHASE_LABELS: Record<Phase, string> = {
  discovery: 'Discovery',
  alpha: 'Alpha',
  beta: 'Beta',
  live: 'Live',
  retirement: 'Retirement',
}

/** Stages of a product's lifecycle. */
export const STAGES = ['introduction', 'growth', 'maturity', 'decline'] as const
export type Stage = (typeof STAGES)[number]
export const STAGE_LABELS: Record<Stage, string> = {
  introduction: 'Introduction',
  growth: 'Growth',
  maturity: 'Maturity',
  decline: 'Decline',
}

export const GOAL_FIELDS = ['status', 'title', 'measure', 'dueOn', 'skills']
export const NOTE_FIELDS = ['text']
export const MEETING_FIELDS = ['withId', 'heldOn', 'agenda', 'notes']
export const ACTION_FIELDS = ['actionText', 'ownerId', 'actionDueOn']
export const ROTATION_FIELDS = ['team', 'product', 'phase', 'stage', 'startedOn', 'endedOn']

const MAX_NOTE = 5000
const MAX_MEETING_TEXT = 20_000

// ---- Dates --------------------------------------------------------------------------------

export interface DateParts {
  day: string
  month: string
  year: string
}

/** The three boxes of a date input as typed, for putting back in the form. */
export function dateParts(body: unknown, name: string): DateParts {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const part = (suffix: string) => {
    const v = raw[`${name}-${suffix}`]
    const first = Array.isArray(v) ? v[0] : v
    return typeof first === 'string' ? first.trim().slice(0, 10) : ''
  }
  return { day: part('day'), month: part('month'), year: part('year') }
}

/** An ISO date (2026-11-24) as the three boxes of a date input. */
export function partsOf(iso: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '')
  return m
    ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' }
    : { day: '', month: '', year: '' }
}

export type DateResult = { ok: true; value: string | null } | { ok: false; message: string; parts: (keyof DateParts)[] }

/**
 * Reads a date typed as day, month and year. `what` names the date in messages ("the date the
 * goal is due by"); an empty optional date is null.
 */
export function readDate(parts: DateParts, what: string, label: string, required: boolean): DateResult {
  const missing = (['day', 'month', 'year'] as const).filter(k => parts[k] === '')
  if (missing.length === 3) {
    return required
      ? { ok: false, message: `Enter ${what}`, parts: ['day', 'month', 'year'] }
      : { ok: true, value: null }
  }
  if (missing.length > 0) {
    const names = missing.length === 1 ? `a ${missing[0]}` : `a ${missing[0]} and ${missing[1]}`
    return { ok: false, message: `${label} must include ${names}`, parts: missing }
  }
  const numbers = [parts.day, parts.month, parts.year].map(p => (/^\d+$/.test(p) ? Number(p) : NaN))
  const [day = NaN, month = NaN, year = NaN] = numbers
  if (parts.year.length !== 4 || Number.isNaN(year)) {
    return { ok: false, message: `${label} must be a real date, with a year of 4 numbers`, parts: ['year'] }
  }
  const date = new Date(Date.UTC(year, month - 1, day))
  if (
    Number.isNaN(day) ||
    Number.isNaN(month) ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return { ok: false, message: `${label} must be a real date`, parts: ['day', 'month', 'year'] }
  }
  if (year < 2000 || year > 2100) {
    return { ok: false, message: `${label} must be between the years 2000 and 2100`, parts: ['year'] }
  }
  return { ok: true, value: date.toISOString().slice(0, 10) }
}

/** Which boxes of each date field to mark as wrong, by field name. */
export type DateErrorParts = Record<string, (keyof DateParts)[]>

export interface FormResult<T> {
  ok: boolean
  value?: T
  errors?: FormErrors
  dateErrors: DateErrorParts
}

/** Combines text-field messages and date messages into one error summary, in field order. */
function combine<T>(
  messages: Record<string, string>,
  dateErrors: DateErrorParts,
  order: string[],
  value: T | undefined,
): FormResult<T> {
  if (Object.keys(messages).length === 0 && value !== undefined) return { ok: true, value, dateErrors: {} }
  const errors = formErrors(messages, order)
  // A date's error links to the first box that is wrong.
  const list = errors.list.map(e => {
    const name = e.href.slice(1)
    const first = dateErrors[name]?.[0]
    return first ? { ...e, href: `#${name}-${first}` } : e
  })
  return { ok: false, errors: { list, fields: errors.fields }, dateErrors }
}

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
  const messages: Record<string, string> = {}
  const dateErrors: DateErrorParts = {}
  const parsed = goalText.safeParse(body ?? {})
  if (!parsed.success) Object.assign(messages, zodMessages(parsed.error))
  const data = parsed.success ? parsed.data : null

  let status: GoalStatus = 'not-started'
  if (o.mode === 'edit') {
    const s = data?.status ?? ''
    if ((GOAL_STATUSES as readonly string[]).includes(s)) status = s as GoalStatus
    else messages.status = 'Select the status of the goal'
  }

  const due = readDate(dateParts(body, 'dueOn'), 'the date the goal is due by', 'The date the goal is due by', true)
  if (!due.ok) {
    messages.dueOn = due.message
    dateErrors.dueOn = due.parts
  } else if (o.mode === 'new' && due.value !== null && due.value < o.today) {
    messages.dueOn = 'The date the goal is due by must be today or in the future'
    dateErrors.dueOn = ['day', 'month', 'year']
  }

  const chosen = formList.safeParse((body as Record<string, unknown> | null)?.skills)
  const skills = chosen.success ? chosen.data : []
  if (!chosen.success || !skills.every(s => o.skills.includes(s))) messages.skills = 'Select skills from the list'

  const source = safeSource(data?.sourceTitle, data?.sourceUrl)
  if (data?.sourceUrl && !source.sourceUrl) messages.title ??= 'The link to the suggested resource is not valid'

  let version: number | null = null
  if (o.mode === 'edit') {
    if (data?.version && /^\d+$/.test(data.version)) version = Number(data.version)
    else messages.title ??= 'The form is out of date. Reload the page and try again'
  }

  const value =
    data && due.ok && due.value !== null
      ? {
          title: data.title,
          measure: data.measure,
          dueOn: due.value,
          skills: [...new Set(skills)],
          status,
          ...source,
          version,
        }
      : undefined
  return combine(messages, dateErrors, GOAL_FIELDS, value)
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
  const messages: Record<string, string> = {}
  const dateErrors: DateErrorParts = {}
  const parsed = meetingText.safeParse(body ?? {})
  if (!parsed.success) Object.assign(messages, zodMessages(parsed.error))
  const data = parsed.success ? parsed.data : null

  let withId = ''
  if (o.mode === 'new') {
    const chosen = data?.withId ?? ''
    if (o.withChoices.includes(chosen)) withId = chosen
    else if (o.withChoices.length === 1 && chosen === '') withId = o.withChoices[0] ?? ''
    else messages.withId = 'Select who the 1:1 is with'
  }

  const held = readDate(dateParts(body, 'heldOn'), 'the date of the 1:1', 'The date of the 1:1', true)
  if (!held.ok) {
    messages.heldOn = held.message
    dateErrors.heldOn = held.parts
  } else if (held.value !== null && held.value > addDays(o.today, 366)) {
    messages.heldOn = 'The date of the 1:1 must be within the next year'
    dateErrors.heldOn = ['year']
  }

  let version: number | null = null
  if (o.mode === 'edit') {
    if (data?.version && /^\d+$/.test(data.version)) version = Number(data.version)
    else messages.agenda ??= 'The form is out of date. Reload the page and try again'
  }

  const value =
    data && held.ok && held.value !== null
      ? { withId, heldOn: held.value, agenda: data.agenda, notes: data.notes, version }
      : undefined
  return combine(messages, dateErrors, MEETING_FIELDS, value)
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
  const messages: Record<string, string> = {}
  const dateErrors: DateErrorParts = {}
  const parsed = actionText.safeParse(body ?? {})
  if (!parsed.success) Object.assign(messages, zodMessages(parsed.error))
  const data = parsed.success ? parsed.data : null
  if (!owners.includes(data?.ownerId ?? '') && !messages.ownerId) messages.ownerId = 'Select who will do the action'
  const due = readDate(dateParts(body, 'actionDueOn'), 'the date the action is due by', 'The due date', true)
  if (!due.ok) {
    messages.actionDueOn = due.message
    dateErrors.actionDueOn = due.parts
  }
  const value =
    data && due.ok && due.value !== null
      ? { text: data.actionText, ownerId: data.ownerId, dueOn: due.value }
      : undefined
  return combine(messages, dateErrors, ACTION_FIELDS, value)
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
  const messages: Record<string, string> = {}
  const dateErrors: DateErrorParts = {}
  const parsed = rotationText.safeParse(body ?? {})
  if (!parsed.success) Object.assign(messages, zodMessages(parsed.error))
  const started = readDate(dateParts(body, 'startedOn'), 'the date the placement started', 'The start date', true)
  if (!started.ok) {
    messages.startedOn = started.message
    dateErrors.startedOn = started.parts
  }
  const ended = readDate(dateParts(body, 'endedOn'), 'the date the placement ended', 'The end date', false)
  if (!ended.ok) {
    messages.endedOn = ended.message
    dateErrors.endedOn = ended.parts
  } else if (started.ok && started.value && ended.value && ended.value < started.value) {
    messages.endedOn = 'The end date must be the same as or after the start date'
    dateErrors.endedOn = ['day', 'month', 'year']
  }
  const value =
    parsed.success && started.ok && started.value !== null && ended.ok
      ? { ...parsed.data, startedOn: started.value, endedOn: ended.value }
      : undefined
  return combine(messages, dateErrors, ROTATION_FIELDS, value)
}

// ---- Shared -------------------------------------------------------------------------------
