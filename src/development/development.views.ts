// The development pages' presenters: pure functions from what the service returns to what the
// templates show (a person's tabs, the goal, 1:1 and placement forms, lists of 1:1s and actions).
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Person } from '../people/people.types.ts'
import type { DateParts, FormErrors } from '../platform/forms.ts'
import { formatDateTime } from '../platform/http/filters.ts'
import type { GoalNote, Meeting, MeetingAction, MeetingSummary, Rotation } from './development.repository.ts'
import {
  GOAL_STATUSES,
  GOAL_STATUS_LABELS,
  PHASES,
  PHASE_LABELS,
  STAGES,
  STAGE_LABELS,
  goalPrefillHref,
  isSafeSourceUrl,
} from './development.schemas.ts'
import type { DevelopmentService, GoalView, OverviewRow, Partner, SkillRef } from './development.service.ts'
import { canSeeOneToOnes, canSeePathway, canSeePlan, canSeeRotations } from './development.policy.ts'

type Values = Record<string, unknown>

/** Tabs between the parts of a person's development the viewer may see; none when there is only one. */
export function personNav(viewer: Viewer, person: Person, current: 'plan' | 'one-to-ones' | 'rotations') {
  const items = [
    // The associated senior sees the plan but not the pathway and its check-ins.
    canSeePathway(viewer, person) && { key: 'pathway', text: 'Pathway', href: `/people/${person.id}/pathway` },
    canSeePlan(viewer, person) && { key: 'plan', text: 'Development plan', href: `/people/${person.id}/plan` },
    canSeeOneToOnes(viewer, person) && { key: 'one-to-ones', text: '1:1s', href: `/people/${person.id}/one-to-ones` },
    canSeeRotations(viewer, person) &&
      person.careerRole === 'associate-product-manager' && {
        key: 'rotations',
        text: 'Rotations',
        href: `/people/${person.id}/rotations`,
      },
  ].filter((i): i is { key: string; text: string; href: string } => Boolean(i))
  return items.length > 1 ? items.map(i => ({ text: i.text, href: i.href, active: i.key === current })) : null
}

/** Which service navigation item is current: the person's own pathway, or their manager's team. */
export const navFor = (viewer: Viewer, person: Person) =>
  viewer.user.id === person.id ? 'pathway' : viewer.user.id === person.lineManagerId ? 'team' : undefined

/** The person a page is about, with their role's name, and whether it is the viewer's own page. */
export function personHeading(viewer: Viewer, person: Person, roleName: (slug: string) => string) {
  return {
    person: { ...person, roleName: person.careerRole ? roleName(person.careerRole) : null },
    self: viewer.user.id === person.id,
  }
}

/** Checkboxes for the skills a goal may link to; a retired skill says so. */
export function skillItems(skills: readonly SkillRef[], selected: readonly string[]) {
  return skills.map(s => ({
    value: s.slug,
    text: s.retired ? `${s.name} (retired)` : s.name,
    checked: selected.includes(s.slug),
  }))
}

export interface GoalFormInput {
  mode: 'new' | 'edit'
  person: Person
  values: Values
  skills: string[]
  due: DateParts
  goal?: GoalView | undefined
  errors?: FormErrors | undefined
  conflict?: { latest: GoalView; yours: Values } | undefined
  suggestions?: Awaited<ReturnType<DevelopmentService['suggestionsFor']>> | undefined
  suggestedSkill?: SkillRef | null | undefined
}

/**
 * The goal form: skills to link, statuses, the due date, and (for a new goal started from a
 * skill) handbook pages and resources that fill the form in when chosen.
 */
export function goalFormView(o: GoalFormInput, skills: readonly SkillRef[]) {
  const skillNames = new Map(skills.map(s => [s.slug, s.name]))
  const suggested = o.suggestedSkill ?? null
  const prefill = (title: string, sourceUrl: string) =>
    suggested ? goalPrefillHref(o.person.id, { skill: suggested.slug, title, sourceTitle: title, sourceUrl }) : null
  return {
    pageTitle: o.mode === 'new' ? 'Add a goal' : 'Change a goal',
    mode: o.mode,
    goal: o.goal,
    values: o.values,
    errors: o.errors,
    due: o.due,
    skillItems: skillItems(skills, o.skills),
    statusItems: GOAL_STATUSES.map(s => ({ value: s, text: GOAL_STATUS_LABELS[s], checked: o.values.status === s })),
    conflict: o.conflict
      ? {
          latest: o.conflict.latest,
          yours: {
            ...o.conflict.yours,
            statusLabel: GOAL_STATUS_LABELS[o.conflict.yours.status as keyof typeof GOAL_STATUS_LABELS] ?? '',
            skillNames: o.skills.map(s => skillNames.get(s) ?? s),
          },
        }
      : null,
    suggestions: (o.suggestions ?? []).map(page => ({
      ...page,
      href: prefill(page.title, `/handbook/${page.slug}`),
      resources: page.resources.map(r => ({ ...r, href: isSafeSourceUrl(r.url) ? prefill(r.title, r.url) : null })),
    })),
    suggestedSkill: suggested,
    skillOptions: [{ value: '', text: 'Choose a skill' }].concat(
      skills.filter(s => !s.retired).map(s => ({ value: s.slug, text: s.name, selected: s.slug === suggested?.slug })),
    ),
  }
}

