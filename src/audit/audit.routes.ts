import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { authorize } from '../platform/auth/authorize.ts'
import { addDays, isIsoDate, ukDayStart } from '../platform/dates.ts'
import {
  FormProblems,
  datePartsOf,
  formErrors,
  readDateInput,
  withDateLinks,
  type DateParts,
} from '../platform/forms.ts'
import { pagination } from '../platform/pagination.ts'
import type { Services } from '../services.ts'
import { canReadAuditLog } from './audit.policy.ts'
import type { AuditFilter } from './audit.repository.ts'
import { actionName, namedChoices, subjectName } from './audit.views.ts'

const one = (schema: z.ZodType<string>) => z.preprocess(v => (Array.isArray(v) ? v[0] : v) ?? '', schema)

const querySchema = z.object({
  actor: one(z.string().max(64)).catch(''),
  action: one(z.string().max(80)).catch(''),
  subjectType: one(z.string().max(40)).catch(''),
  page: one(z.string().max(6))
    .transform(v => (/^\d+$/.test(v) ? Number(v) : 1))
    .catch(1),
})

const SUBJECT_TYPES = ['organisation', 'person', 'handbook-page', 'handbook-section', 'handbook-suggestion', 'handbook']

const DATES = ['from', 'to'] as const
const PARTS = ['day', 'month', 'year'] as const

/**
 * The query with each date as the three boxes of a GOV.UK date input. A link made before the
 * date inputs (from=2026-11-24) still works: its date is put into the boxes.
 */
function withDateBoxes(raw: Record<string, unknown>): Record<string, unknown> {
  const query = { ...raw }
  for (const name of DATES) {
    const old = raw[name]
    const hasBoxes = PARTS.some(p => typeof raw[`${name}-${p}`] === 'string' && raw[`${name}-${p}`] !== '')
    if (typeof old === 'string' && isIsoDate(old) && !hasBoxes) {
      const parts = datePartsOf(old)
      for (const p of PARTS) query[`${name}-${p}`] = parts[p]
    }
  }
  return query
}

export default async function auditRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { audit } = services

  app.get('/admin/audit-log', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canReadAuditLog(request.user))
    const raw = withDateBoxes(request.query as Record<string, unknown>)
    const q = querySchema.parse(raw)
    const problems = new FormProblems()
    const fromRead = readDateInput(raw, 'from', { label: 'The start date', required: false })
    const toRead = readDateInput(raw, 'to', { label: 'The end date', required: false })
    const from = problems.date('from', fromRead)
    const to = problems.date('to', toRead)
    if (from && to && to < from) problems.add('to', 'The end date must be the same as or after the start date')
    const dates: Record<(typeof DATES)[number], DateParts> = { from: fromRead.parts, to: toRead.parts }

    const choices = await audit.filterChoices()
    const view = {
      pageTitle: 'Audit log',
      values: { actor: q.actor, action: q.action, subjectType: q.subjectType, ...dates },
      actors: [
        { value: '', text: 'Anyone' },
        ...choices.actors.map(a => ({ value: a.id, text: a.name, selected: a.id === q.actor })),
      ],
      actions: [{ value: '', text: 'Any change' }, ...namedChoices(choices.actions, actionName, q.action)],
      subjectTypes: [{ value: '', text: 'Anything' }, ...namedChoices(SUBJECT_TYPES, subjectName, q.subjectType)],
    }
    if (!problems.empty) {
      return reply.page(
        'audit/views/audit-log.njk',
        { ...view, errors: withDateLinks(formErrors(problems.messages, [...DATES]), problems.dates), result: null },
        { status: 400, nav: 'admin' },
      )
    }
    const filter: AuditFilter = {
      actorId: q.actor || undefined,
      action: q.action || undefined,
      subjectType: q.subjectType || undefined,
      // Days are UK days, as the times shown are.
      from: from ? ukDayStart(from) : undefined,
      to: to ? ukDayStart(addDays(to, 1)) : undefined,
    }
    const result = await audit.list(filter, q.page)
    const params = new URLSearchParams()
    for (const key of ['actor', 'action', 'subjectType'] as const) if (q[key]) params.set(key, q[key])
    for (const name of DATES)
      if (PARTS.some(p => dates[name][p] !== '')) for (const p of PARTS) params.set(`${name}-${p}`, dates[name][p])
    const pageHref = (n: number) => {
      const p = new URLSearchParams(params)
      p.set('page', String(n))
      return `/admin/audit-log?${p.toString()}`
    }
    const pages = pagination({ page: result.page, pages: result.pages, href: pageHref })
    return reply.page(
      'audit/views/audit-log.njk',
      {
        ...view,
        result: {
          ...result,
          events: result.events.map(e => ({
            ...e,
            actionName: actionName(e.action),
            subjectName: subjectName(e.subjectType),
          })),
        },
        pagination: pages,
      },
      { nav: 'admin' },
    )
  })
}
