// Reading the handbook: its contents, search and each page. Pages and results are rendered once
// per handbook revision and kept in a cache.
import type { FastifyInstance } from 'fastify'
import type { CurrentUser } from '../../platform/auth/roles.ts'
import type { CachedPageRef } from '../../platform/http/fast-lane.ts'
import { PageCache } from '../../platform/http/page-cache.ts'
import type { Services } from '../../services.ts'
import { canEditHandbook, canManageOwners, canSeeAuthors, canSeeHistory, canSuggestChange } from '../handbook.policy.ts'
import { pageView, printView, searchView } from '../handbook.views.ts'
import { SLUG, readableWith, readingGate, slugParams } from './shared.ts'

export default async function readingRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { handbook, handbookOwners, organisation } = services

  const cache = new PageCache()
  // Searches vary more than pages do: keep fewer of them.
  const searchCache = new PageCache(500, 8 * 1024 * 1024)

  const mayRead = readingGate(services)

  app.get('/handbook', { config: { access: 'public' } }, async (request, reply) => {
    if (!(await mayRead(request, reply))) return reply
    const revision = await handbook.revision()
    const can = { edit: canEditHandbook(request.user), signedIn: request.user !== null }
    return reply.cachedPage(
      cache,
      `contents:${revision}:${can.edit}:${can.signedIn}`,
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
          return searchView(query, result)
        },
        { nav: 'handbook' },
      )
    },
  )

  // Printable versions of the whole handbook and of each section, kept like the pages: once per
  // handbook revision (they show nothing that differs between readers).
  const printCache = new PageCache(200, 16 * 1024 * 1024)
  const onlineBase = services.config.baseUrl.replace(/\/+$/, '')

  app.get('/handbook/print', { config: { access: 'public' } }, async (request, reply) => {
    if (!(await mayRead(request, reply))) return reply
    const revision = await handbook.revision()
    return reply.cachedPage(
      printCache,
      `print:${revision}`,
      'handbook/views/print.njk',
      async () => {
        const [{ sections }, org] = await Promise.all([handbook.exportData(), organisation.get()])
        return printView(
          sections.map(({ pages, ...section }) => ({ section, pages })),
          {
            whole: true,
            title: 'Handbook',
            intro: org ? `How ${org.name} practises product management.` : '',
            onlineBase,
            crumbs: [{ text: 'Handbook', href: '/handbook' }],
          },
        )
      },
      { nav: 'handbook' },
    )
  })

  app.get<{ Params: { slug: string } }>(
    '/handbook/sections/:slug/print',
    { config: { access: 'public' }, schema: { params: slugParams } },
    async (request, reply) => {
      if (!(await mayRead(request, reply))) return reply
      const section = await handbook.section(request.params.slug)
      const revision = await handbook.revision()
      return reply.cachedPage(
        printCache,
        `print-section:${section.slug}:${revision}`,
        'handbook/views/print.njk',
        async () => {
          const { sections } = await handbook.exportData()
          const pages = sections.find(s => s.id === section.id)?.pages ?? []
          return printView([{ section, pages }], {
            whole: false,
            title: section.title,
            intro: section.summary,
            onlineBase,
            crumbs: [
              { text: 'Handbook', href: '/handbook' },
              { text: section.title, href: `/handbook#section-${section.slug}` },
            ],
          })
        },
        { nav: 'handbook' },
      )
    },
  )

  /**
   * Where a handbook page is kept: one copy per handbook revision and kind of reader (what the
   * page offers differs for editors, members and the public). The route's handler and its fast
   * lane both name the page with this.
   */
  const pagePlace = (slug: string, revision: number, user: CurrentUser | null): CachedPageRef => {
    const reader = canEditHandbook(user) ? 'editor' : user ? 'member' : 'public'
    return { cache, key: `page:${slug}:${revision}:${reader}`, options: { nav: 'handbook' } }
  }

  // Anyone may ask for a page; mayRead and the lane's readableWith() decide who gets it.
  const pageAccess = 'public'
  app.get<{ Params: { slug: string } }>(
    '/handbook/:slug',
    { config: { access: pageAccess }, schema: { params: slugParams } },
    async (request, reply) => {
      if (!(await mayRead(request, reply))) return reply
      const place = pagePlace(request.params.slug, await handbook.revision(), request.user)
      const can = {
        edit: canEditHandbook(request.user),
        suggest: canSuggestChange(request.user),
        history: canSeeHistory(request.user),
        authors: canSeeAuthors(request.user),
        owners: canManageOwners(request.user),
      }
      return reply.cachedPage(
        place.cache,
        place.key,
        'handbook/views/page.njk',
        async () => {
          const [context, terms] = await Promise.all([handbook.pageInContext(request.params.slug), handbook.tagTerms()])
          // The owner and review date: naming them moves the handbook's revision on, so the
          // cached page shows them as they are.
          const stewardship = await handbookOwners.forPage(context.page)
          // Names never change for a slug, so pages cached by handbook revision stay right when
          // the framework gains a version.
          return pageView(terms, { ...context, stewardship }, can)
        },
        place.options,
      )
    },
  )

  // The same pages, answered in front of Fastify when already in the cache (fast-lane.ts), from
  // the settings and revision in memory (or not at all). A readable page is in the cache only if
  // this route put it there, so a path another route answers (such as /handbook/suggestions)
  // never finds one and goes to Fastify.
  app.pageLane({
    path: new RegExp(`^/handbook/(${SLUG})$`),
    access: pageAccess,
    page: (match, reader) => {
      const slug = match[1]
      const org = organisation.remembered()
      const revision = handbook.rememberedRevision()
      if (slug === undefined || org === undefined || revision === undefined) return null
      return readableWith(reader.user, org) ? pagePlace(slug, revision, reader.user) : null
    },
  })
}
