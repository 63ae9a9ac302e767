// request.viewer: the signed-in person and their profile are resolved once per request, through
// the ViewerSource port (the people service), and the navigation each capability offers is
// built from it. Counted by watching the port, on pages whose route plugins used to look the
// viewer up again.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  $,
  Agent,
  addPersonWithId,
  buildTestApp,
  setUpInstallation,
  type TestContext,
  saveTestProfile,
} from '../../../test/build-test-app.ts'
import type { ProfileChanges } from '../../people/people.types.ts'
import { assetUrl, loadManifest } from './assets.ts'

type Named = Agent & { id: string; name: string }

/** The capabilities' navigation items (the account and sign-out links come after them). */
const navOf = (html: string) => {
  const page = $(html)
  return page('.govuk-service-navigation__item a:not([href="/account"]):not([href="/sign-out"])')
    .map((_, a) => page(a).text().trim())
    .get()
}

describe('the viewer, once per request', () => {
  let ctx: TestContext
  let admin: Agent
  let mel: Named
  let pat: Named
  let head: Named
  let newcomer: Named

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    mel = await addPersonWithId(ctx, admin, 'member', 'Mel Manager')
    pat = await addPersonWithId(ctx, admin, 'member', 'Pat Person')
    head = await addPersonWithId(ctx, admin, 'member', 'Hope Head')
    newcomer = await addPersonWithId(ctx, admin, 'member', 'Nico Newcomer')
    const profile = (id: string, p: Partial<ProfileChanges> = {}) => saveTestProfile(ctx, id, p)
    await profile(mel.id, { careerRole: 'senior-product-manager' })
    await profile(pat.id, { lineManagerId: mel.id })
    await profile(head.id, { careerRole: 'head-of-product', headOfProfession: true, businessArea: 'Central' })
  })
  afterAll(() => ctx.close())

  /** Requests a page and says how many times the viewer was resolved while answering it. */
  async function lookups(agent: Agent, url: string): Promise<{ status: number; body: string; count: number }> {
    const spy = vi.spyOn(ctx.app.services.people, 'viewer')
    try {
      const response = await agent.get(url)
      return { status: response.statusCode, body: response.body, count: spy.mock.calls.length }
    } finally {
      spy.mockRestore()
    }
  }

  it.each([
    ['the home page', '/', () => pat],
    ['a pathway', '/pathway', () => pat],
    ['a person’s pathway, seen by their line manager', () => `/people/${pat.id}/pathway`, () => mel],
    ['the team page', '/team', () => mel],
    ['the development plan', () => `/people/${pat.id}/plan`, () => pat],
    ['the list of people', '/people', () => head],
    ['the capability view', '/profession/capability', () => head],
    ['the framework', '/framework', () => head],
    ['a page nobody has', '/no-such-page', () => pat],
  ])('resolves it once for %s', async (_name, url, who) => {
    const path = typeof url === 'function' ? url() : url
    const result = await lookups(who(), path)
    expect(result.status).toBeLessThan(500)
    expect(result.count).toBe(1)
  })

  it('does not resolve it for the health check, the brand stylesheet or the assets', async () => {
    const stylesheet = assetUrl(loadManifest(), 'app.css')
    expect((await pat.get(stylesheet)).statusCode).toBe(200)
    for (const url of ['/health', '/brand.css', stylesheet]) {
      expect((await lookups(pat, url)).count).toBe(0)
    }
  })

  it('does not resolve it to keep a session alive', async () => {
    const spy = vi.spyOn(ctx.app.services.people, 'viewer')
    try {
      const extended = await pat.post('/session/extend', { _csrf: await pat.token() })
      expect(extended.statusCode).toBe(204)
      // Reading the token took one page (and one viewer); the extension itself took none.
      expect(spy.mock.calls.length).toBe(1)
    } finally {
      spy.mockRestore()
    }
  })

  it('does not resolve it for someone who is not signed in', async () => {
    const stranger = new Agent(ctx.app)
    expect((await lookups(stranger, '/sign-in')).count).toBe(0)
  })

  it('gives each person the navigation their profile calls for', async () => {
    expect(navOf((await pat.get('/')).body)).toEqual([
      'Home',
      'Handbook',
      'Products',
      'Objectives',
      'Insight',
      'Your pathway',
      'Framework',
    ])
    expect(navOf((await mel.get('/')).body)).toEqual([
      'Home',
      'Handbook',
      'Products',
      'Objectives',
      'Portfolio',
      'Insight',
      'Your pathway',
      'Your team',
      'Framework',
    ])
    expect(navOf((await head.get('/')).body)).toEqual([
      'Home',
      'Handbook',
      'Products',
      'Objectives',
      'Portfolio',
      'Insight',
      'Your pathway',
      'People',
      'Profession',
      'Framework',
    ])
    expect(navOf((await newcomer.get('/')).body)).toEqual([
      'Home',
      'Handbook',
      'Products',
      'Objectives',
      'Insight',
      'Framework',
    ])
    expect(navOf((await admin.get('/')).body)).toEqual([
      'Home',
      'Handbook',
      'Suggestions',
      'Products',
      'Objectives',
      'Portfolio',
      'Insight',
      'People',
      'Framework',
      'Administration',
    ])
  })

  it('shows the home page the viewer’s own links', async () => {
    const home = $((await mel.get('/')).body)
    expect(home('a[href="/team"]').length).toBeGreaterThan(0)
    const newcomerHome = $((await newcomer.get('/')).body)
    expect(newcomerHome('main a[href="/team"]').length).toBe(0)
  })
})
