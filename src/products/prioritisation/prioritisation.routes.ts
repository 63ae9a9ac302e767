// Prioritisation's pages: the options, the four ways of scoring them (each with its own page and a
// form per option), the criteria for weighted scoring, and the backlog's balance per quarter.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import { readVersion } from '../products.schemas.ts'
import type { Product } from '../products.types.ts'
import { productPages, productParams } from '../routes/shared.ts'
import {
  OPTION_FIELDS,
  QUARTER_FIELDS,
  readCriteria,
  readOption,
  readQuarter,
  readScoring,
  scoringFields,
} from './prioritisation.schemas.ts'
import type { QuarterRecord } from './prioritisation.service.ts'
import {
  addQuarters,
  METHOD_LABELS,
  METHODS,
  quarterLabel,
  WORK_CLASS_LABELS,
  WORK_CLASSES,
  type CriteriaSet,
  type Method,
  type PriorityOption,
} from './prioritisation.types.ts'
import {
  balanceView,
  criteriaRows,
  matrixView,
  moscowView,
  optionHref,
  optionsView,
  prioritisationHref,
  prioritisationNav,
  riceView,
  scoringFormView,
  scoringValues,
  weightedView,
} from './prioritisation.views.ts'

const NAV = 'products'
const UUID = '^[0-9a-f-]{36}$'
const optionParams = uuidParams('id', 'optionId')
const methodParams = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: UUID },
    optionId: { type: 'string', pattern: UUID },
    method: { type: 'string', enum: METHODS },
  },
  required: ['id', 'optionId', 'method'],
} as const
const quarterParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: UUID }, quarter: { type: 'string', pattern: '^\\d{4}-Q[1-4]$' } },
  required: ['id', 'quarter'],
} as const

type Id = { Params: { id: string } }
type OptionId = { Params: { id: string; optionId: string } }
type MethodId = { Params: { id: string; optionId: string; method: Method } }
type QuarterId = { Params: { id: string; quarter: string } }

const config = { access: 'signed-in' } as const

