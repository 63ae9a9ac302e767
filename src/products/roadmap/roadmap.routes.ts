// A thing's roadmap: Now / Next / Later with every move made by a small form (no JavaScript
// needed), adding and changing items (versioned: a lost race answers 409 with what was typed
// kept), an item's page with its history, and marking it done or dropped.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import type { Viewer } from '../../platform/auth/viewer.ts'
import { staleRecord, ValidationError } from '../../platform/errors.ts'
import { formErrors, saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import { readVersion } from '../products.schemas.ts'
import type { Product } from '../products.types.ts'
import { productPages, productParams } from '../routes/shared.ts'
import {
  ITEM_FIELDS,
  readItemDetails,
  readMoveChoice,
  readNewItem,
  readStatus,
  STATUS_FIELDS,
} from './roadmap.schemas.ts'
import { COLUMN_LABELS, COLUMNS, ITEM_STATUS_LABELS, type ItemSection, type RoadmapItem } from './roadmap.types.ts'
import {
  boardView,
  historyItems,
  itemFormView,
  itemHref,
  itemValues,
  roadmapHref,
  statusItems,
} from './roadmap.views.ts'

const NAV = 'products'
const itemParams = uuidParams('id', 'itemId')
const columnQuery = {
  type: 'object',
  properties: { column: { type: 'string', enum: [...COLUMNS] } },
} as const

type ItemRequest = FastifyRequest<{ Params: { id: string; itemId: string } }>

export default async function roadmapRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { roadmap, metrics } = services
  const loadProduct = productPages(services)

  async function load(request: ItemRequest) {
    const loaded = await loadProduct(request)
    const item = await roadmap.get(loaded.product.id, request.params.itemId)
    return { ...loaded, item }
  }

  const boardPage = async (
    reply: FastifyReply,
    product: Product,
    can: { edit: boolean },
    o: { errors?: FormErrors; status?: number; conflict?: RoadmapItem } = {},
  ) =>
    reply.page(
      'products/roadmap/views/roadmap.njk',
      {
        pageTitle: `Roadmap: ${product.name}`,
        product,
        ...boardView(await roadmap.board(product.id), product.id),
        errors: o.errors,
        conflict: o.conflict,
        can,
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<{ Params: { id: string } }>(
    '/products/:id/roadmap',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await loadProduct(request)
      return boardPage(reply, product, can)
    },
  )

  const itemForm = async (
    reply: FastifyReply,
    product: Product,
    values: FormValues,
    o: { item?: RoadmapItem; errors?: FormErrors; status?: number; conflict?: RoadmapItem } = {},
  ) =>
    reply.page(
      'products/roadmap/views/item-form.njk',
      {
        pageTitle: o.item ? `Change a roadmap item: ${product.name}` : `Add to the roadmap: ${product.name}`,
        product,
        item: o.item,
        conflict: o.conflict,
        action: o.item ? itemHref(product.id, o.item.id, '/edit') : roadmapHref(product.id, '/new'),
        cancelHref: o.item ? itemHref(product.id, o.item.id) : roadmapHref(product.id),
        ...itemFormView(values, await metrics.list(product.id), o.errors),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<{ Params: { id: string }; Querystring: { column?: string } }>(
    '/products/:id/roadmap/new',
    { config: { access: 'signed-in' }, schema: { params: productParams, querystring: columnQuery } },
    async (request, reply) => {
      const { product, can } = await loadProduct(request)
      authorize(can.edit)
      return itemForm(reply, product, { column: request.query.column ?? 'next' })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/products/:id/roadmap/new',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can, actor } = await loadProduct(request)
      authorize(can.edit)
      const form = readNewItem(request.body)
      if (!form.ok) return itemForm(reply, product, form.values, { errors: form.errors, status: 400 })
      try {
        const item = await roadmap.add(actor, product, form.value)
        request.session.flash({ kind: 'success', heading: `Added to ${COLUMN_LABELS[item.column]}` })
        return reply.seeOther(`${roadmapHref(product.id)}#item-${item.id}`)
      } catch (err) {
        if (err instanceof ValidationError)
          return itemForm(reply, product, form.values, {
            errors: formErrors(err.fieldErrors, ITEM_FIELDS),
            status: 400,
          })
        throw err
      }
    },
  )

  const itemPage = async (
    reply: FastifyReply,
    viewer: Viewer,
    product: Product,
    item: RoadmapItem,
    can: { edit: boolean },
    o: { values?: FormValues; errors?: FormErrors; status?: number; conflict?: RoadmapItem } = {},
  ) => {
    const shown = o.conflict ?? item
    // What other capabilities add to the page (insight: what is known about the problem).
    const sections = (
      await Promise.all(services.roadmapItemSections.map(source => source(viewer, product, shown)))
    ).filter((s): s is ItemSection => s !== null)
    const values = { version: String(shown.version), ...o.values }
    if (o.conflict) values.version = String(o.conflict.version)
    return reply.page(
      'products/roadmap/views/item.njk',
      {
        pageTitle: `Roadmap item: ${product.name}`,
        product,
        item: shown,
        column: COLUMN_LABELS[shown.column],
        status: ITEM_STATUS_LABELS[shown.status],
        history: historyItems(await roadmap.history(item.id)),
        href: itemHref(product.id, item.id),
        metricHref: shown.metricId ? `/products/${product.id}/metrics/${shown.metricId}` : null,
        statusItems: statusItems(shown.status, o.values?.status),
        values,
        errors: o.errors,
        conflict: o.conflict,
        sections,
        can,
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<{ Params: { id: string; itemId: string } }>(
    '/products/:id/roadmap/:itemId',
    { config: { access: 'signed-in' }, schema: { params: itemParams } },
    async (request, reply) => {
      const { viewer, product, item, can } = await load(request)
      return itemPage(reply, viewer, product, item, can)
    },
  )

  app.get<{ Params: { id: string; itemId: string } }>(
    '/products/:id/roadmap/:itemId/edit',
    { config: { access: 'signed-in' }, schema: { params: itemParams } },
    async (request, reply) => {
      const { product, item, can } = await load(request)
      authorize(can.edit)
      return itemForm(reply, product, itemValues(item), { item })
    },
  )

  app.post<{ Params: { id: string; itemId: string } }>(
    '/products/:id/roadmap/:itemId/edit',
    { config: { access: 'signed-in' }, schema: { params: itemParams } },
    async (request, reply) => {
      const { product, item, can, actor } = await load(request)
      authorize(can.edit)
      const form = readItemDetails(request.body)
      return saveVersioned({
        form,
        fields: ITEM_FIELDS,
        save: details => roadmap.update(actor, product, item, details, readVersion(request.body)),
        invalid: (errors, status) => itemForm(reply, product, form.values, { item, errors, status }),
        conflict: (latest: RoadmapItem, _value, status) =>
          itemForm(
            reply,
            product,
            { ...form.values, version: String(latest.version) },
            { item: latest, conflict: latest, status },
          ),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Roadmap item saved' })
          return reply.seeOther(itemHref(product.id, item.id))
        },
      })
    },
  )

  app.post<{ Params: { id: string; itemId: string } }>(
    '/products/:id/roadmap/:itemId/move',
    { config: { access: 'signed-in' }, schema: { params: itemParams } },
    async (request, reply) => {
      const { product, item, can, actor } = await load(request)
      authorize(can.edit)
      const to = readMoveChoice(request.body)
      if (!to)
        return boardPage(reply, product, can, {
          errors: { list: [{ text: 'Choose where to move the item', href: `#item-${item.id}` }], fields: {} },
          status: 400,
        })
      try {
        await roadmap.move(actor, product, item, to, readVersion(request.body))
      } catch (err) {
        const latest = staleRecord<RoadmapItem>(err)
        if (latest) return boardPage(reply, product, can, { conflict: latest, status: 409 })
        if (err instanceof ValidationError)
          return boardPage(reply, product, can, {
            errors: {
              list: Object.values(err.fieldErrors).map(text => ({ text, href: `#item-${item.id}` })),
              fields: {},
            },
            status: 400,
          })
        throw err
      }
      return reply.seeOther(`${roadmapHref(product.id)}#item-${item.id}`)
    },
  )

  app.post<{ Params: { id: string; itemId: string } }>(
    '/products/:id/roadmap/:itemId/status',
    { config: { access: 'signed-in' }, schema: { params: itemParams } },
    async (request, reply) => {
      const { viewer, product, item, can, actor } = await load(request)
      authorize(can.edit)
      const form = readStatus(request.body, item.status)
      return saveVersioned({
        form,
        fields: STATUS_FIELDS,
        save: v => roadmap.setStatus(actor, product, item, v.status, v.note, readVersion(request.body)),
        invalid: (errors, status) =>
          itemPage(reply, viewer, product, item, can, { values: form.values, errors, status }),
        conflict: (latest: RoadmapItem, _v, status) =>
          itemPage(reply, viewer, product, item, can, { values: form.values, conflict: latest, status }),
        saved: (_r, v) => {
          const heading =
            v.status === 'open'
              ? 'It is back on the roadmap'
              : v.status === 'done'
                ? 'Marked as done'
                : 'Dropped from the roadmap'
          request.session.flash({ kind: 'success', heading })
          return reply.seeOther(itemHref(product.id, item.id))
        },
      })
    },
  )
}