/** A goal's progress notes for the history list, newest first as the service gives them. */
export function noteItems(notes: readonly GoalNote[]) {
  return notes.map(n => ({
    title: 'Progress note',
    byline: `by ${n.authorName}`,
    datetime: n.createdAt,
    dateText: formatDateTime(n.createdAt),
    text: n.text,
  }))
}

/** A person's 1:1s: the ones to come, soonest first, then the ones held, latest first. */
export function oneToOnesView(
  meetings: readonly MeetingSummary[],
  today: string,
  visible: (m: MeetingSummary) => boolean,
) {
  const rows = meetings.map(m => ({ ...m, visible: visible(m), upcoming: m.heldOn > today }))
  return { upcoming: rows.filter(r => r.upcoming).reverse(), past: rows.filter(r => !r.upcoming) }
}

export interface MeetingFormInput {
  mode: 'new' | 'edit'
  viewer: Viewer
  person: Person
  values: Values
  held: DateParts
  meeting?: Meeting | undefined
  errors?: FormErrors | undefined
  conflict?: Meeting | undefined
}

/** The 1:1 form: who it is with (for a new one), when it was held, the agenda and notes. */
export function meetingFormView(o: MeetingFormInput, partners: readonly Partner[], choices: readonly string[]) {
  const me = o.viewer.user.id
  return {
    pageTitle: o.mode === 'new' ? 'Record a 1:1' : 'Change the record of a 1:1',
    mode: o.mode,
    meeting: o.meeting,
    other: o.meeting ? (me === o.meeting.personId ? o.meeting.withName : o.meeting.personName) : null,
    withOptions: partners
      .filter(p => choices.includes(p.id))
      .map(p => ({
        value: p.id,
        text: p.id === me ? `You (${p.relationship})` : p.name,
        hint: { text: `${me === o.person.id ? 'Your' : 'Their'} ${p.relationship}` },
        checked: o.values.withId === p.id,
      })),
    values: o.values,
    errors: o.errors,
    held: o.held,
    conflict: o.conflict,
  }
}

/** One 1:1: the other person, its actions (open ones past their date are overdue) and the form to add one. */
export function meetingView(
  viewer: Viewer,
  meeting: Meeting,
  actions: readonly MeetingAction[],
  o: {
    today: string
    values: Values
    actionDue: DateParts
    errors?: FormErrors | undefined
  },
) {
  return {
    meeting,
    other: viewer.user.id === meeting.personId ? meeting.withName : meeting.personName,
    actions: actions.map(a => ({ ...a, overdue: a.status === 'open' && a.dueOn !== null && a.dueOn < o.today })),
    ownerItems: [
      { id: meeting.personId, name: meeting.personName },
      { id: meeting.withId, name: meeting.withName },
    ].map(p => ({
      value: p.id,
      text: p.id === viewer.user.id ? `You (${p.name})` : p.name,
      checked: o.values.ownerId === p.id,
    })),
    actionDue: o.actionDue,
    values: o.values,
    errors: o.errors,
  }
}

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`)

/**
 * What needs the manager's attention, in one true sentence: who is overdue a 1:1 and who has
 * never had one (both need one now).
 */
export function oneToOneAttention(overdue: number, never: number): string {
  if (overdue && never)
    return `${people(overdue)} ${overdue === 1 ? 'is' : 'are'} overdue a 1:1, and ${people(never)} ${never === 1 ? 'has' : 'have'} not had one yet.`
  if (overdue) return `${people(overdue)} ${overdue === 1 ? 'is' : 'are'} overdue a 1:1.`
  if (never) return `${people(never)} ${never === 1 ? 'has' : 'have'} not had a 1:1 yet.`
  return 'Everyone has had a 1:1 recently enough: nobody is overdue.'
}

/** A manager's 1:1s with their people: each person's role by name, and who needs a 1:1 now. */
export function overviewView(rows: readonly OverviewRow[], roleName: (slug: string) => string) {
  const overdueCount = rows.filter(r => r.cadence.status === 'overdue').length
  const neverCount = rows.filter(r => r.cadence.status === 'none').length
  return {
    rows: rows.map(r => ({ ...r, roleName: r.person.careerRole ? roleName(r.person.careerRole) : '' })),
    overdueCount,
    neverCount,
    attention: oneToOneAttention(overdueCount, neverCount),
  }
}

export interface RotationFormInput {
  rotation?: Rotation | undefined
  values: Values
  started: DateParts
  ended: DateParts
  errors?: FormErrors | undefined
}

/** The placement form: team, product, its phase and lifecycle stage, and when it started and ended. */
export function rotationFormView(o: RotationFormInput) {
  return {
    pageTitle: o.rotation ? 'Change a placement' : 'Add a placement',
    rotation: o.rotation,
    values: o.values,
    errors: o.errors,
    phaseItems: PHASES.map(p => ({ value: p, text: PHASE_LABELS[p], checked: o.values.phase === p })),
    stageItems: STAGES.map(s => ({ value: s, text: STAGE_LABELS[s], checked: o.values.stage === s })),
    started: o.started,
    ended: o.ended,
  }
}
