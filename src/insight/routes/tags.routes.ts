// Tagging a piece of insight to things and to problems on their roadmaps (find a thing by name,
// then tag the thing or one of its open problems; remove a tag), and merging a duplicate into
// it: every tag and idea link of the duplicate moves here, and both histories say so.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { ConflictError, staleRecord, ValidationError } from '../../platform/errors.ts'
import { formErrors, type FormErrors } from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import { canEditInsight } from '../insight.policy.ts'
import { findQuery, readMerge, readTag } from '../insight.schemas.ts'
import type { Insight, InsightRecord } from '../insight.types.ts'
import { candidateRows, insightHref, insightView } from '../insight.views.ts'
import { config, insightPages, insightParams, NAV, responsibleFor } from './shared.ts'

type Find = { Params: { insightId: string }; Querystring: { find?: string } }
type InsightId = { Params: { insightId: string } }

export default async function tagRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { insight } = services
  const load = insightPages(services)

  const tagsPage = async (
    reply: FastifyReply,
    record: InsightRecord,
    find: string,
    o: { errors?: FormErrors; status?: number } = {},
  ) =>
    reply.page(
      'insight/views/tags.njk',
      {
        pageTitle: `Tag to things and problems: ${record.title}`,
        ...insightView(record),
        find,
        found: await insight.thingsToTag(find),
        href: insightHref(record.id, '/tags'),
        errors: o.errors,
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<Find>(
    '/insight/:insightId/tags',
    { config, schema: { params: insightParams, querystring: findQuery } },
    async (request, reply) => {
      const { record, can } = await load(request)
      authorize(can.edit)
      return tagsPage(reply, record, (request.query.find ?? '').trim())
    },
  )

  const findOf = (request: FastifyRequest) => {
    const body = request.body as Record<string, unknown> | undefined
    return typeof body?.find === 'string' ? body.find.slice(0, 200) : ''
  }

  app.post<InsightId>(
    '/insight/:insightId/tags',
    { config, schema: { params: insightParams } },
    async (request, reply) => {
      const { record, can, actor } = await load(request)
      authorize(can.edit)
      const tag = readTag(request.body)
      const find = findOf(request)
      if (!tag)
        return tagsPage(reply, record, find, {
          errors: formErrors({ find: 'Choose a thing or a problem to tag' }),
          status: 400,
        })
      try {
        await insight.tag(actor, record, tag)
      } catch (err) {
        if (err instanceof ValidationError)
          return tagsPage(reply, record, find, {
            errors: { list: Object.values(err.fieldErrors).map(text => ({ text, href: '#find' })), fields: {} },
            status: 400,
          })
        throw err
      }
      request.session.flash({ kind: 'success', heading: tag.itemId ? 'Tagged to the problem' : 'Tagged to the thing' })
      return reply.seeOther(insightHref(record.id, '/tags'))
    },
  )

  app.post<InsightId>(
    '/insight/:insightId/tags/remove',
    { config, schema: { params: insightParams } },
    async (request, reply) => {
      const { record, can, actor } = await load(request)
      authorize(can.edit)
      const tag = readTag(request.body)
      if (!tag)
        return tagsPage(reply, record, '', { errors: formErrors({ find: 'Choose a tag to remove' }), status: 400 })
      await insight.untag(actor, record, tag)
      request.session.flash({ kind: 'success', heading: 'Tag removed' })
      return reply.seeOther(insightHref(record.id, '/tags'))
    },
  )

  const mergePage = async (
    reply: FastifyReply,
    record: Insight,
    find: string,
    o: { errors?: FormErrors; status?: number; conflict?: boolean } = {},
  ) =>
    reply.page(
      'insight/views/merge.njk',
      {
        pageTitle: `Merge a duplicate into this insight: ${record.title}`,
        insight: record,
        find,
        candidates: candidateRows(await insight.search(find, { except: [record.id] })),
        href: insightHref(record.id, '/merge'),
        errors: o.errors,
        conflict: o.conflict,
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<Find>(
    '/insight/:insightId/merge',
    { config, schema: { params: insightParams, querystring: findQuery } },
    async (request, reply) => {
      const { record, can } = await load(request)
      authorize(can.edit)
      return mergePage(reply, record, (request.query.find ?? '').trim())
    },
  )

  app.post<InsightId>(
    '/insight/:insightId/merge',
    { config, schema: { params: insightParams } },
    async (request, reply) => {
      const { viewer, record, can, actor } = await load(request)
      authorize(can.edit)
      const find = findOf(request)
      const choice = readMerge(request.body)
      if (!choice)
        return mergePage(reply, record, find, {
          errors: formErrors({ duplicateId: 'Choose the duplicate to merge into this insight' }),
          status: 400,
        })
      const duplicate = await insight.get(choice.duplicateId)
      const responsible = await responsibleFor(
        services,
        viewer,
        duplicate.things.map(t => t.productId),
      )
      authorize(canEditInsight(viewer, duplicate, responsible) || duplicate.status !== 'published')
      try {
        const moved = await insight.merge(actor, record, duplicate, {
          kept: choice.keptVersion,
          duplicate: choice.duplicateVersion,
        })
        const brought = moved.things + moved.problems + moved.ideas
        request.session.flash({
          kind: 'success',
          heading: 'Duplicate merged',
          text:
            brought === 0
              ? 'It brought no tags or ideas this insight did not have already.'
              : `It brought ${brought} new ${brought === 1 ? 'tag or idea' : 'tags and ideas'}.`,
        })
        return reply.seeOther(insightHref(record.id))
      } catch (err) {
        const latest = staleRecord<Insight>(err)
        if (latest)
          return mergePage(reply, latest.id === record.id ? latest : record, find, { conflict: true, status: 409 })
        if (err instanceof ValidationError)
          return mergePage(reply, record, find, { errors: formErrors(err.fieldErrors, ['duplicateId']), status: 400 })
        if (err instanceof ConflictError) return mergePage(reply, record, find, { conflict: true, status: 409 })
        throw err
      }
    },
  )
}
