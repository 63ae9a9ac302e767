// A thing's strategy on one page: its details, phase and stage, the summary of every part with a
// link to its own page, and flags for what is missing or stale; and the same as Markdown.
import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services.ts'
import { nextAssessment } from '../assessments/assessments.service.ts'
import { assessmentsMarkdown, assessmentsPart } from '../assessments/assessments.views.ts'
import { healthPart } from '../health/health.views.ts'
import { hypothesesFlags, hypothesesMarkdown, hypothesesPart } from '../hypotheses/hypotheses.views.ts'
import { DOCUMENT_KINDS } from '../kinds/index.ts'
import { metricsMarkdown, metricsPart } from '../metrics/metrics.views.ts'
import { NAME_ADVICE, nameGuidance } from '../naming/naming.ts'
import { PHASE_LABELS, PRODUCT_KIND_LABELS, STAGE_LABELS } from '../products.types.ts'
import { PHASE_GUIDANCE, moveItems } from '../products.views.ts'
import { decisionsMarkdown, decisionsPart } from '../decisions/decisions.views.ts'
import {
  prioritisationFlags,
  prioritisationMarkdown,
  prioritisationPart,
} from '../prioritisation/prioritisation.views.ts'
import { reviewFlags, reviewsMarkdown, reviewsPart } from '../reviews/reviews.views.ts'
import { roadmapFlags, roadmapMarkdown, roadmapPart } from '../roadmap/roadmap.views.ts'
import { documentFlags, documentPart } from '../strategy.ts'
import { markdownText, strategyMarkdown } from '../strategy.markdown.ts'
import { productPages, productParams } from './shared.ts'

export default async function strategyRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { products, documents, metrics, roadmap, hypotheses, assessments, health, prioritisation, decisions, reviews } =
    services
  const load = productPages(services)

  app.get<{ Params: { id: string } }>(
    '/products/:id',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await load(request)
      const [links, moves, docs, board, summaries, tests, assessed, rounds, options, decisionSummary, reviewList] =
        await Promise.all([
          products.links(product.id),
          products.moves(product.id),
          documents.all(product.id, DOCUMENT_KINDS),
          roadmap.board(product.id),
          metrics.summaries(product.id),
          hypotheses.list(product.id),
          assessments.list(product.id),
          health.results(product.id),
          prioritisation.board(product.id),
          decisions.summary(product.id),
          reviews.list(product.id),
        ])
      const today = hypotheses.today()
      const parts = [
        ...docs.map(d => documentPart(d, product.id)),
        roadmapPart(board, product.id),
        metricsPart(summaries, product.id),
        hypothesesPart(tests, product.id, today),
        prioritisationPart(product.id, { ...options, criteria: options.criteria.criteria }),
        decisionsPart(product.id, decisionSummary),
        reviewsPart(product.id, reviewList),
      ]
      if (product.kind === 'service')
        parts.push(assessmentsPart(product.id, assessed, nextAssessment(product, assessed, today)))
      parts.push(healthPart(product.id, rounds))
      const naming = nameGuidance(product)
      const flags = [
        ...(naming ? [{ text: 'The name starts with a noun', href: '#name-guidance' }] : []),
        ...documentFlags(docs, product.id),
        ...roadmapFlags(board, product.id),
        ...hypothesesFlags(tests, product.id, today),
        ...reviewFlags(product.id, reviewList[0]?.heldOn ?? null, today),
        ...prioritisationFlags(product.id, options.quarters),
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
          naming,
          namingAdvice: NAME_ADVICE,
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
      const [links, docs, people, board, summaries, tests, assessed, evidence, options, decisionList, reviewList] =
        await Promise.all([
          products.links(product.id),
          documents.all(product.id, DOCUMENT_KINDS),
          services.people.managerChoices(2000),
          roadmap.board(product.id),
          metrics.summaries(product.id),
          hypotheses.list(product.id),
          assessments.list(product.id),
          assessments.evidence(product.id),
          prioritisation.board(product.id),
          decisions.list(product.id),
          reviews.list(product.id),
        ])
      const fullReviews = await Promise.all(reviewList.map(r => reviews.get(product.id, r.id)))
      const measured = await Promise.all(
        summaries.map(async summary => ({ summary, measurements: await metrics.measurements(summary.metric.id) })),
      )
      const slug =
        product.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'strategy'
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${slug}-strategy.md"`)
        .send(
          strategyMarkdown(product, links, docs, { people }, [
            roadmapMarkdown(board),
            metricsMarkdown(measured),
            hypothesesMarkdown(tests),
            {
              heading: 'Prioritisation',
              lines: prioritisationMarkdown({ ...options, criteria: options.criteria.criteria }, markdownText),
            },
            { heading: 'Decisions', lines: decisionsMarkdown(decisionList, markdownText) },
            { heading: 'Strategy reviews', lines: reviewsMarkdown(fullReviews, markdownText) },
            ...(product.kind === 'service' || assessed.length > 0 ? [assessmentsMarkdown(assessed, evidence)] : []),
          ]),
        )
    },
  )
}