export default async function prioritisationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { prioritisation } = services
  const load = productPages(services)

  const base = (product: Product, current: string) => ({
    product,
    productHref: `/products/${product.id}`,
    homeHref: prioritisationHref(product.id),
    subNav: prioritisationNav(product.id, current),
  })

  app.get<Id>('/products/:id/prioritisation', { config, schema: { params: productParams } }, async (request, reply) => {
    const { product, can } = await load(request)
    const board = await prioritisation.board(product.id)
    return reply.page(
      'products/prioritisation/views/overview.njk',
      {
        pageTitle: `Prioritisation: ${product.name}`,
        ...base(product, ''),
        options: optionsView(board.options, board.criteria.criteria, product.id),
        can,
      },
      { nav: NAV },
    )
  })

  // ---- Options ----

  const optionForm = (
    reply: FastifyReply,
    product: Product,
    values: FormValues,
    o: { option?: PriorityOption; errors?: FormErrors; status?: number; conflict?: PriorityOption } = {},
  ) =>
    reply.page(
      'products/prioritisation/views/option-form.njk',
      {
        pageTitle: o.option ? `Change ${o.option.title}` : `Add an option: ${product.name}`,
        ...base(product, ''),
        option: o.option,
        values,
        errors: o.errors,
        conflict: o.conflict,
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<Id>(
    '/products/:id/prioritisation/options/new',
    { config, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      authorize(can.edit)
      return optionForm(reply, product, {})
    },
  )

  app.post<Id>(
    '/products/:id/prioritisation/options/new',
    { config, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.edit)
      const form = readOption(request.body)
      if (!form.ok) return optionForm(reply, product, form.values, { errors: form.errors, status: 400 })
      await prioritisation.addOption(actor, product, form.value)
      request.session.flash({ kind: 'success', heading: `${form.value.title} was added` })
      return reply.seeOther(prioritisationHref(product.id))
    },
  )

  /** Every page about one option changes it: the viewer must be allowed to before it is looked up. */
  const loadOption = async (request: Parameters<typeof load>[0] & { params: { optionId: string } }) => {
    const loaded = await load(request)
    authorize(loaded.can.edit)
    const option = await prioritisation.option(loaded.product.id, request.params.optionId)
    return { ...loaded, option }
  }

  app.get<OptionId>(
    '/products/:id/prioritisation/options/:optionId/edit',
    { config, schema: { params: optionParams } },
    async (request, reply) => {
      const { product, can, option } = await loadOption(request)
      authorize(can.edit)
      return optionForm(
        reply,
        product,
        { title: option.title, description: option.description, version: String(option.version) },
        { option },
      )
    },
  )

  app.post<OptionId>(
    '/products/:id/prioritisation/options/:optionId/edit',
    { config, schema: { params: optionParams } },
    async (request, reply) => {
      const { product, can, actor, option } = await loadOption(request)
      authorize(can.edit)
      const form = readOption(request.body)
      return saveVersioned({
        form,
        fields: OPTION_FIELDS,
        save: details => prioritisation.changeOption(actor, product, option, details, readVersion(request.body)),
        invalid: (errors, status) => optionForm(reply, product, form.values, { option, errors, status }),
        conflict: (latest: PriorityOption, _v, status) =>
          optionForm(
            reply,
            product,
            { ...form.values, version: String(latest.version) },
            { option: latest, conflict: latest, status },
          ),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Option saved' })
          return reply.seeOther(prioritisationHref(product.id))
        },
      })
    },
  )

  app.get<OptionId>(
    '/products/:id/prioritisation/options/:optionId/remove',
    { config, schema: { params: optionParams } },
    async (request, reply) => {
      const { product, can, option } = await loadOption(request)
      authorize(can.edit)
      return reply.page(
        'products/prioritisation/views/option-remove.njk',
        { pageTitle: `Remove ${option.title}`, ...base(product, ''), option },
        { nav: NAV },
      )
    },
  )

  app.post<OptionId>(
    '/products/:id/prioritisation/options/:optionId/remove',
    { config, schema: { params: optionParams } },
    async (request, reply) => {
      const { product, can, actor, option } = await loadOption(request)
      authorize(can.edit)
      await prioritisation.removeOption(actor, product, option)
      request.session.flash({ kind: 'success', heading: `${option.title} was removed` })
      return reply.seeOther(prioritisationHref(product.id))
    },
  )

  // ---- Scoring one option, one way ----

  const back: Record<Method, string> = {
    'impact-effort': '/impact-effort',
    moscow: '/moscow',
    rice: '/rice',
    weighted: '/weighted',
  }

  const scoreForm = (
    reply: FastifyReply,
    product: Product,
    option: PriorityOption,
    method: Method,
    criteria: CriteriaSet,
    values: FormValues,
    o: { errors?: FormErrors; status?: number; conflict?: PriorityOption } = {},
  ) =>
    reply.page(
      'products/prioritisation/views/option-score.njk',
      {
        pageTitle: `${METHOD_LABELS[method]}: ${option.title}`,
        ...base(product, back[method]),
        option,
        methodLabel: METHOD_LABELS[method],
        action: optionHref(product.id, option.id, `/${method}`),
        backHref: prioritisationHref(product.id, back[method]),
        criteriaHref: prioritisationHref(product.id, '/criteria'),
        values,
        errors: o.errors,
        conflict: o.conflict ? scoringFormView(method, scoringValues(o.conflict), criteria.criteria) : undefined,
        conflictOption: o.conflict,
        ...scoringFormView(method, values, criteria.criteria),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<MethodId>(
    '/products/:id/prioritisation/options/:optionId/:method',
    { config, schema: { params: methodParams } },
    async (request, reply) => {
      const { product, can, option } = await loadOption(request)
      authorize(can.edit)
      const criteria = await prioritisation.criteria(product.id)
      return scoreForm(reply, product, option, request.params.method, criteria, scoringValues(option))
    },
  )

  app.post<MethodId>(
    '/products/:id/prioritisation/options/:optionId/:method',
    { config, schema: { params: methodParams } },
    async (request, reply) => {
      const { product, can, actor, option } = await loadOption(request)
      authorize(can.edit)
      const { method } = request.params
      const criteria = await prioritisation.criteria(product.id)
      const form = readScoring(request.body, method, criteria.criteria)
      return saveVersioned({
        form,
        fields: scoringFields(method, criteria.criteria),
        save: scoring => prioritisation.score(actor, product, option, scoring, readVersion(request.body)),
        invalid: (errors, status) =>
          scoreForm(reply, product, option, method, criteria, form.values, { errors, status }),
        conflict: (latest: PriorityOption, _v, status) =>
          scoreForm(
            reply,
            product,
            latest,
            method,
            criteria,
            { ...form.values, version: String(latest.version) },
            { conflict: latest, status },
          ),
        saved: () => {
          request.session.flash({ kind: 'success', heading: `${option.title} was scored` })
          return reply.seeOther(prioritisationHref(product.id, back[method]))
        },
      })
    },
  )

  // ---- The four ways of looking at the options ----

  app.get<Id>(
    '/products/:id/prioritisation/impact-effort',
    { config, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const options = await prioritisation.options(product.id)
      return reply.page(
        'products/prioritisation/views/impact-effort.njk',
        {
          pageTitle: `Impact and effort: ${product.name}`,
          ...base(product, '/impact-effort'),
          ...matrixView(options, product.id),
          can,
        },
        { nav: NAV },
      )
    },
  )

  app.get<Id>(
    '/products/:id/prioritisation/moscow',
    { config, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const options = await prioritisation.options(product.id)
      return reply.page(
        'products/prioritisation/views/moscow.njk',
        { pageTitle: `MoSCoW: ${product.name}`, ...base(product, '/moscow'), ...moscowView(options, product.id), can },
        { nav: NAV },
      )
    },
  )

  app.get<Id>(
    '/products/:id/prioritisation/rice',
    { config, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const options = await prioritisation.options(product.id)
      return reply.page(
        'products/prioritisation/views/rice.njk',
        { pageTitle: `RICE: ${product.name}`, ...base(product, '/rice'), ...riceView(options, product.id), can },
        { nav: NAV },
      )
    },
  )

  app.get<Id>(
    '/products/:id/prioritisation/weighted',
    { config, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const board = await prioritisation.board(product.id)
      return reply.page(
        'products/prioritisation/views/weighted.njk',
        {
          pageTitle: `Weighted scoring: ${product.name}`,
          ...base(product, '/weighted'),
          ...weightedView(board.options, board.criteria.criteria, product.id),
          criteriaHref: prioritisationHref(product.id, '/criteria'),
          can,
        },
        { nav: NAV },
      )
    },
  )

  // ---- Criteria ----

  const criteriaForm = (
    reply: FastifyReply,
    product: Product,
    values: FormValues,
    saved: CriteriaSet | null,
    o: { errors?: FormErrors; status?: number; conflict?: CriteriaSet } = {},
  ) =>
    reply.page(
      'products/prioritisation/views/criteria.njk',
      {
        pageTitle: `Criteria for weighted scoring: ${product.name}`,
        ...base(product, '/weighted'),
        rows: criteriaRows(values, saved ? saved.criteria : null),
        values,
        errors: o.errors,
        conflict: o.conflict,
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<Id>(
    '/products/:id/prioritisation/criteria',
    { config, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      authorize(can.edit)
      const criteria = await prioritisation.criteria(product.id)
      return criteriaForm(reply, product, { version: String(criteria.version) }, criteria)
    },
  )

  app.post<Id>(
    '/products/:id/prioritisation/criteria',
    { config, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.edit)
      const form = readCriteria(request.body)
      return saveVersioned({
        form,
        save: criteria => prioritisation.saveCriteria(actor, product, criteria, readVersion(request.body)),
        invalid: (errors, status) => criteriaForm(reply, product, form.values, null, { errors, status }),
        conflict: (latest: CriteriaSet, _v, status) =>
          criteriaForm(reply, product, { ...form.values, version: String(latest.version) }, null, {
            conflict: latest,
            status,
          }),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Criteria saved' })
          return reply.seeOther(prioritisationHref(product.id, '/weighted'))
        },
      })
    },
  )

  // ---- The backlog's balance ----

  app.get<Id>(
    '/products/:id/prioritisation/balance',
    { config, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const quarters = await prioritisation.quarters(product.id)
      const current = prioritisation.currentQuarter()
      const recorded = new Set(quarters.map(q => q.quarter))
      return reply.page(
        'products/prioritisation/views/balance.njk',
        {
          pageTitle: `Backlog balance: ${product.name}`,
          ...base(product, '/balance'),
          ...balanceView(quarters, current, product.id),
          record: [
            [0, 'this quarter'],
            [-1, 'last quarter'],
            [1, 'next quarter'],
          ].map(([n, when]) => {
            const q = addQuarters(current, Number(n))
            return {
              href: prioritisationHref(product.id, `/balance/${q}`),
              text: `${recorded.has(q) ? 'Change' : 'Record'} ${quarterLabel(q)} (${String(when)})`,
            }
          }),
          can,
        },
        { nav: NAV },
      )
    },
  )

  const quarterForm = (
    reply: FastifyReply,
    product: Product,
    quarter: string,
    values: FormValues,
    o: { errors?: FormErrors; status?: number; conflict?: QuarterRecord } = {},
  ) =>
    reply.page(
      'products/prioritisation/views/quarter.njk',
      {
        pageTitle: `Backlog work in ${quarterLabel(quarter)}: ${product.name}`,
        ...base(product, '/balance'),
        quarter,
        quarterLabel: quarterLabel(quarter, true),
        classes: WORK_CLASSES.map(c => ({ key: c, label: WORK_CLASS_LABELS[c] })),
        values,
        errors: o.errors,
        conflict: o.conflict,
      },
      { status: o.status ?? 200, nav: NAV },
    )

  const quarterValues = (q: QuarterRecord): FormValues => {
    const values: FormValues = { version: String(q.version), note: q.record?.note ?? '' }
    for (const c of WORK_CLASSES) {
      values[`${c}-planned`] = q.record ? String(q.record.counts[c].planned) : ''
      values[`${c}-done`] = q.record ? String(q.record.counts[c].done) : ''
    }
    return values
  }

  app.get<QuarterId>(
    '/products/:id/prioritisation/balance/:quarter',
    { config, schema: { params: quarterParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      authorize(can.edit)
      const q = await prioritisation.quarter(product.id, request.params.quarter)
      return quarterForm(reply, product, q.quarter, quarterValues(q))
    },
  )

  app.post<QuarterId>(
    '/products/:id/prioritisation/balance/:quarter',
    { config, schema: { params: quarterParams } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.edit)
      const { quarter } = request.params
      const form = readQuarter(request.body)
      return saveVersioned({
        form,
        fields: QUARTER_FIELDS,
        save: input => prioritisation.saveQuarter(actor, product, quarter, input, readVersion(request.body)),
        invalid: (errors, status) => quarterForm(reply, product, quarter, form.values, { errors, status }),
        conflict: (latest: QuarterRecord, _v, status) =>
          quarterForm(
            reply,
            product,
            quarter,
            { ...form.values, version: String(latest.version) },
            { conflict: latest, status },
          ),
        saved: () => {
          request.session.flash({ kind: 'success', heading: `Backlog work for ${quarterLabel(quarter)} saved` })
          return reply.seeOther(prioritisationHref(product.id, '/balance'))
        },
      })
    },
  )
}
