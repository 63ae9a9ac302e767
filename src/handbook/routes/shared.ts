// What the handbook's route plugins share: their parameter schemas and the signed-in person.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Organisation } from '../../organisation/organisation.types.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import type { CurrentUser } from '../../platform/auth/roles.ts'
import { safeReturnPath } from '../../platform/auth/session.ts'
import type { Services } from '../../services.ts'
import { canReadHandbook } from '../handbook.policy.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'

/** A page's slug, as the routes' schemas accept it (a regular expression, without anchors). */
export const SLUG = '[a-z0-9-]{1,100}'

export const slugParams = {
  type: 'object',
  properties: { slug: { type: 'string', pattern: `^${SLUG}$` } },
  required: ['slug'],
} as const
export const versionParams = {
  type: 'object',
  properties: {
    slug: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' },
    version: { type: 'integer', minimum: 1, maximum: 1000000 },
  },
  required: ['slug', 'version'],
} as const
export const idParams = uuidParams('id')

export type SlugRequest = FastifyRequest<{ Params: { slug: string } }>

export function requireUser(request: FastifyRequest): CurrentUser {
  authorize(request.user !== null)
  return request.user
}

/** Whether this reader may read the handbook, given the organisation's settings. */
export const readableWith = (user: CurrentUser | null, org: Organisation | null) =>
  canReadHandbook(user, org?.publicHandbook ?? false)

/**
 * The reading gate of every handbook page a reader can reach: true when they may read it; a
 * reader of a closed handbook who is not signed in is asked to sign in, then brought back.
 */
export function readingGate(services: Pick<Services, 'organisation'>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (readableWith(request.user, await services.organisation.get())) return true
    if (request.user) authorize(false)
    const returnTo = safeReturnPath(request.url)
    await reply.seeOther(`/sign-in${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`)
    return false
  }
}
