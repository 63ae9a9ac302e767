// A thing's strategy on one page: its details, phase and stage, the summary of every part with a
// link to its own page, and flags for what is missing or stale; and the same as Markdown.
import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services.ts'
import { DOCUMENT_KINDS } from '../kinds/index.ts'
import { PHASE_LABELS, PRODUCT_KIND_LABELS, STAGE_LABELS } from '../products.types.ts'
import { PHASE_GUIDANCE, moveItems } from '../products.views.ts'
import { decisionsMarkdown, decisionsPart } from '../decisions/decisions.views.ts'
import {
  prioritisationFlags,
  prioritisationMarkdown,
  prioritisationPart,
} from '../prioritisation/prioritisation.views.ts'
import { reviewFlags, reviewsMarkdown, reviewsPart } from '../reviews/reviews.views.ts'
import { documentFlags, documentPart } from '../strategy.ts'
import { markdownText, strategyMarkdown } from '../strategy.markdown.ts'
import { productPages, productParams } from './shared.ts'

export default async function strategyRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { products, documents, prioritisation, decisions, reviews } = services
  const load = productPages(services)

  app.get<{ Params: { id: string } }>(
    '/products/:id',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const [links, moves, docs, board, decisionSummary, reviewList] = await Promise.all([
        products.links(product.id),
        products.moves(product.id),
        documents.all(product.id, DOCUMENT_KINDS),
        prioritisation.board(product.id),
        decisions.summary(product.id),
        reviews.list(product.id),
      ])
      const parts = docs.map(d => documentPart(d, product.id))
      parts.push(
        prioritisationPart(product.id, { ...board, criteria: board.criteria.criteria }),
        decisionsPart(product.id, decisionSummary),
        reviewsPart(product.id, reviewList),
      )
      const flags = [
        ...documentFlags(docs, product.id),
        ...reviewFlags(product.id, reviewList[0]?.heldOn ?? null, reviews.today()),
        ...prioritisationFlags(product.id, board.quarters),
      ]
      return reply.page(
        'products/views/strategy.njk',
        {
          pageTitle: product.name,
          product,
          kindLabel: PRODUCT_KIND_LABELS[product.kind],
          phaseLabel: PHASE_LABELS[product.phase],
          stageLabel: STAGE_LABELS[product.stage],
          guidance: product.kind === 'service' || product.kind === 'feature' ? PHASE_GUIDANCE[product.phase] : null,
          links,
          history: moveItems(moves.slice(0, 6)),
          moreHistory: moves.length > 6,
          parts,
          flags,
          can,
        },
        { nav: 'products' },
      )
    },
  )

  app.get<{ Params: { id: string } }>(
    '/products/:id/history',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
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
      const [links, docs, people, board, decisionList, reviewList] = await Promise.all([
        products.links(product.id),
        documents.all(product.id, DOCUMENT_KINDS),
        services.people.managerChoices(2000),
        prioritisation.board(product.id),
        decisions.list(product.id),
        reviews.list(product.id),
      ])
      const fullReviews = await Promise.all(reviewList.map(r => reviews.get(product.id, r.id)))
      const sections = [
        {
          heading: 'Prioritisation',
          lines: prioritisationMarkdown({ ...board, criteria: board.criteria.criteria }, markdownText),
        },
        { heading: 'Decisions', lines: decisionsMarkdown(decisionList, markdownText) },
        { heading: 'Strategy reviews', lines: reviewsMarkdown(fullReviews, markdownText) },
      ]
      const slug =
        product.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'strategy'
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${slug}-strategy.md"`)
        .send(strategyMarkdown(product, links, docs, { people }, sections))
    },
  )
}
