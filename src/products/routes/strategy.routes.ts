// A thing's strategy on one page: its details, phase and stage, the summary of every part with a
// link to its own page, and flags for what is missing or stale; and the same as Markdown.
import type { FastifyInstance } from 'fastify'
import { PageCache } from '../../platform/http/page-cache.ts'
import { slugify } from '../../platform/slug.ts'
import type { Services } from '../../services.ts'
import { NAME_ADVICE, nameGuidance } from '../naming/naming.ts'
import { PHASE_LABELS, PRODUCT_KIND_LABELS, STAGE_LABELS, strategyTitle } from '../products.types.ts'
import { PHASE_GUIDANCE, moveItems } from '../products.views.ts'
import { strategyFlags, strategyParts, strategySections } from '../strategy.ts'
import { strategyMarkdown } from '../strategy.markdown.ts'
import { productPages, productParams } from './shared.ts'

export default async function strategyRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { products, strategy } = services
  const load = productPages(services)
  const loadThing = productPages(services, { things: true })
  // A strategy page is rendered once until something it shows changes (products.strategyVersion).
  const cache = new PageCache(500, 16 * 1024 * 1024)

  app.get<{ Params: { id: string } }>(
    '/products/:id',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const context = async () => {
        const overview = await strategy.overview(product)
        const { links, moves } = overview
        const thing = product.scope === 'thing'
        const naming = thing ? nameGuidance(product) : null
        return {
          pageTitle: strategyTitle(product),
          title: strategyTitle(product),
          thing,
          product,
          kindLabel: PRODUCT_KIND_LABELS[product.kind],
          phaseLabel: PHASE_LABELS[product.phase],
          stageLabel: STAGE_LABELS[product.stage],
          guidance: product.kind === 'service' || product.kind === 'feature' ? PHASE_GUIDANCE[product.phase] : null,
          links,
          history: moveItems(moves.slice(0, 6)),
          moreHistory: moves.length > 6,
          parts: strategyParts(product, overview),
          flags: strategyFlags(product, overview),
          naming,
          namingAdvice: NAME_ADVICE,
          can,
        }
      }
      // An area's or the organisation's page shows objectives audited apart from it: never cached.
      if (product.scope !== 'thing')
        return reply.page('products/views/strategy.njk', await context(), { nav: 'products' })
      const version = await products.strategyVersion(product)
      return reply.cachedPage(
        cache,
        `${product.id}:${version}:${can.edit}:${can.delete}`,
        'products/views/strategy.njk',
        context,
        { nav: 'products' },
      )
    },
  )

  app.get<{ Params: { id: string } }>(
    '/products/:id/history',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await loadThing(request)
      return reply.page(
        'products/views/lifecycle.njk',
        {
          pageTitle: `Phase and stage history: ${product.name}`,
          product,
          history: moveItems(await products.moves(product.id)),
          can,
        },
        { nav: 'products' },
      )
    },
  )

  app.get<{ Params: { id: string } }>(
    '/products/:id/strategy.md',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product } = await load(request)
      const full = await strategy.full(product)
      const slug = slugify(strategyTitle(product)) || 'strategy'
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${slug}-strategy.md"`)
        .send(
          strategyMarkdown(product, full.links, full.docs, { people: full.people }, strategySections(product, full)),
        )
    },
  )
}
