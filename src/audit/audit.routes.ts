import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { authorize } from '../platform/auth/authorize.ts'
import { addDays, isIsoDate } from '../platform/dates.ts'
import { formErrors, zodMessages } from '../platform/forms.ts'
import { pagination } from '../platform/pagination.ts'
import type { Services } from '../services.ts'
import { canReadAuditLog } from './audit.policy.ts'
import type { AuditFilter } from './audit.repository.ts'

const one = (schema: z.ZodType<string>) => z.preprocess(v => (Array.isArray(v) ? v[0] : v) ?? '', schema)

const querySchema = z
  .object({
    actor: one(z.string().max(64)),
    action: one(z.string().max(80)),
    subjectType: one(z.string().max(40)),
    from: one(
      z
        .string()
        .max(10)
        .refine(v => v === '' || isIsoDate(v), {
          message: 'Enter the start date as year-month-day, like 2026-11-01',
        }),
    ),
    to: one(
      z
        .string()
        .max(10)
        .refine(v => v === '' || isIsoDate(v), {
          message: 'Enter the end date as year-month-day, like 2026-11-30',
        }),
    ),
    page: one(z.string().max(6)).transform(v => (/^\d+$/.test(v) ? Number(v) : 1)),
  })
  .refine(v => !v.from || !v.to || v.from <= v.to, {
    path: ['to'],
    message: 'The end date must be the same as or after the start date',
  })

const SUBJECT_TYPES = ['organisation', 'person', 'handbook-page', 'handbook-section', 'handbook-suggestion', 'handbook']

export default async function auditRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { audit } = services

  app.get('/admin/audit-log', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canReadAuditLog(request.user))
    const raw = request.query as Record<string, unknown>
    const parsed = querySchema.safeParse(raw)
    const values = Object.fromEntries(
      ['actor', 'action', 'subjectType', 'from', 'to'].map(k => [k, typeof raw[k] === 'string' ? raw[k] : '']),
    )
    const choices = await audit.filterChoices()
    if (!parsed.success) {
      return reply.page(
        'audit/views/audit-log.njk',
        {
          pageTitle: 'Audit log',
          values,
          choices,
          subjectTypes: SUBJECT_TYPES,
          errors: formErrors(zodMessages(parsed.error), ['from', 'to']),
          result: null,
        },
        { status: 400, nav: 'admin' },
      )
    }
    const q = parsed.data
    const filter: AuditFilter = {
      actorId: q.actor || undefined,
      action: q.action || undefined,
      subjectType: q.subjectType || undefined,
      from: q.from ? `${q.from}T00:00:00.000Z` : undefined,
      to: q.to ? `${addDays(q.to, 1)}T00:00:00.000Z` : undefined,
    }
    const result = await audit.list(filter, q.page)
    const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '') as [string, string][])
    const pageHref = (n: number) => {
      const p = new URLSearchParams(params)
      p.set('page', String(n))
      return `/admin/audit-log?${p.toString()}`
    }
    const pages = pagination({ page: result.page, pages: result.pages, href: pageHref })
    return reply.page(
      'audit/views/audit-log.njk',
      { pageTitle: 'Audit log', values, choices, subjectTypes: SUBJECT_TYPES, result, pagination: pages },
      { nav: 'admin' },
    )
  })
}
