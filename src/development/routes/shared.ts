// What the development route plugins share: parameter schemas, loading the person a page is
// about, and the parts of a person's pages (tabs, service navigation, heading).
import type { FastifyRequest } from 'fastify'
import { requireViewer, type Viewer } from '../../platform/auth/viewer.ts'
import type { Person } from '../../people/people.types.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import type { CurrentUser } from '../../platform/auth/roles.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import { canSeeOneToOnes, canSeePathway, canSeePlan, canSeeRotations } from '../development.policy.ts'
import type { DateParts } from '../development.schemas.ts'

export const personParams = uuidParams('id')
export const goalParams = uuidParams('id', 'goalId')
export const meetingParams = uuidParams('id', 'meetingId')
export const actionParams = uuidParams('id', 'meetingId', 'actionId')
export const rotationParams = uuidParams('id', 'rotationId')
export const prefillQuery = {
  type: 'object',
  properties: Object.fromEntries(
    ['skill', 'title', 'sourceTitle', 'sourceUrl'].map(n => [n, { type: 'string', maxLength: 2000 }]),
  ),
} as const

export function requireUser(request: FastifyRequest): CurrentUser {
  authorize(request.user !== null)
  return request.user
}

/** The three boxes of a GOV.UK date input, marking the ones that are wrong. */
export function dateItems(parts: DateParts, bad: readonly string[] = []) {
  return (['day', 'month', 'year'] as const).map(name => ({
    name,
    value: parts[name],
    classes: `govuk-input--width-${name === 'year' ? 4 : 2}${bad.includes(name) ? ' govuk-input--error' : ''}`,
  }))
}

export function readList(v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []
  return list.filter((x): x is string => typeof x === 'string').slice(0, 100)
}

/** Tabs between the parts of a person's development the viewer may see. */
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

/** Loading the person a page is about, and the heading every person page shows. */
export function personPages(people: Services['people']) {
  /** The signed-in person, what policies know of them, and the person the page is about. */
  async function load(request: FastifyRequest<{ Params: { id: string } }>) {
    const user = requireUser(request)
    const viewer = requireViewer(request)
    const person = await people.get(request.params.id)
    return { user, viewer, person }
  }

  const personContext = async (viewer: Viewer, person: Person) => {
    const terms = await people.careerRoles()
    return {
      person: { ...person, roleName: person.careerRole ? terms.roleName(person.careerRole) : null },
      self: viewer.user.id === person.id,
    }
  }

  return { load, personContext }
}
