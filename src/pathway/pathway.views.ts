// The pathway pages' presenters: pure functions from what the service returns to what the
// templates show (a person's pathway, a check-in, and the skills on each check-in form).
import { LEVEL_NAMES, LEVELS, type Level } from '../framework/framework.bundled.ts'
import type { Person } from '../people/people.types.ts'
import type { Viewer } from './pathway.policy.ts'
import { radarSvg } from './pathway.radar.ts'
import {
  STATUS_LABELS,
  levelName,
  type CheckinDetail,
  type CheckinStatus,
  type PathwayView,
} from './pathway.service.ts'

const STATUS_TAGS: Record<CheckinStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  reviewed: 'govuk-tag--purple',
  agreed: 'govuk-tag--green',
}

/** govukTag's parameters for a check-in's status. */
export const statusTag = (status: CheckinStatus) => ({ text: STATUS_LABELS[status], classes: STATUS_TAGS[status] })

/** The address of a check-in, or of one of its pages. */
export const checkinPath = (personId: string, checkinId: string, part = '') =>
  `/people/${personId}/check-ins/${checkinId}${part ? `/${part}` : ''}`

/** The radios of the four levels, each with its descriptor as the hint when there is one. */
export function levelItems(descriptors: Record<Level, string> | null, selected: Level | null | undefined) {
  return LEVELS.map(level => ({
    value: level,
    text: LEVEL_NAMES[level],
    hint: descriptors ? { text: descriptors[level] } : undefined,
    checked: selected === level,
  }))
}

/** Who the page is about, and whether it is the viewer's own. */
export const personHeading = (viewer: Viewer, person: Pick<Person, 'id' | 'name'>) => ({
  person: { id: person.id, name: person.name },
  self: viewer.user.id === person.id,
})

/** The heading of every check-in page: whose it is, its status and the framework version it uses. */
export const checkinHeading = (viewer: Viewer, detail: CheckinDetail) => ({
  ...personHeading(viewer, detail.person),
  checkin: {
    ...detail.checkin,
    tag: statusTag(detail.checkin.status),
    path: checkinPath(detail.person.id, detail.checkin.id),
  },
  roleName: detail.roleName,
  version: { number: detail.version.number, name: detail.version.name },
  isCurrentVersion: detail.isCurrentVersion,
})

/** A person's pathway: the charts, each skill's levels by name, the gaps, and past and open check-ins. */
export function pathwayView(view: Extract<PathwayView, { hasProfile: true }>, personId: string) {
  const open = view.open
  return {
    view,
    charts: view.radars.map(r => ({ title: r.title, id: r.id, svg: radarSvg(r) })),
    rows: view.rows.map(r => ({
      name: r.skill.name,
      self: levelName(r.self),
      agreed: levelName(r.agreed),
      expectedCurrent: levelName(r.expectedCurrent),
      expectedNext: levelName(r.expectedNext),
    })),
    gaps: view.gaps.map(g => ({ ...g, agreedName: levelName(g.agreed), expectedName: LEVEL_NAMES[g.expected] })),
    history: view.history.map(h => ({
      ...h,
      tag: statusTag(h.checkin.status),
      path: checkinPath(personId, h.checkin.id),
    })),
    open: open ? { ...open, tag: statusTag(open.status), path: checkinPath(personId, open.id) } : null,
  }
}

/**
 * A check-in's skills with every level by name, and the descriptor of the level shown: the agreed
 * one once agreed, else the person's own when the viewer may see it.
 */
export function checkinSkills(detail: CheckinDetail, showSelf: boolean) {
  const { checkin } = detail
  return detail.skills.map(s => {
    const shownLevel = checkin.status === 'agreed' ? s.rating.agreedLevel : showSelf ? s.rating.selfLevel : null
    return {
      ...s,
      expectedName: levelName(s.expected),
      selfName: levelName(s.rating.selfLevel),
      managerName: levelName(s.rating.managerLevel),
      agreedName: levelName(s.rating.agreedLevel),
      shownDescriptor:
        shownLevel && s.skill.descriptors
          ? { level: LEVEL_NAMES[shownLevel], text: s.skill.descriptors[shownLevel] }
          : null,
    }
  })
}

/** The person's own assessment form: their answers, and after a conflict what is saved now. */
export function selfSkills(
  detail: CheckinDetail,
  values: Record<string, { level: Level | null; evidence: string }>,
  conflict: CheckinDetail | undefined,
) {
  return detail.skills.map(s => {
    const value = values[s.skill.slug]
    const theirs = conflict?.skills.find(c => c.skill.slug === s.skill.slug)
    return {
      ...s,
      expectedName: levelName(s.expected),
      items: levelItems(s.skill.descriptors, value?.level),
      evidence: value?.evidence ?? '',
      saved: theirs ? { level: levelName(theirs.rating.selfLevel), evidence: theirs.rating.selfEvidence } : null,
    }
  })
}

/** The line manager's forms (their view, and agreeing): their answers; agreeing also shows their earlier view. */
export function managerSkills(
  detail: CheckinDetail,
  values: Record<string, { level: Level | null; note: string }>,
  agreeing: boolean,
) {
  return detail.skills.map(s => ({
    ...s,
    expectedName: levelName(s.expected),
    selfName: levelName(s.rating.selfLevel),
    ...(agreeing ? { managerName: levelName(s.rating.managerLevel) } : {}),
    items: levelItems(s.skill.descriptors, values[s.skill.slug]?.level),
    note: values[s.skill.slug]?.note ?? '',
  }))
}
