// A thing's service assessments: the list with the next one due, starting one, and each one's
// readiness checklist against the 14 points of the Service Standard (versioned: a conflict shows
// what the other person saved and keeps what was typed).
import type { FastifyInstance, FastifyReply } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import { saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import type { Product } from '../products.types.ts'
import { productHref } from '../products.views.ts'
import { productPages, productParams } from '../routes/shared.ts'
import { CHECKLIST_FIELDS, readChecklist, readNewAssessment } from './assessments.schemas.ts'
import { nextAssessment } from './assessments.service.ts'
import { ASSESSMENT_STAGES, STAGE_LABELS, type Assessment, type AssessmentChanges } from './assessments.types.ts'
import {
  assessmentHref,
  assessmentsHref,
  assessmentTitle,
  assessmentView,
  checklistFormView,
  checklistValues,
  differences,
  listView,
  stageItems,
} from './assessments.views.ts'
import { readVersion } from '../products.schemas.ts'

const NAV = 'products'
const assessmentParams = uuidParams('id', 'assessmentId')
const stageQuery = { type: 'object', properties: { stage: { type: 'string', enum: [...ASSESSMENT_STAGES] } } } as const

type AssessmentParams = { Params: { id: string; assessmentId: string } }

export default async function assessmentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { assessments } = services
  const load = productPages(services, { things: true })

  app.get<{ Params: { id: string } }>(
    '/products/:id/assessments',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const list = await assessments.list(product.id)
      return reply.page(
        'products/assessments/views/assessments.njk',
        {
          pageTitle: `Service assessments: ${product.name}`,
          product,
          productHref: productHref(product.id),
          newHref: assessmentsHref(product.id, '/new'),
          isService: product.kind === 'service',
          ...listView(product.id, list, nextAssessment(product, list, assessments.today())),
          can,
        },
        { nav: NAV },
      )
    },
  )

  const newForm = (
    reply: FastifyReply,
    product: Product,
    values: FormValues,
    o: { errors?: FormErrors; status?: number } = {},
  ) =>
    reply.page(
      'products/assessments/views/assessment-new.njk',
      {
        pageTitle: `Start an assessment: ${product.name}`,
        product,
        productHref: productHref(product.id),
        listHref: assessmentsHref(product.id),
        values,
        errors: o.errors,
        stageItems: stageItems(values.stage),
        assessOn: { day: values['assessOn-day'], month: values['assessOn-month'], year: values['assessOn-year'] },
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<{ Params: { id: string }; Querystring: { stage?: string } }>(
    '/products/:id/assessments/new',
    { config: { access: 'signed-in' }, schema: { params: productParams, querystring: stageQuery } },
    async (request, reply) => {
      const { product, can } = await load(request)
      authorize(can.edit)
      const suggested = request.query.stage ?? nextAssessment(product, [], assessments.today())?.stage
      return newForm(reply, product, { stage: suggested })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/products/:id/assessments/new',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.edit)
      const form = readNewAssessment(request.body)
      if (!form.ok) return newForm(reply, product, form.values, { errors: form.errors, status: 400 })
      const created = await assessments.create(actor, product, form.value)
      request.session.flash({ kind: 'success', heading: `${STAGE_LABELS[created.stage]} assessment started` })
      return reply.seeOther(assessmentHref(created))
    },
  )

  app.get<AssessmentParams>(
    '/products/:id/assessments/:assessmentId',
    { config: { access: 'signed-in' }, schema: { params: assessmentParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const assessment = await assessments.get(product.id, request.params.assessmentId)
      const options = await assessments.evidence(product.id)
      return reply.page(
        'products/assessments/views/assessment.njk',
        {
          pageTitle: `${assessmentTitle(assessment)}: ${product.name}`,
          product,
          productHref: productHref(product.id),
          listHref: assessmentsHref(product.id),
          editHref: assessmentHref(assessment, '/edit'),
          assessment,
          ...assessmentView(assessment, options),
          can,
        },
        { nav: NAV },
      )
    },
  )

  async function checklistForm(
    reply: FastifyReply,
    product: Product,
    assessment: Assessment,
    values: FormValues,
    o: { errors?: FormErrors; status?: number; conflict?: Assessment; yours?: AssessmentChanges } = {},
  ) {
    const options = await assessments.evidence(product.id)
    return reply.page(
      'products/assessments/views/assessment-edit.njk',
      {
        pageTitle: `Change the checklist: ${assessmentTitle(assessment)}: ${product.name}`,
        product,
        productHref: productHref(product.id),
        listHref: assessmentsHref(product.id),
        assessmentHref: assessmentHref(assessment),
        title: assessmentTitle(assessment),
        ...checklistFormView(values, options, o.errors),
        conflict:
          o.conflict && o.yours
            ? { latest: o.conflict, title: assessmentTitle(o.conflict), differences: differences(o.conflict, o.yours) }
            : null,
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<AssessmentParams>(
    '/products/:id/assessments/:assessmentId/edit',
    { config: { access: 'signed-in' }, schema: { params: assessmentParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      authorize(can.edit)
      const assessment = await assessments.get(product.id, request.params.assessmentId)
      return checklistForm(reply, product, assessment, checklistValues(assessment))
    },
  )

  app.post<AssessmentParams>(
    '/products/:id/assessments/:assessmentId/edit',
    { config: { access: 'signed-in' }, schema: { params: assessmentParams } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.edit)
      const assessment = await assessments.get(product.id, request.params.assessmentId)
      const form = readChecklist(request.body)
      return saveVersioned({
        form,
        fields: CHECKLIST_FIELDS,
        save: changes => assessments.update(actor, product, assessment, changes, readVersion(request.body)),
        invalid: (errors, status) => checklistForm(reply, product, assessment, form.values, { errors, status }),
        conflict: (latest: Assessment, yours, status) =>
          checklistForm(
            reply,
            product,
            latest,
            { ...form.values, version: String(latest.version) },
            { conflict: latest, yours, status },
          ),
        saved: saved => {
          request.session.flash({ kind: 'success', heading: `Checklist saved (version ${saved.version})` })
          return reply.seeOther(assessmentHref(saved))
        },
      })
    },
  )
}
