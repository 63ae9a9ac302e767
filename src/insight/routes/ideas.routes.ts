// Ideas: the list, adding one (from a piece of insight, which it is linked to, or for a problem on
// a roadmap), its page with the insight behind it, changing it (versioned), and linking or
// unlinking the insight behind it.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { requireViewer } from '../../platform/auth/viewer.ts'
import { NotFoundError, ValidationError } from '../../platform/errors.ts'
import { formErrors, saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { readVersion } from '../../products/products.schemas.ts'
import type { Services } from '../../services.ts'
import { canAddInsight, canSeeInsight } from '../insight.policy.ts'
import { findQuery, IDEA_FIELDS, pageNumber, readId, readIdea } from '../insight.schemas.ts'
import type { Idea, IdeaRecord, InsightRecord, ProblemGroup } from '../insight.types.ts'
import { pagination } from '../../platform/pagination.ts'
import { candidateRows, ideaFormView, ideaHref, ideaRows, ideaView, insightHref } from '../insight.views.ts'
import { config, ideaPages, ideaParams, NAV } from './shared.ts'

const listQuery = { type: 'object', properties: { page: { type: 'string', maxLength: 6 } } } as const
const newQuery = {
  type: 'object',
  properties: { insight: { type: 'string', maxLength: 64 }, item: { type: 'string', maxLength: 64 } },
} as const
const UUID = /^[0-9a-f-]{36}$/

type IdeaId = { Params: { ideaId: string } }

export default async function ideaRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { insight } = services
  const load = ideaPages(services)

  app.get<{ Querystring: { page?: string } }>(
    '/insight/ideas',
    { config, schema: { querystring: listQuery } },
    async (request, reply) => {
      const viewer = requireViewer(request)
      authorize(canSeeInsight(viewer))
      const page = await insight.ideas(pageNumber(request.query.page))
      return reply.page(
        'insight/views/ideas.njk',
        {
          pageTitle: 'Ideas',
          rows: ideaRows(page.items),
          total: page.total,
          pagination: pagination({
            page: page.page,
            pages: page.pages,
            href: n => (n > 1 ? `/insight/ideas?page=${n}` : '/insight/ideas'),
            landmarkLabel: 'Pages of ideas',
          }),
          can: { add: canAddInsight(viewer) },
        },
        { nav: NAV },
      )
    },
  )

  /** What a new idea starts from: published insight behind it, and the problems it could answer. */
  const startingPoint = async (insightId: string | null, itemId: string | null) => {
    let behind: InsightRecord | null = null
    if (insightId && UUID.test(insightId)) {
      try {
        const found = await insight.get(insightId)
        if (found.status === 'published') behind = found
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err
      }
    }
    const problem = itemId && UUID.test(itemId) ? await insight.problem(itemId) : null
    const groups = await insight.problemGroups([
      ...(behind?.things.map(t => t.productId) ?? []),
      ...(problem ? [problem.productId] : []),
    ])
    return { behind, groups }
  }

  const ideaForm = (
    reply: FastifyReply,
    values: FormValues,
    groups: readonly ProblemGroup[],
    o: {
      behind?: InsightRecord | null
      idea?: Idea
      errors?: FormErrors
      status?: number
      conflict?: Idea
    } = {},
  ) =>
    reply.page(
      'insight/views/idea-form.njk',
      {
        pageTitle: o.idea ? 'Change an idea' : 'Add an idea',
        heading: o.idea ? 'Change an idea' : 'Add an idea',
        action: o.idea ? ideaHref(o.idea.id, '/edit') : '/insight/ideas/new',
        cancelHref: o.idea ? ideaHref(o.idea.id) : o.behind ? insightHref(o.behind.id) : '/insight/ideas',
        behind: o.behind ?? null,
        editing: Boolean(o.idea),
        conflict: o.conflict,
        ...ideaFormView(values, groups, o.errors),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<{ Querystring: { insight?: string; item?: string } }>(
    '/insight/ideas/new',
    { config, schema: { querystring: newQuery } },
    async (request, reply) => {
      authorize(canAddInsight(requireViewer(request)))
      const { behind, groups } = await startingPoint(request.query.insight ?? null, request.query.item ?? null)
      return ideaForm(reply, { itemId: request.query.item ?? '', insightId: behind?.id ?? '' }, groups, { behind })
    },
  )

  app.post('/insight/ideas/new', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canAddInsight(viewer))
    const body = request.body as Record<string, unknown> | undefined
    const item = typeof body?.itemId === 'string' ? body.itemId : null
    const { behind, groups } = await startingPoint(readId(request.body, 'insightId'), item)
    const form = readIdea(request.body, { itemIds: groups.flatMap(g => g.problems.map(p => p.id)) })
    if (!form.ok) return ideaForm(reply, form.values, groups, { behind, errors: form.errors, status: 400 })
    try {
      const id = await insight.addIdea(actorOf(viewer.user), form.value, behind ? [behind.id] : [])
      request.session.flash({ kind: 'success', heading: 'Idea added' })
      return reply.seeOther(ideaHref(id))
    } catch (err) {
      if (err instanceof ValidationError)
        return ideaForm(reply, form.values, groups, {
          behind,
          errors: formErrors(err.fieldErrors, IDEA_FIELDS),
          status: 400,
        })
      throw err
    }
  })

  const ideaPage = async (
    reply: FastifyReply,
    idea: IdeaRecord,
    can: { edit: boolean },
    find: string,
    o: { errors?: FormErrors; status?: number } = {},
  ) =>
    reply.page(
      'insight/views/idea.njk',
      {
        pageTitle: `${idea.title}: idea`,
        ...ideaView(idea),
        find,
        candidates: can.edit ? candidateRows(await insight.search(find, { except: idea.insight.map(i => i.id) })) : [],
        href: ideaHref(idea.id),
        errors: o.errors,
        can,
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<IdeaId & { Querystring: { find?: string } }>(
    '/insight/ideas/:ideaId',
    { config, schema: { params: ideaParams, querystring: findQuery } },
    async (request, reply) => {
      const { idea, can } = await load(request)
      return ideaPage(reply, idea, can, (request.query.find ?? '').trim())
    },
  )

  const editGroups = async (idea: IdeaRecord) => {
    const things = new Set<string>(idea.productId ? [idea.productId] : [])
    for (const i of idea.insight) {
      const record = await insight.get(i.id)
      for (const t of record.things) things.add(t.productId)
    }
    return insight.problemGroups([...things])
  }

  app.get<IdeaId>('/insight/ideas/:ideaId/edit', { config, schema: { params: ideaParams } }, async (request, reply) => {
    const { idea, can } = await load(request)
    authorize(can.edit)
    const values = {
      title: idea.title,
      description: idea.description,
      itemId: idea.itemId ?? '',
      version: String(idea.version),
    }
    return ideaForm(reply, values, await editGroups(idea), { idea })
  })

  app.post<IdeaId>(
    '/insight/ideas/:ideaId/edit',
    { config, schema: { params: ideaParams } },
    async (request, reply) => {
      const { idea, can, actor } = await load(request)
      authorize(can.edit)
      const groups = await editGroups(idea)
      // The problem it answers now stays a choice even when it has left the roadmap.
      const itemIds = [...groups.flatMap(g => g.problems.map(p => p.id)), ...(idea.itemId ? [idea.itemId] : [])]
      const form = readIdea(request.body, { itemIds })
      return saveVersioned({
        form,
        fields: IDEA_FIELDS,
        save: input => insight.updateIdea(actor, idea, input, readVersion(request.body)),
        invalid: (errors, status) => ideaForm(reply, form.values, groups, { idea, errors, status }),
        conflict: (latest: Idea, _v, status) =>
          ideaForm(reply, { ...form.values, version: String(latest.version) }, groups, {
            idea: latest,
            conflict: latest,
            status,
          }),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Idea saved' })
          return reply.seeOther(ideaHref(idea.id))
        },
      })
    },
  )

  app.post<IdeaId>(
    '/insight/ideas/:ideaId/links',
    { config, schema: { params: ideaParams } },
    async (request, reply) => {
      const { idea, can, actor } = await load(request)
      authorize(can.edit)
      const insightId = readId(request.body, 'insightId')
      const body = request.body as Record<string, unknown> | undefined
      const find = typeof body?.find === 'string' ? body.find.slice(0, 200) : ''
      try {
        if (!insightId) throw new ValidationError({ insightId: 'Choose the insight behind this idea' })
        await insight.linkIdea(actor, idea, insightId)
      } catch (err) {
        if (err instanceof ValidationError)
          return ideaPage(reply, idea, can, find, { errors: formErrors(err.fieldErrors, ['insightId']), status: 400 })
        throw err
      }
      request.session.flash({ kind: 'success', heading: 'Insight linked to the idea' })
      return reply.seeOther(ideaHref(idea.id))
    },
  )

  app.post<IdeaId>(
    '/insight/ideas/:ideaId/links/remove',
    { config, schema: { params: ideaParams } },
    async (request, reply) => {
      const { idea, can, actor } = await load(request)
      authorize(can.edit)
      const insightId = readId(request.body, 'insightId')
      if (!insightId)
        return ideaPage(reply, idea, can, '', {
          errors: formErrors({ insightId: 'Choose the insight to unlink' }),
          status: 400,
        })
      await insight.unlinkIdea(actor, idea, insightId)
      request.session.flash({ kind: 'success', heading: 'Insight unlinked from the idea' })
      return reply.seeOther(ideaHref(idea.id))
    },
  )
}
