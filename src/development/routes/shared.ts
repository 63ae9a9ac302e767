// What the development route plugins share: parameter schemas, loading the person a page is
// about, and the parts of a person's pages (tabs, service navigation, heading).
import type { FastifyRequest } from 'fastify'
import { requireViewer, type Viewer } from '../../platform/auth/viewer.ts'
import type { Person } from '../../people/people.types.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import type { CurrentUser } from '../../platform/auth/roles.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import { personHeading } from '../development.views.ts'

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

export function readList(v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []
  return list.filter((x): x is string => typeof x === 'string').slice(0, 100)
}

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
    return personHeading(viewer, person, slug => terms.roleName(slug))
  }

  return { load, personContext }
}
