// The handbook's pages: contents, reading, search, editing with preview and conflict
// detection, history and comparison, suggestions and their review, and arranging sections.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import type { FrameworkTerms } from '../framework/framework.terms.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { safeReturnPath } from '../platform/auth/session.ts'
import type { CurrentUser } from '../platform/auth/roles.ts'
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.ts'
import { formErrors, parseForm, zodMessages, type FormErrors } from '../platform/forms.ts'
import { PageCache } from '../platform/http/page-cache.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import type { Services } from '../services.ts'
import {
  canEditHandbook,
  canReadHandbook,
  canReviewSuggestions,
  canSeeAuthors,
  canSeeHistory,
  canSeeSuggestion,
  canSuggestChange,
} from './handbook.policy.ts'
import type { Page, Resource } from './handbook.repository.ts'
import {
  BLANK_RESOURCE_ROWS,
  PAGE_FIELDS,
  RESOURCE_FORMATS,
  SUGGEST_FIELDS,
  acceptSchema,
  declineSchema,
  directionSchema,
  pageFormSchema,
  parseResourceRows,
  sectionSchema,
  suggestFormSchema,
  versionSchema,
} from './handbook.schemas.ts'
import { PageConflictError, lineDiff, type PageInput } from './handbook.service.ts'
import { renderMarkdown } from './markdown.ts'

