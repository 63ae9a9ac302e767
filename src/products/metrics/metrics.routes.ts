// A thing's metrics: the list (with GOV.UK's four KPIs offered as templates), adding and changing a
// metric (versioned: a lost race answers 409 with what was typed kept), a metric's page with its
// chart and the same figures as a table, and measurements entered one at a time or pasted.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { datePartsOf, saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import type { Product } from '../products.types.ts'
import { readVersion } from '../products.schemas.ts'
import { productPages, productParams } from '../routes/shared.ts'
import { METRIC_FIELDS, readMeasurement, readMetric, readPastedLines } from './metrics.schemas.ts'
import { targetStatus } from './metrics.service.ts'
import { METRIC_TEMPLATES, metricTemplate, type Metric } from './metrics.types.ts'
import {
  chartView,
  measurementRows,
  metricFacts,
  metricFormView,
  metricHref,
  metricRow,
  metricsHref,
  metricValues,
} from './metrics.views.ts'

const NAV = 'products'
const metricParams = uuidParams('id', 'metricId')
const templateQuery = {
  type: 'object',
  properties: { template: { type: 'string', maxLength: 60 } },
} as const

type MetricRequest = FastifyRequest<{ Params: { id: string; metricId: string } }>

export default async function metricsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { metrics } = services
  const loadProduct = productPages(services)

  async function load(request: MetricRequest) {
    const loaded = await loadProduct(request)
    const metric = await metrics.get(loaded.product.id, request.params.metricId)
    return { ...loaded, metric }
  }

  app.get<{ Params: { id: string } }>(
    '/products/:id/metrics',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await loadProduct(request)
      const summaries = await metrics.summaries(product.id)
      return reply.page(
        'products/metrics/views/metrics.njk',
        {
          pageTitle: `Metrics: ${product.name}`,
          product,
          rows: summaries.map(s => metricRow(s, product.id)),
          templates: METRIC_TEMPLATES.map(t => ({
            name: t.name,
            href: metricsHref(product.id, `/new?template=${t.slug}`),
            taken: summaries.some(s => s.metric.name.toLowerCase() === t.name.toLowerCase()),
          })),
          can,
        },
        { nav: NAV },
      )
    },
  )

  const metricForm = (
    reply: FastifyReply,
    product: Product,
    values: FormValues,
    o: { metric?: Metric; errors?: FormErrors; status?: number; conflict?: Metric; template?: string } = {},
  ) =>
    reply.page(
      'products/metrics/views/metric-form.njk',
      {
        pageTitle: o.metric ? `Change ${o.metric.name}: ${product.name}` : `Add a metric: ${product.name}`,
        product,
        metric: o.metric,
        conflict: o.conflict ? { ...o.conflict, facts: metricFacts(o.conflict, null, 'no-measurements') } : undefined,
        template: o.template,
        templates: o.metric
          ? []
          : METRIC_TEMPLATES.map(t => ({ name: t.name, href: metricsHref(product.id, `/new?template=${t.slug}`) })),
        action: o.metric ? metricHref(product.id, o.metric.id, '/edit') : metricsHref(product.id, '/new'),
        cancelHref: o.metric ? metricHref(product.id, o.metric.id) : metricsHref(product.id),
        ...metricFormView(values, o.errors),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<{ Params: { id: string }; Querystring: { template?: string } }>(
    '/products/:id/metrics/new',
    { config: { access: 'signed-in' }, schema: { params: productParams, querystring: templateQuery } },
    async (request, reply) => {
      const { product, can } = await loadProduct(request)
      authorize(can.edit)
      const template = metricTemplate(request.query.template)
      return metricForm(reply, product, metricValues(template), { template: template?.name })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/products/:id/metrics/new',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can, actor } = await loadProduct(request)
      authorize(can.edit)
      const form = readMetric(request.body)
      if (!form.ok) return metricForm(reply, product, form.values, { errors: form.errors, status: 400 })
      const metric = await metrics.create(actor, product, form.value)
      request.session.flash({ kind: 'success', heading: `${metric.name} added. Now record its measurements.` })
      return reply.seeOther(metricHref(product.id, metric.id))
    },
  )

  app.get<{ Params: { id: string; metricId: string } }>(
    '/products/:id/metrics/:metricId',
    { config: { access: 'signed-in' }, schema: { params: metricParams } },
    async (request, reply) => {
      const { product, metric, can } = await load(request)
      const measurements = await metrics.measurements(metric.id)
      const latest = measurements[measurements.length - 1] ?? null
      return reply.page(
        'products/metrics/views/metric.njk',
        {
          pageTitle: `${metric.name}: ${product.name}`,
          product,
          metric,
          facts: metricFacts(metric, latest, targetStatus(metric, latest)),
          chart: chartView(metric, measurements),
          rows: measurementRows(metric, measurements),
          href: metricHref(product.id, metric.id),
          can,
        },
        { nav: NAV },
      )
    },
  )

  app.get<{ Params: { id: string; metricId: string } }>(
    '/products/:id/metrics/:metricId/edit',
    { config: { access: 'signed-in' }, schema: { params: metricParams } },
    async (request, reply) => {
      const { product, metric, can } = await load(request)
      authorize(can.edit)
      return metricForm(reply, product, metricValues(metric), { metric })
    },
  )

  app.post<{ Params: { id: string; metricId: string } }>(
    '/products/:id/metrics/:metricId/edit',
    { config: { access: 'signed-in' }, schema: { params: metricParams } },
    async (request, reply) => {
      const { product, metric, can, actor } = await load(request)
      authorize(can.edit)
      const form = readMetric(request.body)
      return saveVersioned({
        form,
        fields: METRIC_FIELDS,
        save: details => metrics.update(actor, product, metric, details, readVersion(request.body)),
        invalid: (errors, status) => metricForm(reply, product, form.values, { metric, errors, status }),
        conflict: (latest: Metric, _value, status) =>
          metricForm(
            reply,
            product,
            { ...form.values, version: String(latest.version) },
            { metric: latest, conflict: latest, status },
          ),
        saved: (_r, details) => {
          request.session.flash({ kind: 'success', heading: `${details.name} saved` })
          return reply.seeOther(metricHref(product.id, metric.id))
        },
      })
    },
  )

  const measurementForm = (
    reply: FastifyReply,
    product: Product,
    metric: Metric,
    values: FormValues,
    o: { errors?: FormErrors; status?: number } = {},
  ) =>
    reply.page(
      'products/metrics/views/measurement-form.njk',
      {
        pageTitle: `Add a measurement of ${metric.name}: ${product.name}`,
        product,
        metric,
        values,
        errors: o.errors,
        measuredOn:
          values['measuredOn-day'] !== undefined
            ? { day: values['measuredOn-day'], month: values['measuredOn-month'], year: values['measuredOn-year'] }
            : datePartsOf(metrics.today()),
        href: metricHref(product.id, metric.id),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<{ Params: { id: string; metricId: string } }>(
    '/products/:id/metrics/:metricId/measurements/new',
    { config: { access: 'signed-in' }, schema: { params: metricParams } },
    async (request, reply) => {
      const { product, metric, can } = await load(request)
      authorize(can.edit)
      return measurementForm(reply, product, metric, {})
    },
  )

  app.post<{ Params: { id: string; metricId: string } }>(
    '/products/:id/metrics/:metricId/measurements/new',
    { config: { access: 'signed-in' }, schema: { params: metricParams } },
    async (request, reply) => {
      const { product, metric, can, actor } = await load(request)
      authorize(can.edit)
      const form = readMeasurement(request.body, metrics.today())
      if (!form.ok) return measurementForm(reply, product, metric, form.values, { errors: form.errors, status: 400 })
      await metrics.addMeasurements(actor, product, metric, [form.value])
      request.session.flash({ kind: 'success', heading: 'Measurement recorded' })
      return reply.seeOther(metricHref(product.id, metric.id))
    },
  )

  const pasteForm = (
    reply: FastifyReply,
    product: Product,
    metric: Metric,
    values: FormValues,
    o: { errors?: FormErrors; status?: number } = {},
  ) =>
    reply.page(
      'products/metrics/views/paste.njk',
      {
        pageTitle: `Paste measurements of ${metric.name}: ${product.name}`,
        product,
        metric,
        values,
        errors: o.errors,
        href: metricHref(product.id, metric.id),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<{ Params: { id: string; metricId: string } }>(
    '/products/:id/metrics/:metricId/measurements/paste',
    { config: { access: 'signed-in' }, schema: { params: metricParams } },
    async (request, reply) => {
      const { product, metric, can } = await load(request)
      authorize(can.edit)
      return pasteForm(reply, product, metric, {})
    },
  )

  app.post<{ Params: { id: string; metricId: string } }>(
    '/products/:id/metrics/:metricId/measurements/paste',
    { config: { access: 'signed-in' }, schema: { params: metricParams } },
    async (request, reply) => {
      const { product, metric, can, actor } = await load(request)
      authorize(can.edit)
      const form = readPastedLines(request.body, metrics.today())
      if (!form.ok) return pasteForm(reply, product, metric, form.values, { errors: form.errors, status: 400 })
      const count = await metrics.addMeasurements(actor, product, metric, form.value)
      request.session.flash({
        kind: 'success',
        heading: count === 1 ? '1 measurement recorded' : `${count} measurements recorded`,
      })
      return reply.seeOther(metricHref(product.id, metric.id))
    },
  )
}
