// The portfolio's pages: the leaders' views (organisation, area, group) with their CSV, a front
// page listing the views the viewer may open, and the leadership team's balance of work.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { requireViewer } from '../platform/auth/viewer.ts'
import { saveVersioned, type FormErrors, type FormValues } from '../platform/forms.ts'
import { PageCache } from '../platform/http/page-cache.ts'
import { addQuarters, quarterLabel } from '../products/prioritisation/prioritisation.types.ts'
import { readVersion } from '../products/products.schemas.ts'
import { scopedStrategyHref } from '../products/products.types.ts'
import type { Services } from '../services.ts'
import {
  canRecordBalance,
  canSeeAreaView,
  canSeeBalance,
  canSeeGroupView,
  canSeeOrganisationView,
  canSeePortfolio,
} from './portfolio.policy.ts'
import {
  BALANCE_FIELDS,
  areaParams,
  groupParams,
  quarterParams,
  readPortfolioQuarter,
  readViewQuery,
  viewQuery,
  type ViewQuery,
} from './portfolio.schemas.ts'
import {
  PORTFOLIO_CLASSES,
  PORTFOLIO_CLASS_HINTS,
  PORTFOLIO_CLASS_LABELS,
  type PortfolioQuarterRecord,
  type Scope,
  type ThingFigures,
} from './portfolio.types.ts'
import { balanceHref, balanceView, csvFilename, leadersCsv, leadersView, viewPath } from './portfolio.views.ts'

