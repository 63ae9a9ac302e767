// What the handbook's route plugins share: their parameter schemas and the signed-in person.
import type { FastifyRequest } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import type { CurrentUser } from '../../platform/auth/roles.ts'
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
