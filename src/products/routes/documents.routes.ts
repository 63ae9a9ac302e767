// Every kind of strategy document through one set of pages: read it, change it (a conflict shows
// both versions and keeps what was typed), its history, any version, a comparison of any two,
// and restoring an old version. The kind comes from the registry (kinds/index.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { NotFoundError, StaleVersionError } from '../../platform/errors.ts'
import { formatDateTime } from '../../platform/dates.ts'
import { readText, saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { slugify } from '../../platform/slug.ts'
import type { Services } from '../../services.ts'
import { diffSections, type StrategyDocument } from '../documents.service.ts'
import { documentKind, KIND_SLUGS } from '../kinds/index.ts'
import { kindInSentence, type DocumentKind, type DocumentText, type FormContext } from '../kinds/kind.ts'
import { readVersion } from '../products.schemas.ts'
import type { Product } from '../products.types.ts'
import { productHref } from '../products.views.ts'
import { productPages } from './shared.ts'

const UUID = '^[0-9a-f-]{36}$'
const kindParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: UUID }, kind: { type: 'string', enum: KIND_SLUGS } },
  required: ['id', 'kind'],
} as const
const versionParams = {
  type: 'object',
  properties: { ...kindParams.properties, version: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
  required: ['id', 'kind', 'version'],
} as const
const compareQuery = {
  type: 'object',
  properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
} as const

type KindRequest = FastifyRequest<{ Params: { id: string; kind: string } }>
const NAV = 'products'

export default async function documentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { documents } = services
  const loadProduct = productPages(services)

  async function load(request: KindRequest) {
    const loaded = await loadProduct(request)
    const kind = documentKind(request.params.kind)
    if (!kind) throw new NotFoundError('No such part of a strategy')
    return { ...loaded, kind }
  }

  /** The people a document may name, when its kind names people. */
  const contextFor = async (kind: DocumentKind): Promise<FormContext> => ({
    people: kind.needsPeople ? await services.people.managerChoices(2000) : [],
  })

  const base = (product: Product, kind: DocumentKind) => ({
    product,
    kind,
    kindInSentence: kindInSentence(kind),
    productHref: productHref(product.id),
    kindHref: productHref(product.id, `/${kind.slug}`),
  })

  app.get<{ Params: { id: string; kind: string } }>(
    '/products/:id/:kind',
    { config: { access: 'signed-in' }, schema: { params: kindParams } },
    async (request, reply) => {
      const { product, kind, can } = await load(request)
      const doc = await documents.get(product.id, kind)
      return reply.page(
        'products/views/document.njk',
        {
          pageTitle: `${kind.name}: ${product.name}`,
          ...base(product, kind),
          doc,
          content: doc.content,
          ...(kind.showView?.(doc.content) ?? {}),
          can,
        },
        { nav: NAV },
      )
    },
  )

  async function editForm(
    reply: FastifyReply,
    product: Product,
    kind: DocumentKind,
    saved: StrategyDocument,
    values: FormValues,
    o: { errors?: FormErrors; status?: number; conflict?: StrategyDocument; yours?: unknown } = {},
  ) {
    const context = await contextFor(kind)
    return reply.page(
      'products/views/document-edit.njk',
      {
        pageTitle: `${saved.version === 0 ? 'Write' : 'Change'} the ${kindInSentence(kind)}: ${product.name}`,
        ...base(product, kind),
        values,
        errors: o.errors,
        ...(kind.formView?.(values, saved.content, context) ?? {}),
        conflict: o.conflict
          ? {
              latest: o.conflict,
              savedAt: formatDateTime(o.conflict.updatedAt),
              sections: diffSections(kind, o.conflict.content, o.yours ?? kind.empty, context),
            }
          : null,
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<{ Params: { id: string; kind: string } }>(
    '/products/:id/:kind/edit',
    { config: { access: 'signed-in' }, schema: { params: kindParams } },
    async (request, reply) => {
      const { product, kind, can } = await load(request)
      authorize(can.edit)
      const doc = await documents.get(product.id, kind)
      return editForm(reply, product, kind, doc, { ...kind.values(doc.content), version: String(doc.version) })
    },
  )

  app.post<{ Params: { id: string; kind: string } }>(
    '/products/:id/:kind/edit',
    { config: { access: 'signed-in' }, schema: { params: kindParams } },
    async (request, reply) => {
      const { product, kind, can, actor } = await load(request)
      authorize(can.edit)
      const saved = await documents.get(product.id, kind)
      const expected = readVersion(request.body)
      // The version the form was opened on gives row ids; a newer one shows as a conflict below.
      const openedOn = expected === saved.version ? saved : { ...saved, content: kind.empty }
      const form = kind.read(request.body, openedOn.content, await contextFor(kind))
      // "Add more rows" shows the form again with spare rows, saving nothing.
      if (readText(request.body, 'action', 20) === 'more') return editForm(reply, product, kind, saved, form.values)
      return saveVersioned({
        form,
        save: content => documents.save(actor, product, kind, content, expected, readText(request.body, 'note', 500)),
        invalid: (errors, status) => editForm(reply, product, kind, saved, form.values, { errors, status }),
        conflict: (latest: StrategyDocument, yours, status) =>
          editForm(
            reply,
            product,
            kind,
            latest,
            { ...form.values, version: String(latest.version) },
            {
              conflict: latest,
              yours,
              status,
            },
          ),
        saved: version => {
          request.session.flash({ kind: 'success', heading: `${kind.name} saved (version ${version})` })
          return reply.seeOther(productHref(product.id, `/${kind.slug}`))
        },
      })
    },
  )

  app.get<{ Params: { id: string; kind: string } }>(
    '/products/:id/:kind/history',
    { config: { access: 'signed-in' }, schema: { params: kindParams } },
    async (request, reply) => {
      const { product, kind } = await load(request)
      const versions = await documents.versions(product.id, kind)
      return reply.page(
        'products/views/document-history.njk',
        {
          pageTitle: `History of the ${kindInSentence(kind)}: ${product.name}`,
          ...base(product, kind),
          versions,
        },
        { nav: NAV },
      )
    },
  )

  app.get<{ Params: { id: string; kind: string; version: number } }>(
    '/products/:id/:kind/history/:version',
    { config: { access: 'signed-in' }, schema: { params: versionParams } },
    async (request, reply) => {
      const { product, kind, can } = await load(request)
      const [version, current] = await Promise.all([
        documents.version(product.id, kind, request.params.version),
        documents.get(product.id, kind),
      ])
      return reply.page(
        'products/views/document-version.njk',
        {
          pageTitle: `Version ${version.version} of the ${kindInSentence(kind)}: ${product.name}`,
          ...base(product, kind),
          version,
          content: version.content,
          ...(kind.showView?.(version.content) ?? {}),
          current,
          can,
        },
        { nav: NAV },
      )
    },
  )

  app.post<{ Params: { id: string; kind: string; version: number } }>(
    '/products/:id/:kind/history/:version/restore',
    { config: { access: 'signed-in' }, schema: { params: versionParams } },
    async (request, reply) => {
      const { product, kind, can, actor } = await load(request)
      authorize(can.edit)
      const number = request.params.version
      try {
        const version = await documents.restore(actor, product, kind, number, readVersion(request.body))
        request.session.flash({ kind: 'success', heading: `Version ${number} restored as version ${version}` })
      } catch (err) {
        if (!(err instanceof StaleVersionError)) throw err
        request.session.flash({
          kind: 'important',
          heading: 'Someone changed it while you were looking',
          text: 'Nothing was restored. Check the latest version, then restore again if you still want to.',
        })
      }
      return reply.seeOther(productHref(product.id, `/${kind.slug}/history`))
    },
  )

  app.get<{ Params: { id: string; kind: string }; Querystring: { from?: number; to?: number } }>(
    '/products/:id/:kind/compare',
    { config: { access: 'signed-in' }, schema: { params: kindParams, querystring: compareQuery } },
    async (request, reply) => {
      const { product, kind } = await load(request)
      const current = await documents.get(product.id, kind)
      if (current.version === 0) throw new NotFoundError('Nothing has been written yet')
      const to = Math.min(request.query.to ?? current.version, current.version)
      const from = Math.min(request.query.from ?? Math.max(1, to - 1), current.version)
      const compared = await documents.compare(product.id, kind, from, to, await contextFor(kind))
      return reply.page(
        'products/views/document-compare.njk',
        {
          pageTitle: `Compare versions ${from} and ${to} of the ${kindInSentence(kind)}: ${product.name}`,
          ...base(product, kind),
          ...compared,
          versionItems: Array.from({ length: current.version }, (_, i) => i + 1),
        },
        { nav: NAV },
      )
    },
  )

  // ---- Kinds with a text format (a Wardley map's): download it, and import pasted text ----

  /** The kind's text format; kinds without one have no such pages. */
  const textOf = (kind: DocumentKind): DocumentText<unknown> => {
    if (!kind.text) throw new NotFoundError('This part of a strategy has no text format')
    return kind.text
  }

  app.get<{ Params: { id: string; kind: string } }>(
    '/products/:id/:kind/text',
    { config: { access: 'signed-in' }, schema: { params: kindParams } },
    async (request, reply) => {
      const { product, kind } = await load(request)
      const text = textOf(kind)
      const doc = await documents.get(product.id, kind)
      if (doc.version === 0) throw new NotFoundError('Nothing has been written yet')
      const name = `${slugify(product.name) || 'thing'}-${kind.slug}.${text.extension}`
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(text.format(doc.content))
    },
  )

  async function importForm(
    reply: FastifyReply,
    product: Product,
    kind: DocumentKind,
    values: FormValues,
    o: { errors?: FormErrors; status?: number; conflict?: StrategyDocument } = {},
  ) {
    return reply.page(
      'products/views/document-import.njk',
      {
        pageTitle: `Import the ${kindInSentence(kind)}: ${product.name}`,
        ...base(product, kind),
        text: textOf(kind),
        values,
        errors: o.errors,
        conflict: o.conflict ? { ...o.conflict, savedAt: formatDateTime(o.conflict.updatedAt) } : null,
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<{ Params: { id: string; kind: string } }>(
    '/products/:id/:kind/import',
    { config: { access: 'signed-in' }, schema: { params: kindParams } },
    async (request, reply) => {
      const { product, kind, can } = await load(request)
      authorize(can.edit)
      textOf(kind)
      const doc = await documents.get(product.id, kind)
      return importForm(reply, product, kind, { text: '', version: String(doc.version) })
    },
  )

  app.post<{ Params: { id: string; kind: string } }>(
    '/products/:id/:kind/import',
    { config: { access: 'signed-in' }, schema: { params: kindParams } },
    async (request, reply) => {
      const { product, kind, can, actor } = await load(request)
      authorize(can.edit)
      const format = textOf(kind)
      const saved = await documents.get(product.id, kind)
      const posted = readText(request.body, 'text', 200_000)
      const values = { text: posted, version: readText(request.body, 'version', 20) }
      const parsed =
        posted === ''
          ? ({ ok: false, problems: [`Paste the ${format.label}`] } as const)
          : posted.length > 100_000
            ? ({ ok: false, problems: ['The text must be 100,000 characters or fewer'] } as const)
            : format.parse(posted, saved.content)
      return saveVersioned<unknown, number, StrategyDocument, unknown>({
        form: parsed.ok
          ? { ok: true, value: parsed.content }
          : {
              ok: false,
              errors: {
                list: parsed.problems.map(text => ({ text, href: '#text' })),
                fields: { text: { text: parsed.problems.join('. ') } },
              },
            },
        save: content =>
          documents.save(actor, product, kind, content, readVersion(request.body), `Imported from ${format.label}`),
        invalid: (errors, status) => importForm(reply, product, kind, values, { errors, status }),
        conflict: (latest: StrategyDocument, _yours, status) =>
          importForm(
            reply,
            product,
            kind,
            { ...values, version: String(latest.version) },
            { conflict: latest, status },
          ),
        saved: version => {
          request.session.flash({ kind: 'success', heading: `${kind.name} imported (version ${version})` })
          return reply.seeOther(productHref(product.id, `/${kind.slug}`))
        },
      })
    },
  )
}
