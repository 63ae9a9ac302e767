// The administrators' email page: whether email is on, and every message with where it is.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { authorize } from '../platform/auth/authorize.ts'
import { ConflictError } from '../platform/errors.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import { pagination } from '../platform/pagination.ts'
import { actorOf } from '../accounts/accounts.service.ts'
import type { Services } from '../services.ts'
import { canReadEmailLog, canRetryEmail } from './email.policy.ts'
import { MESSAGE_STATUSES, type MessageStatus } from './email.types.ts'
import { emailRow, methodText, statusItems } from './email.views.ts'

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v)
const querySchema = z.object({
  status: z.preprocess(
    one,
    z
      .enum(MESSAGE_STATUSES as [MessageStatus, ...MessageStatus[]])
      .optional()
      .catch(undefined),
  ),
  page: z.preprocess(one, z.string().max(6).regex(/^\d+$/).transform(Number).optional().catch(undefined)),
})

export default async function emailRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { email } = services

  app.get('/admin/email', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canReadEmailLog(request.user))
    const q = querySchema.parse(request.query ?? {})
    const log = await email.list({ status: q.status }, q.page ?? 1)
    const href = (n: number) => {
      const p = new URLSearchParams()
      if (q.status) p.set('status', q.status)
      p.set('page', String(n))
      return `/admin/email?${p.toString()}`
    }
    const can = { retry: canRetryEmail(request.user) && email.enabled }
    return reply.page(
      'email/views/log.njk',
      {
        pageTitle: 'Email',
        method: methodText(email.method),
        log,
        rows: log.messages.map(m => emailRow(m, can)),
        statusItems: statusItems(log.counts, q.status),
        status: q.status ?? '',
        pagination: pagination({ page: log.page, pages: log.pages, href }),
      },
      { nav: 'admin' },
    )
  })

  app.post<{ Params: { id: string } }>(
    '/admin/email/:id/retry',
    { config: { access: 'signed-in' }, schema: { params: uuidParams('id') } },
    async (request, reply) => {
      const user = request.user
      authorize(user !== null && canRetryEmail(user))
      const message = await email.get(request.params.id)
      try {
        await email.retry(actorOf(user), message.id)
        request.session.flash({
          kind: 'success',
          heading: `We will try sending “${message.subject}” to ${message.recipientName} again`,
        })
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err
        request.session.flash({ kind: 'important', heading: err.message })
      }
      return reply.seeOther('/admin/email')
    },
  )
}
