// Writing and changing a page: the form with preview and conflict detection, moving a page
// within its section, and deleting it.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { ValidationError, staleRecord } from '../../platform/errors.ts'
import {
  FormProblems,
  formErrors,
  readChoices,
  readText,
  zodMessages,
  type FormErrors,
  type FormResult,
} from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import { canEditHandbook } from '../handbook.policy.ts'
import type { Page } from '../handbook.types.ts'
import { PAGE_FIELDS, directionSchema, pageFormSchema, parseResourceRows, versionSchema } from '../handbook.schemas.ts'
import type { PageInput } from '../pages/pages.service.ts'
import { lineDiff } from '../../platform/diff.ts'
import { pageFormView, type PageFormInput } from '../handbook.views.ts'
import { requireUser, slugParams, type SlugRequest } from './shared.ts'

export default async function editingRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { handbook } = services

  const editForm = async (
    reply: FastifyReply,
    o: {
      mode: 'new' | 'edit'
      page?: Page
      values: Record<string, unknown>
      input: PageFormInput
      errors?: FormErrors
      preview?: string
      conflict?: { latest: Page; diff: ReturnType<typeof lineDiff> }
      status?: number
    },
  ) => {
    const [terms, sections] = await Promise.all([handbook.tagTerms(), handbook.sections()])
    return reply.page('handbook/views/edit.njk', pageFormView(terms, sections, o), {
      status: o.status ?? 200,
      nav: 'handbook',
    })
  }

  /** Parses the edit form into page input, or the errors to show; `input` is what to show again. */
  const readPageForm = (
    body: unknown,
  ): FormResult<PageInput & { baseVersion?: number; action?: string }> & {
    input: PageFormInput
  } => {
    const problems = new FormProblems()
    const parsed = problems.parse(pageFormSchema, body)
    const resources = parseResourceRows(body)
    problems.addAll(resources.errors)
    const input = {
      roles: readChoices(body, 'roles').chosen,
      skills: readChoices(body, 'skills').chosen,
      resources: resources.rows,
      sectionId: readText(body, 'sectionId', 100),
    }
    const value = parsed ? { ...parsed, resources: resources.resources } : undefined
    return { ...problems.result(PAGE_FIELDS, value, body), input }
  }

  app.get('/handbook/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canEditHandbook(request.user))
    const query = request.query as Record<string, unknown>
    const sections = await handbook.sections()
    const sectionId = sections.find(s => s.slug === query.section)?.id ?? sections[0]?.id ?? ''
    return editForm(reply, {
      mode: 'new',
      values: { sectionId },
      input: { roles: [], skills: [], resources: [], sectionId },
    })
  })

  app.post('/handbook/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request)
    authorize(canEditHandbook(user))
    const values = request.body as Record<string, unknown>
    const form = readPageForm(request.body)
    if (!form.ok) return editForm(reply, { mode: 'new', values, input: form.input, errors: form.errors, status: 400 })
    if (form.value.action === 'preview') {
      return editForm(reply, {
        mode: 'new',
        values,
        input: form.input,
        preview: await handbook.renderBody(form.value.body),
      })
    }
    try {
      const page = await handbook.createPage(actorOf(user), form.value)
      request.session.flash({ kind: 'success', heading: `You created ‘${page.title}’` })
      return reply.seeOther(`/handbook/${page.slug}`)
    } catch (err) {
      if (err instanceof ValidationError)
        return editForm(reply, {
          mode: 'new',
          values,
          input: form.input,
          errors: formErrors(err.fieldErrors, PAGE_FIELDS),
          status: 400,
        })
      throw err
    }
  })

  app.get<{ Params: { slug: string } }>(
    '/handbook/:slug/edit',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canEditHandbook(request.user))
      const page = await handbook.page(request.params.slug)
      return editForm(reply, {
        mode: 'edit',
        page,
        values: { ...page, baseVersion: page.version, changeNote: '' },
        input: { roles: page.roles, skills: page.skills, resources: page.resources, sectionId: page.sectionId },
      })
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/:slug/edit',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canEditHandbook(user))
      const page = await handbook.page(request.params.slug)
      const values = request.body as Record<string, unknown>
      const form = readPageForm(request.body)
      if (!form.ok)
        return editForm(reply, { mode: 'edit', page, values, input: form.input, errors: form.errors, status: 400 })
      const baseVersion = form.value.baseVersion ?? page.version
      if (form.value.action === 'preview') {
        return editForm(reply, {
          mode: 'edit',
          page,
          values,
          input: form.input,
          preview: await handbook.renderBody(form.value.body),
        })
      }
      try {
        await handbook.updatePage(actorOf(user), page.slug, form.value, baseVersion)
      } catch (err) {
        const latest = staleRecord<Page>(err)
        if (latest) {
          // Show both texts; the form keeps what they typed, now based on the latest version.
          return editForm(reply, {
            mode: 'edit',
            page: latest,
            values: { ...values, baseVersion: latest.version },
            input: form.input,
            conflict: { latest, diff: lineDiff(latest.body, form.value.body) },
            errors: formErrors({
              body: `${latest.updatedByName} saved a new version of this page while you were editing. Compare the two texts, combine them in the box below, then save again`,
            }),
            status: 409,
          })
        }
        if (err instanceof ValidationError)
          return editForm(reply, {
            mode: 'edit',
            page,
            values,
            input: form.input,
            errors: formErrors(err.fieldErrors, PAGE_FIELDS),
            status: 400,
          })
        throw err
      }
      request.session.flash({ kind: 'success', heading: 'Your changes have been saved' })
      return reply.seeOther(`/handbook/${page.slug}`)
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/:slug/move',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request: SlugRequest, reply) => {
      const user = requireUser(request)
      authorize(canEditHandbook(user))
      const parsed = directionSchema.safeParse(request.body)
      if (!parsed.success) throw new ValidationError(zodMessages(parsed.error))
      await handbook.reorderPage(actorOf(user), request.params.slug, parsed.data.direction)
      return reply.seeOther(`/handbook/manage#page-${request.params.slug}`)
    },
  )

  app.get<{ Params: { slug: string } }>(
    '/handbook/:slug/delete',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canEditHandbook(request.user))
      const page = await handbook.page(request.params.slug)
      return reply.page('handbook/views/delete.njk', { pageTitle: `Delete ${page.title}`, page }, { nav: 'handbook' })
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/:slug/delete',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canEditHandbook(user))
      const parsed = versionSchema.safeParse(request.body)
      const page = await handbook.page(request.params.slug)
      try {
        await handbook.deletePage(actorOf(user), page.slug, parsed.success ? parsed.data.baseVersion : -1)
      } catch (err) {
        const latest = staleRecord<Page>(err)
        if (latest) {
          return reply.page(
            'handbook/views/delete.njk',
            { pageTitle: `Delete ${page.title}`, page: latest, changed: true },
            { status: 409, nav: 'handbook' },
          )
        }
        throw err
      }
      request.session.flash({
        kind: 'success',
        heading: `‘${page.title}’ has been deleted`,
        text: 'The audit log keeps a record that it was deleted.',
      })
      return reply.seeOther('/handbook/manage')
    },
  )
}
