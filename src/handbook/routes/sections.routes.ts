// Arranging the handbook: the manage page, and adding, changing, moving and deleting sections.
import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { ValidationError } from '../../platform/errors.ts'
import { formErrors, parseForm, zodMessages } from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import { canEditHandbook } from '../handbook.policy.ts'
import { directionSchema, sectionSchema } from '../handbook.schemas.ts'
import { requireUser, slugParams } from './shared.ts'

export default async function sectionsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { handbook } = services

  app.get('/handbook/manage', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canEditHandbook(request.user))
    return reply.page(
      'handbook/views/manage.njk',
      { pageTitle: 'Arrange the handbook', ...(await handbook.contents()) },
      { nav: 'handbook' },
    )
  })

  app.get('/handbook/sections/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canEditHandbook(request.user))
    return reply.page(
      'handbook/views/section-form.njk',
      { pageTitle: 'New section', values: {}, action: '/handbook/sections/new' },
      { nav: 'handbook' },
    )
  })

  app.post('/handbook/sections/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request)
    authorize(canEditHandbook(user))
    const parsed = parseForm(sectionSchema, request.body, ['title', 'summary'])
    if (!parsed.ok) {
      return reply.page(
        'handbook/views/section-form.njk',
        { pageTitle: 'New section', values: request.body, errors: parsed.errors, action: '/handbook/sections/new' },
        { status: 400, nav: 'handbook' },
      )
    }
    const section = await handbook.createSection(actorOf(user), parsed.value)
    request.session.flash({ kind: 'success', heading: `You created the section ‘${section.title}’` })
    return reply.seeOther('/handbook/manage')
  })

  app.get<{ Params: { slug: string } }>(
    '/handbook/sections/:slug/edit',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canEditHandbook(request.user))
      const section = await handbook.section(request.params.slug)
      return reply.page(
        'handbook/views/section-form.njk',
        {
          pageTitle: `Change ${section.title}`,
          values: section,
          section,
          action: `/handbook/sections/${section.slug}/edit`,
        },
        { nav: 'handbook' },
      )
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/sections/:slug/edit',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canEditHandbook(user))
      const section = await handbook.section(request.params.slug)
      const parsed = parseForm(sectionSchema, request.body, ['title', 'summary'])
      if (!parsed.ok) {
        return reply.page(
          'handbook/views/section-form.njk',
          {
            pageTitle: `Change ${section.title}`,
            values: request.body,
            section,
            errors: parsed.errors,
            action: `/handbook/sections/${section.slug}/edit`,
          },
          { status: 400, nav: 'handbook' },
        )
      }
      await handbook.updateSection(actorOf(user), section.slug, parsed.value)
      request.session.flash({ kind: 'success', heading: 'Section saved' })
      return reply.seeOther('/handbook/manage')
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/sections/:slug/move',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canEditHandbook(user))
      const parsed = directionSchema.safeParse(request.body)
      if (!parsed.success) throw new ValidationError(zodMessages(parsed.error))
      await handbook.reorderSection(actorOf(user), request.params.slug, parsed.data.direction)
      return reply.seeOther(`/handbook/manage#section-${request.params.slug}`)
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/sections/:slug/delete',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canEditHandbook(user))
      try {
        await handbook.deleteSection(actorOf(user), request.params.slug)
      } catch (err) {
        if (err instanceof ValidationError) {
          return reply.page(
            'handbook/views/manage.njk',
            { pageTitle: 'Arrange the handbook', ...(await handbook.contents()), errors: formErrors(err.fieldErrors) },
            { status: 400, nav: 'handbook' },
          )
        }
        throw err
      }
      request.session.flash({ kind: 'success', heading: 'Section deleted' })
      return reply.seeOther('/handbook/manage')
    },
  )
}
