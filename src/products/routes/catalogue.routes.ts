// The catalogue: browsing, filtering and searching things; adding one; changing its details;
// moving its phase or stage with a reason; removing it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { PageCache } from '../../platform/http/page-cache.ts'
import { requireViewer } from '../../platform/auth/viewer.ts'
import { ValidationError } from '../../platform/errors.ts'
import { datePartsOf, formErrors, saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import { canAddProduct, canSeeProducts } from '../products.policy.ts'
import {
  MOVE_FIELDS,
  PRODUCT_FIELDS,
  catalogueQuery,
  readCatalogueQuery,
  readMove,
  readNewProduct,
  readProductDetails,
  readVersion,
} from '../products.schemas.ts'
import { PHASE_LABELS, PHASES, STAGE_LABELS, STAGES, type Product } from '../products.types.ts'
import { catalogueView, moveItems, productFormView, productHref, productValues } from '../products.views.ts'
import { nameGuidance } from '../naming/naming.ts'
import { productPages, productParams } from './shared.ts'

const NAV = 'products'

/** After a save: a word about a service's name that starts with a noun. Advice only. */
function nameFlash(request: FastifyRequest, details: { kind: string; name: string }) {
  const naming = nameGuidance(details)
  if (!naming) return
  request.session.flash({
    kind: 'important',
    heading: 'The name starts with a noun',
    text: `Services are easier to find and understand when their name says what users do, starting with a verb. You could try ‘${naming.suggestions[0]}’ or ‘${naming.suggestions[1]}’. This is only advice: the name has been saved.`,
  })
}
const axisQuery = {
  type: 'object',
  properties: { axis: { type: 'string', enum: ['phase', 'stage'] } },
} as const

export default async function catalogueRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { products } = services
  const load = productPages(services, { things: true })
  // Catalogue pages are rendered once per filter and page until the catalogue changes.
  const cache = new PageCache(500, 16 * 1024 * 1024)

  app.get(
    '/products',
    { config: { access: 'signed-in' }, schema: { querystring: catalogueQuery } },
    async (request, reply) => {
      const viewer = requireViewer(request)
      authorize(canSeeProducts(viewer))
      const { filter, page } = readCatalogueQuery(request.query)
      const can = { add: canAddProduct(viewer) }
      const version = await products.catalogueVersion()
      return reply.cachedPage(
        cache,
        JSON.stringify([version, filter, page, can.add]),
        'products/views/catalogue.njk',
        async () => {
          const [result, choices] = await Promise.all([products.list(filter, page), products.catalogueChoices()])
          return { pageTitle: 'Products and services', ...catalogueView(result, filter, choices), can }
        },
        { nav: NAV },
      )
    },
  )

  const productForm = async (
    reply: FastifyReply,
    mode: 'new' | 'edit',
    values: FormValues,
    o: { product?: Product; errors?: FormErrors; status?: number; conflict?: Product } = {},
  ) => {
    const choices = await products.formChoices()
    return reply.page(
      'products/views/product-form.njk',
      {
        pageTitle: mode === 'new' ? 'Add a thing to the catalogue' : `Change the details of ${o.product?.name ?? ''}`,
        product: o.product,
        conflict: o.conflict,
        ...productFormView(mode, { ...values, id: o.product?.id }, choices, o.errors),
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get('/products/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canAddProduct(requireViewer(request)))
    return productForm(reply, 'new', { kind: 'service', phase: 'discovery', stage: 'introduction' })
  })

  app.post('/products/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canAddProduct(viewer))
    const form = readNewProduct(request.body)
    if (!form.ok) return productForm(reply, 'new', form.values, { errors: form.errors, status: 400 })
    try {
      const created = await products.create(actorOf(viewer.user), form.value)
      request.session.flash({ kind: 'success', heading: `${created.name} is in the catalogue` })
      nameFlash(request, created)
      return reply.seeOther(productHref(created.id))
    } catch (err) {
      if (err instanceof ValidationError)
        return productForm(reply, 'new', form.values, {
          errors: formErrors(err.fieldErrors, PRODUCT_FIELDS),
          status: 400,
        })
      throw err
    }
  })

  app.get<{ Params: { id: string } }>(
    '/products/:id/edit',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      authorize(can.edit)
      const { uses } = await products.links(product.id)
      return productForm(reply, 'edit', productValues(product, uses), { product })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/products/:id/edit',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.edit)
      const form = readProductDetails(request.body)
      const values = form.values
      return saveVersioned({
        form,
        fields: PRODUCT_FIELDS,
        save: details => products.update(actor, product, details, readVersion(request.body)),
        invalid: (errors, status) => productForm(reply, 'edit', values, { product, errors, status }),
        conflict: (latest: Product, _value, status) =>
          productForm(
            reply,
            'edit',
            { ...values, version: String(latest.version) },
            { product, conflict: latest, status },
          ),
        saved: (_r, details) => {
          request.session.flash({ kind: 'success', heading: 'Details saved' })
          nameFlash(request, details)
          return reply.seeOther(productHref(product.id))
        },
      })
    },
  )

  const moveForm = async (
    reply: FastifyReply,
    product: Product,
    axis: 'phase' | 'stage',
    values: FormValues,
    o: { errors?: FormErrors; status?: number; conflict?: Product } = {},
  ) => {
    const current = axis === 'phase' ? product.phase : product.stage
    const labels: Record<string, string> = axis === 'phase' ? PHASE_LABELS : STAGE_LABELS
    const all: readonly string[] = axis === 'phase' ? PHASES : STAGES
    const moves = (await products.moves(product.id)).filter(m => m.axis === axis)
    return reply.page(
      'products/views/move.njk',
      {
        pageTitle: `Move ${product.name} to another ${axis}`,
        product,
        axis,
        currentLabel: labels[current],
        values,
        errors: o.errors,
        conflict: o.conflict,
        movedOn:
          values['movedOn-day'] !== undefined
            ? { day: values['movedOn-day'], month: values['movedOn-month'], year: values['movedOn-year'] }
            : datePartsOf(products.today()),
        toItems: all.filter(v => v !== current).map(v => ({ value: v, text: labels[v], checked: values.to === v })),
        history: moveItems(moves),
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<{ Params: { id: string }; Querystring: { axis?: 'phase' | 'stage' } }>(
    '/products/:id/move',
    { config: { access: 'signed-in' }, schema: { params: productParams, querystring: axisQuery } },
    async (request, reply) => {
      const { product, can } = await load(request)
      authorize(can.edit)
      return moveForm(reply, product, request.query.axis ?? 'phase', { version: String(product.version) })
    },
  )

  app.post<{ Params: { id: string }; Querystring: { axis?: 'phase' | 'stage' } }>(
    '/products/:id/move',
    { config: { access: 'signed-in' }, schema: { params: productParams, querystring: axisQuery } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.edit)
      const axis = request.query.axis ?? 'phase'
      const form = readMove(request.body, axis, products.today())
      return saveVersioned({
        form,
        fields: MOVE_FIELDS,
        save: move => products.move(actor, product, move, readVersion(request.body)),
        invalid: (errors, status) => moveForm(reply, product, axis, form.values, { errors, status }),
        conflict: (latest: Product, _value, status) =>
          moveForm(
            reply,
            latest,
            axis,
            { ...form.values, version: String(latest.version) },
            { conflict: latest, status },
          ),
        saved: (_r, move) => {
          const label =
            axis === 'phase'
              ? PHASE_LABELS[move.to as keyof typeof PHASE_LABELS]
              : STAGE_LABELS[move.to as keyof typeof STAGE_LABELS]
          request.session.flash({ kind: 'success', heading: `${product.name} moved to ${label}` })
          return reply.seeOther(productHref(product.id))
        },
      })
    },
  )

  app.get<{ Params: { id: string } }>(
    '/products/:id/delete',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      authorize(can.delete)
      const links = await products.links(product.id)
      return reply.page(
        'products/views/delete.njk',
        { pageTitle: `Remove ${product.name}`, product, features: links.features, usedBy: links.usedBy },
        { nav: NAV },
      )
    },
  )

  app.post<{ Params: { id: string } }>(
    '/products/:id/delete',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.delete)
      await products.delete(actor, product)
      request.session.flash({ kind: 'success', heading: `${product.name} was removed from the catalogue` })
      return reply.seeOther('/products')
    },
  )
}