const NAV = 'portfolio'
/** A count of things in words: "1 thing", "1,234 things". */
const thingCount = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'thing' : 'things'}`
const config = { access: 'signed-in' } as const

type AreaId = { Params: { area: string } }
type GroupId = { Params: { area: string; group: string } }
type QuarterId = { Params: { quarter: string } }

export default async function portfolioRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { portfolio } = services
  // Rendered pages, per version of the strategies, scope, query and viewer's kind; and the figures
  // of a scope at one version, so sorting and paging a view reads the database once.
  const cache = new PageCache(500, 32 * 1024 * 1024)
  const figures = new Map<string, Promise<ThingFigures[]>>()
  const figuresOf = (version: string, scope: Scope): Promise<ThingFigures[]> => {
    const key = JSON.stringify([version, scope])
    let found = figures.get(key)
    if (!found) {
      if (figures.size >= 20) figures.clear()
      found = portfolio.figures(scope)
      found.catch(() => figures.delete(key))
      figures.set(key, found)
    }
    return found
  }

  const areaLinks = async (scope: Scope) => {
    const places = await portfolio.places()
    if (scope.level === 'organisation') {
      const areas = [...new Set(places.map(p => p.area).filter(Boolean))]
      return { areas: areas.map(a => ({ text: a, href: viewPath({ level: 'area', area: a, group: null }) })) }
    }
    if (scope.level === 'area')
      return {
        groups: places
          .filter(p => p.area === scope.area && p.group !== '')
          .map(p => ({ text: p.group, href: viewPath({ level: 'group', area: p.area, group: p.group }) })),
      }
    return {}
  }

  // The organisation's or the area's own strategy (products), linked from its view.
  const strategyLink = (scope: Scope) =>
    scope.level === 'organisation'
      ? { text: 'Strategy for the organisation', href: scopedStrategyHref({ scope: 'organisation' }) }
      : scope.level === 'area' && scope.area !== null
        ? { text: `Strategy for the ${scope.area} area`, href: scopedStrategyHref({ scope: 'area', area: scope.area }) }
        : null

  const view = async (reply: FastifyReply, scope: Scope, q: ViewQuery) => {
    const version = await portfolio.viewsVersion()
    return reply.cachedPage(
      cache,
      JSON.stringify([version, scope, q]),
      'portfolio/views/view.njk',
      async () => {
        const [things, links] = await Promise.all([figuresOf(version, scope), areaLinks(scope)])
        const model = leadersView(things, scope, q, portfolio.currentQuarter(), links)
        return { pageTitle: model.title, scope, ...model, strategyLink: strategyLink(scope) }
      },
      { nav: NAV },
    )
  }

  const csv = async (reply: FastifyReply, scope: Scope, q: ViewQuery) => {
    const things = await figuresOf(await portfolio.viewsVersion(), scope)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFilename(scope, portfolio.today())}"`)
      .header('cache-control', 'no-store')
      .send(leadersCsv(things, q, services.config.baseUrl))
  }

  app.get('/portfolio', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canSeePortfolio(viewer))
    const places = await portfolio.places()
    const areas = [...new Set(places.map(p => p.area).filter(Boolean))]
    const views: { text: string; href: string; hint: string }[] = []
    if (canSeeOrganisationView(viewer))
      views.push({
        text: 'The organisation',
        href: viewPath({ level: 'organisation', area: null, group: null }),
        hint: thingCount(places.reduce((n, p) => n + p.things, 0)),
      })
    for (const area of areas)
      if (canSeeAreaView(viewer, area))
        views.push({
          text: area,
          href: viewPath({ level: 'area', area, group: null }),
          hint: `An area: ${thingCount(places.filter(p => p.area === area).reduce((n, p) => n + p.things, 0))}`,
        })
    for (const p of places)
      if (p.area && p.group && !canSeeAreaView(viewer, p.area) && canSeeGroupView(viewer, p.area, p.group))
        views.push({
          text: `${p.group} (${p.area})`,
          href: viewPath({ level: 'group', area: p.area, group: p.group }),
          hint: `A group: ${thingCount(p.things)}`,
        })
    // The strategies the viewer steers: the organisation's, and each area's they see, their own
    // area included even before it has any things.
    const strategyAreas = [...new Set([...areas, ...(viewer.businessArea ? [viewer.businessArea] : [])])]
    const strategies = [
      ...(canSeeOrganisationView(viewer) ? [strategyLink({ level: 'organisation', area: null, group: null })] : []),
      ...strategyAreas
        .filter(area => canSeeAreaView(viewer, area))
        .map(area => strategyLink({ level: 'area', area, group: null })),
    ]
    return reply.page(
      'portfolio/views/index.njk',
      { pageTitle: 'Portfolio', views, strategies, can: { balance: canSeeBalance(viewer) } },
      { nav: NAV },
    )
  })

  // A group lives in an area, and two areas may each have a group of the same name: across the
  // organisation, a group is filtered by only once its area is chosen.
  const organisationQuery = (query: unknown): ViewQuery => {
    const q = readViewQuery(query)
    return q.area ? q : { ...q, group: null }
  }

  app.get('/portfolio/organisation', { config, schema: { querystring: viewQuery } }, async (request, reply) => {
    authorize(canSeeOrganisationView(requireViewer(request)))
    return view(reply, { level: 'organisation', area: null, group: null }, organisationQuery(request.query))
  })

  app.get(
    '/portfolio/organisation/export.csv',
    { config, schema: { querystring: viewQuery } },
    async (request, reply) => {
      authorize(canSeeOrganisationView(requireViewer(request)))
      return csv(reply, { level: 'organisation', area: null, group: null }, organisationQuery(request.query))
    },
  )

  const areaQuery = (query: unknown): ViewQuery => ({ ...readViewQuery(query), area: null })
  const groupQuery = (query: unknown): ViewQuery => ({ ...readViewQuery(query), area: null, group: null })

  app.get<AreaId>(
    '/portfolio/areas/:area',
    { config, schema: { params: areaParams, querystring: viewQuery } },
    async (request, reply) => {
      const { area } = request.params
      authorize(canSeeAreaView(requireViewer(request), area))
      return view(reply, { level: 'area', area, group: null }, areaQuery(request.query))
    },
  )

  app.get<AreaId>(
    '/portfolio/areas/:area/export.csv',
    { config, schema: { params: areaParams, querystring: viewQuery } },
    async (request, reply) => {
      const { area } = request.params
      authorize(canSeeAreaView(requireViewer(request), area))
      return csv(reply, { level: 'area', area, group: null }, areaQuery(request.query))
    },
  )

  app.get<GroupId>(
    '/portfolio/areas/:area/groups/:group',
    { config, schema: { params: groupParams, querystring: viewQuery } },
    async (request, reply) => {
      const { area, group } = request.params
      authorize(canSeeGroupView(requireViewer(request), area, group))
      return view(reply, { level: 'group', area, group }, groupQuery(request.query))
    },
  )

  app.get<GroupId>(
    '/portfolio/areas/:area/groups/:group/export.csv',
    { config, schema: { params: groupParams, querystring: viewQuery } },
    async (request, reply) => {
      const { area, group } = request.params
      authorize(canSeeGroupView(requireViewer(request), area, group))
      return csv(reply, { level: 'group', area, group }, groupQuery(request.query))
    },
  )

  // ---- The leadership team's balance ----

  app.get('/portfolio/balance', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canSeeBalance(viewer))
    const [quarters, current] = [await portfolio.quarters(), portfolio.currentQuarter()]
    const recorded = new Set(quarters.map(q => q.quarter))
    const can = { record: canRecordBalance(viewer) }
    return reply.page(
      'portfolio/views/balance.njk',
      {
        pageTitle: 'Portfolio balance',
        ...balanceView(quarters, current),
        record: (
          [
            [0, 'this quarter'],
            [-1, 'last quarter'],
            [1, 'next quarter'],
          ] as const
        ).map(([n, when]) => {
          const q = addQuarters(current, n)
          return { href: balanceHref(q), text: `${recorded.has(q) ? 'Change' : 'Record'} ${quarterLabel(q)} (${when})` }
        }),
        can,
      },
      { nav: NAV },
    )
  })

  const quarterForm = (
    reply: FastifyReply,
    quarter: string,
    values: FormValues,
    o: { errors?: FormErrors; status?: number; conflict?: PortfolioQuarterRecord } = {},
  ) =>
    reply.page(
      'portfolio/views/quarter.njk',
      {
        pageTitle: `The leadership team’s work in ${quarterLabel(quarter)}`,
        quarter,
        quarterLabel: quarterLabel(quarter, true),
        classes: PORTFOLIO_CLASSES.map(c => ({
          key: c,
          label: PORTFOLIO_CLASS_LABELS[c],
          hint: PORTFOLIO_CLASS_HINTS[c],
        })),
        values,
        errors: o.errors,
        conflict: o.conflict,
      },
      { status: o.status ?? 200, nav: NAV },
    )

  const quarterValues = (q: PortfolioQuarterRecord): FormValues => {
    const values: FormValues = { version: String(q.version), note: q.record?.note ?? '' }
    for (const c of PORTFOLIO_CLASSES) {
      values[`${c}-planned`] = q.record ? String(q.record.counts[c].planned) : ''
      values[`${c}-done`] = q.record ? String(q.record.counts[c].done) : ''
    }
    return values
  }

  app.get<QuarterId>(
    '/portfolio/balance/:quarter',
    { config, schema: { params: quarterParams } },
    async (request, reply) => {
      authorize(canRecordBalance(requireViewer(request)))
      const q = await portfolio.quarter(request.params.quarter)
      return quarterForm(reply, q.quarter, quarterValues(q))
    },
  )

  app.post<QuarterId>(
    '/portfolio/balance/:quarter',
    { config, schema: { params: quarterParams } },
    async (request, reply) => {
      const viewer = requireViewer(request)
      authorize(canRecordBalance(viewer))
      const { quarter } = request.params
      const form = readPortfolioQuarter(request.body)
      return saveVersioned({
        form,
        fields: BALANCE_FIELDS,
        save: input => portfolio.saveQuarter(actorOf(viewer.user), quarter, input, readVersion(request.body)),
        invalid: (errors, status) => quarterForm(reply, quarter, form.values, { errors, status }),
        conflict: (latest: PortfolioQuarterRecord, _v, status) =>
          quarterForm(
            reply,
            quarter,
            { ...form.values, version: String(latest.version) },
            { conflict: latest, status },
          ),
        saved: () => {
          request.session.flash({
            kind: 'success',
            heading: `The leadership team’s work in ${quarterLabel(quarter)} is saved`,
          })
          return reply.seeOther(balanceHref())
        },
      })
    },
  )
}