const slugParams = {
  type: 'object',
  properties: { slug: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' } },
  required: ['slug'],
} as const
const versionParams = {
  type: 'object',
  properties: {
    slug: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' },
    version: { type: 'integer', minimum: 1, maximum: 1000000 },
  },
  required: ['slug', 'version'],
} as const
const idParams = uuidParams('id')

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>

function requireUser(request: FastifyRequest): CurrentUser {
  authorize(request.user !== null)
  return request.user
}

/**
 * Checkboxes for the current framework's roles, and for any role the page has that the framework
 * has since retired, so it is not dropped without anyone seeing.
 */
function roleItems(terms: FrameworkTerms, selected: string[]) {
  const slugs = terms.roles.map(r => r.slug)
  for (const slug of selected) if (!slugs.includes(slug)) slugs.push(slug)
  return slugs.map(slug => ({ value: slug, text: terms.roleName(slug), checked: selected.includes(slug) }))
}

/** Checkboxes for one group of skills, in the same way as roleItems. */
function skillItems(terms: FrameworkTerms, selected: string[], group: 'core' | 'leadership') {
  const slugs = terms.skills.filter(s => s.group === group).map(s => s.slug)
  const known = new Set(terms.skills.map(s => s.slug))
  if (group === 'core') for (const slug of selected) if (!known.has(slug)) slugs.push(slug)
  return slugs.map(slug => ({ value: slug, text: terms.skillName(slug), checked: selected.includes(slug) }))
}

/** Resource rows for the form: what is there plus blank rows to add more without JavaScript. */
function resourceRows(resources: (Resource & { index?: number })[]) {
  const rows = resources.map((r, i) => ({ ...r, index: r.index ?? i }))
  const next = rows.reduce((n, r) => Math.max(n, r.index + 1), 0)
  for (let i = 0; i < BLANK_RESOURCE_ROWS; i++)
    rows.push({ kind: 'reading', title: '', author: '', format: '', length: '', url: '', index: next + i })
  return rows
}

export default async function handbookRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { handbook, organisation } = services
  const cache = new PageCache()
  // Searches vary more than pages do: keep fewer of them.
  const searchCache = new PageCache(500)

  const publicHandbook = async () => (await organisation.get())?.publicHandbook ?? false

  /** Readers of a closed handbook who are not signed in are asked to sign in, then brought back. */
  const mayRead = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (canReadHandbook(request.user, await publicHandbook())) return true
    if (request.user) authorize(false)
    const returnTo = safeReturnPath(request.url)
    await reply.seeOther(`/sign-in${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`)
    return false
  }

  const sectionItems = async (selected: string) =>
    (await handbook.sections()).map(s => ({ value: s.id, text: s.title, selected: s.id === selected }))

  // Names never change for a slug, so pages cached by handbook revision stay right when the
  // framework gains a version.
  const tagsFor = async (page: Pick<Page, 'roles' | 'skills'>) => {
    const terms = await handbook.tagTerms()
    return {
      roles: page.roles.map(slug => ({ slug, name: terms.roleName(slug) })),
      skills: page.skills.map(slug => ({ slug, name: terms.skillName(slug) })),
    }
  }

  // ---- Reading ------------------------------------------------------------------------------

  app.get('/handbook', { config: { access: 'public' } }, async (request, reply) => {
    if (!(await mayRead(request, reply))) return reply
    const revision = await handbook.revision()
    const can = { edit: canEditHandbook(request.user) }
    return reply.cachedPage(
      cache,
      `contents:${revision}:${can.edit}`,
      'handbook/views/contents.njk',
      async () => ({ pageTitle: 'Handbook', ...(await handbook.contents()), can }),
      { nav: 'handbook' },
    )
  })

  app.get(
    '/handbook/search',
    {
      config: { access: 'public' },
      schema: {
        querystring: {
          type: 'object',
          properties: { q: { type: 'string', maxLength: 200 }, page: { type: 'integer', minimum: 1, maximum: 1000 } },
        },
      },
    },
    async (request, reply) => {
      if (!(await mayRead(request, reply))) return reply
      const { q = '', page = 1 } = request.query as { q?: string; page?: number }
      const query = q.trim()
      // Results derive from the handbook, so a results page is rendered once per query and
      // handbook revision, like the pages themselves.
      const revision = await handbook.revision()
      return reply.cachedPage(
        searchCache,
        `search:${revision}:${page}:${query}`,
        'handbook/views/search.njk',
        async () => {
          const result = query ? await handbook.search(query, page) : null
          const pageHref = (n: number) =>
            `/handbook/search?${new URLSearchParams({ q: query, page: String(n) }).toString()}`
          const pagination =
            result && result.pages > 1
              ? {
                  previous: result.page > 1 ? { href: pageHref(result.page - 1) } : undefined,
                  next: result.page < result.pages ? { href: pageHref(result.page + 1) } : undefined,
                  items: Array.from({ length: result.pages }, (_, i) => ({
                    number: i + 1,
                    href: pageHref(i + 1),
                    current: i + 1 === result.page,
                  })),
                }
              : null
          return {
            pageTitle: query ? `Search results for ‘${query}’` : 'Search the handbook',
            query,
            result,
            pagination,
          }
        },
        { nav: 'handbook' },
      )
    },
  )

  app.get<{ Params: { slug: string } }>(
    '/handbook/:slug',
    { config: { access: 'public' }, schema: { params: slugParams } },
    async (request, reply) => {
      if (!(await mayRead(request, reply))) return reply
      const revision = await handbook.revision()
      const can = {
        edit: canEditHandbook(request.user),
        suggest: canSuggestChange(request.user),
        history: canSeeHistory(request.user),
        authors: canSeeAuthors(request.user),
      }
      const viewer = can.edit ? 'editor' : request.user ? 'member' : 'public'
      return reply.cachedPage(
        cache,
        `page:${request.params.slug}:${revision}:${viewer}`,
        'handbook/views/page.njk',
        async () => {
          const { page, section, previous, next } = await handbook.pageInContext(request.params.slug)
          return {
            pageTitle: page.title,
            page,
            section,
            pager:
              previous || next
                ? {
                    previous: previous ? { href: `/handbook/${previous.slug}`, labelText: previous.title } : undefined,
                    next: next ? { href: `/handbook/${next.slug}`, labelText: next.title } : undefined,
                  }
                : null,
            tags: await tagsFor(page),
            reading: page.resources.filter(r => r.kind === 'reading'),
            training: page.resources.filter(r => r.kind === 'training'),
            can,
          }
        },
        { nav: 'handbook' },
      )
    },
  )

  // ---- Editing ------------------------------------------------------------------------------

  const editForm = async (
    reply: FastifyReply,
    o: {
      mode: 'new' | 'edit'
      page?: Page
      values: Record<string, unknown>
      input: { roles: string[]; skills: string[]; resources: (Resource & { index?: number })[]; sectionId: string }
      errors?: FormErrors
      preview?: string
      conflict?: { latest: Page; diff: ReturnType<typeof lineDiff> }
      status?: number
    },
  ) => {
    const terms = await handbook.tagTerms()
    return reply.page(
      'handbook/views/edit.njk',
      {
        pageTitle: o.mode === 'new' ? 'New page' : `Edit ${o.page?.title ?? ''}`,
        mode: o.mode,
        page: o.page,
        values: o.values,
        errors: o.errors,
        preview: o.preview,
        conflict: o.conflict,
        sectionItems: await sectionItems(o.input.sectionId),
        roleItems: roleItems(terms, o.input.roles),
        coreSkillItems: skillItems(terms, o.input.skills, 'core'),
        leadershipSkillItems: skillItems(terms, o.input.skills, 'leadership'),
        resourceRows: resourceRows(o.input.resources),
        formats: RESOURCE_FORMATS,
      },
      { status: o.status ?? 200, nav: 'handbook' },
    )
  }

  /** Parses the edit form into page input, or the errors to show. */
  const readPageForm = (body: unknown) => {
    const parsed = parseForm(pageFormSchema, body, PAGE_FIELDS)
    const resources = parseResourceRows(body)
    const raw = (body ?? {}) as Record<string, unknown>
    const list = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []
    const input = {
      roles: list(raw.roles),
      skills: list(raw.skills),
      resources: resources.rows,
      sectionId: typeof raw.sectionId === 'string' ? raw.sectionId : '',
    }
    const messages: Record<string, string> = {
      ...(parsed.ok ? {} : Object.fromEntries(parsed.errors.list.map(e => [e.href.slice(1), e.text]))),
      ...resources.errors,
    }
    if (!parsed.ok || Object.keys(resources.errors).length)
      return { ok: false as const, input, errors: formErrors(messages, [...PAGE_FIELDS]) }
    const value: PageInput & { baseVersion?: number; action?: string } = {
      ...parsed.value,
      resources: resources.resources,
    }
    return { ok: true as const, input, value }
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
      return editForm(reply, { mode: 'new', values, input: form.input, preview: renderMarkdown(form.value.body).html })
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
          preview: renderMarkdown(form.value.body).html,
        })
      }
      try {
        await handbook.updatePage(actorOf(user), page.slug, form.value, baseVersion)
      } catch (err) {
        if (err instanceof PageConflictError) {
          // Show both texts; the form keeps what they typed, now based on the latest version.
          return editForm(reply, {
            mode: 'edit',
            page: err.latest,
            values: { ...values, baseVersion: err.latest.version },
            input: form.input,
            conflict: { latest: err.latest, diff: lineDiff(err.latest.body, form.value.body) },
            errors: formErrors({
              body: `${err.latest.updatedByName} saved a new version of this page while you were editing. Compare the two texts, combine them in the box below, then save again`,
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
        if (err instanceof PageConflictError) {
          return reply.page(
            'handbook/views/delete.njk',
            { pageTitle: `Delete ${page.title}`, page: err.latest, changed: true },
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

  // ---- Arranging sections and pages -----------------------------------------------------------

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

  // ---- History ------------------------------------------------------------------------------

  app.get<{ Params: { slug: string } }>(
    '/handbook/:slug/history',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canSeeHistory(request.user))
      const { page, versions } = await handbook.history(request.params.slug)
      return reply.page(
        'handbook/views/history.njk',
        { pageTitle: `History of ${page.title}`, page, versions, can: { edit: canEditHandbook(request.user) } },
        { nav: 'handbook' },
      )
    },
  )

  app.get<{ Params: { slug: string; version: number } }>(
    '/handbook/:slug/versions/:version',
    { config: { access: 'signed-in' }, schema: { params: versionParams } },
    async (request, reply) => {
      authorize(canSeeHistory(request.user))
      const { page, version } = await handbook.version(request.params.slug, request.params.version)
      return reply.page(
        'handbook/views/version.njk',
        {
          pageTitle: `Version ${version.version} of ${page.title}`,
          page,
          version,
          html: renderMarkdown(version.body).html,
          can: { edit: canEditHandbook(request.user) },
        },
        { nav: 'handbook' },
      )
    },
  )

  app.post<{ Params: { slug: string; version: number } }>(
    '/handbook/:slug/versions/:version/restore',
    { config: { access: 'signed-in' }, schema: { params: versionParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canEditHandbook(user))
      const parsed = versionSchema.safeParse(request.body)
      const page = await handbook.page(request.params.slug)
      try {
        await handbook.restore(
          actorOf(user),
          page.slug,
          request.params.version,
          parsed.success ? parsed.data.baseVersion : -1,
        )
      } catch (err) {
        if (err instanceof PageConflictError) {
          request.session.flash({
            kind: 'important',
            heading: 'Nothing was restored',
            text: `${err.latest.updatedByName} saved version ${err.latest.version} in the meantime. Check the history, then try again.`,
          })
          return reply.seeOther(`/handbook/${page.slug}/history`)
        }
        throw err
      }
      request.session.flash({ kind: 'success', heading: `Version ${request.params.version} is now the latest version` })
      return reply.seeOther(`/handbook/${page.slug}`)
    },
  )

  app.get<{ Params: { slug: string }; Querystring: { from?: number; to?: number } }>(
    '/handbook/:slug/compare',
    {
      config: { access: 'signed-in' },
      schema: {
        params: slugParams,
        querystring: {
          type: 'object',
          properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (request, reply) => {
      authorize(canSeeHistory(request.user))
      const page = await handbook.page(request.params.slug)
      const to = request.query.to ?? page.version
      const from = request.query.from ?? Math.max(1, to - 1)
      if (from === to) {
        request.session.flash({ kind: 'important', heading: 'Choose two different versions to compare' })
        return reply.seeOther(`/handbook/${page.slug}/history`)
      }
      const [older, newer] = from < to ? [from, to] : [to, from]
      const comparison = await handbook.compare(page.slug, older, newer)
      return reply.page(
        'handbook/views/compare.njk',
        { pageTitle: `Compare versions of ${page.title}`, ...comparison },
        { nav: 'handbook' },
      )
    },
  )

  // ---- Suggestions ----------------------------------------------------------------------------

  const suggestForm = (
    reply: FastifyReply,
    page: Page,
    values: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    status = 200,
  ) =>
    reply.page(
      'handbook/views/suggest.njk',
      { pageTitle: `Suggest a change to ${page.title}`, page, values, ...extra },
      { status, nav: 'handbook' },
    )

  app.get<{ Params: { slug: string } }>(
    '/handbook/:slug/suggest',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canSuggestChange(request.user))
      const page = await handbook.page(request.params.slug)
      return suggestForm(reply, page, {
        title: page.title,
        summary: page.summary,
        body: page.body,
        baseVersion: page.version,
      })
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/:slug/suggest',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canSuggestChange(user))
      const page = await handbook.page(request.params.slug)
      const values = request.body as Record<string, unknown>
      const parsed = parseForm(suggestFormSchema, request.body, SUGGEST_FIELDS)
      if (!parsed.ok) return suggestForm(reply, page, values, { errors: parsed.errors }, 400)
      if (parsed.value.action === 'preview')
        return suggestForm(reply, page, values, { preview: renderMarkdown(parsed.value.body).html })
      try {
        const { baseVersion, action: _action, ...input } = parsed.value
        const suggestion = await handbook.suggest(actorOf(user), page.slug, input, baseVersion)
        request.session.flash({
          kind: 'success',
          heading: 'Thank you, your suggestion has been sent',
          text: 'An editor will review it. You can see what they decide here.',
        })
        return reply.seeOther(`/handbook/suggestions/${suggestion.id}`)
      } catch (err) {
        if (err instanceof ValidationError)
          return suggestForm(reply, page, values, { errors: formErrors(err.fieldErrors, SUGGEST_FIELDS) }, 400)
        throw err
      }
    },
  )

  app.get('/handbook/suggestions', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canReviewSuggestions(request.user))
    const open = await handbook.openSuggestions()
    return reply.page(
      'handbook/views/suggestions.njk',
      { pageTitle: 'Suggested changes', suggestions: open, mine: false },
      { nav: 'suggestions' },
    )
  })

  app.get('/handbook/suggestions/mine', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request)
    authorize(canSuggestChange(user))
    const suggestions = await handbook.suggestionsBy(user.id)
    return reply.page(
      'handbook/views/suggestions.njk',
      { pageTitle: 'Your suggested changes', suggestions, mine: true },
      { nav: 'home' },
    )
  })

  const reviewPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const review = await handbook.review(id)
    authorize(canSeeSuggestion(request.user, review.suggestion))
    const canReview = canReviewSuggestions(request.user) && review.suggestion.status === 'open'
    return reply.page(
      'handbook/views/suggestion.njk',
      {
        pageTitle: `Suggested change to ${review.suggestion.pageTitle}`,
        ...review,
        acceptBody: review.proposedBody ?? review.suggestion.body,
        can: { review: canReview },
        ...extra,
      },
      { status, nav: canReviewSuggestions(request.user) ? 'suggestions' : 'home' },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/handbook/suggestions/:id',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => reviewPage(request, reply, request.params.id),
  )

  app.post<{ Params: { id: string } }>(
    '/handbook/suggestions/:id/accept',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canReviewSuggestions(user))
      const parsed = parseForm(acceptSchema, request.body, ['body'])
      if (!parsed.ok)
        return reviewPage(
          request,
          reply,
          request.params.id,
          { errors: parsed.errors, acceptBody: (request.body as Record<string, unknown>).body },
          400,
        )
      try {
        const page = await handbook.acceptSuggestion(
          actorOf(user),
          request.params.id,
          parsed.value.body,
          parsed.value.pageVersion,
        )
        request.session.flash({
          kind: 'success',
          heading: 'Suggestion accepted',
          text: `It is now version ${page.version} of the page, credited to the person who suggested it.`,
        })
        return reply.seeOther('/handbook/suggestions')
      } catch (err) {
        if (err instanceof PageConflictError) {
          return reviewPage(
            request,
            reply,
            request.params.id,
            {
              acceptBody: parsed.value.body,
              errors: formErrors({
                body: `${err.latest.updatedByName} changed the page while you were reviewing. Check the text below against the latest version, then accept again`,
              }),
            },
            409,
          )
        }
        if (err instanceof ValidationError)
          return reviewPage(
            request,
            reply,
            request.params.id,
            { acceptBody: parsed.value.body, errors: formErrors(err.fieldErrors) },
            400,
          )
        if (err instanceof ConflictError) {
          request.session.flash({ kind: 'important', heading: 'Someone else has already decided this suggestion' })
          return reply.seeOther(`/handbook/suggestions/${request.params.id}`)
        }
        throw err
      }
    },
  )

  app.post<{ Params: { id: string } }>(
    '/handbook/suggestions/:id/decline',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canReviewSuggestions(user))
      const parsed = parseForm(declineSchema, request.body, ['reason'])
      if (!parsed.ok)
        return reviewPage(
          request,
          reply,
          request.params.id,
          { errors: parsed.errors, declineReason: (request.body as Record<string, unknown>).reason },
          400,
        )
      try {
        await handbook.declineSuggestion(actorOf(user), request.params.id, parsed.value.reason)
      } catch (err) {
        if (err instanceof ConflictError) {
          request.session.flash({ kind: 'important', heading: 'Someone else has already decided this suggestion' })
          return reply.seeOther(`/handbook/suggestions/${request.params.id}`)
        }
        if (err instanceof NotFoundError) throw err
        throw err
      }
      request.session.flash({
        kind: 'success',
        heading: 'Suggestion declined',
        text: 'The person who made it can see your reason.',
      })
      return reply.seeOther('/handbook/suggestions')
    },
  )
}
