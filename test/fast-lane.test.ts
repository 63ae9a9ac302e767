// The fast lane (platform/http/fast-lane.ts) answers cached handbook pages in front of Fastify.
// It must answer exactly as Fastify would. Each case below makes the same request twice over a
// real socket, once with the lane off (Fastify answers) and once with it on, from the same
// starting state, and compares status, headers in order and body bytes. Only the values that are
// new for every response or every session differ: the CSP nonce, the form token, a new session
// cookie's token, and Date. Each case also says whether the lane should have answered itself.
//
// The lane answers only from what is remembered (ADR 0007), and nothing is remembered for 30
// seconds after a change. performance.now(), which those memories go by, is a fake clock here:
// each comparison moves it on past the quiet time, and the request through Fastify reads and
// remembers what the lane then needs.
import { request as httpRequest, Agent as HttpAgent } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SYSTEM_ACTOR } from '../src/platform/auth/roles.ts'
import {
  Agent,
  addPerson,
  addPersonWithId,
  buildTestApp,
  csrfTokenFrom,
  formFields,
  saveTestProfile,
  setUpInstallation,
  signIn,
  type TestContext,
} from './build-test-app.ts'
import { createThing } from './products.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const ADMIN_EMAIL = 'ada@example.gov.uk'
const PAGE = '/handbook/scrum'

interface Answer {
  readonly status: number
  /** Names and values in the order they were sent. */
  readonly headers: readonly string[]
  readonly body: Buffer
}

interface Ask {
  readonly method?: 'GET' | 'HEAD'
  readonly path: string
  /** The browser whose cookies are sent; none for a reader with no cookies. */
  readonly browser?: Agent
}

describe('the fast lane answers as Fastify does', () => {
  let ctx: TestContext
  let admin: Agent
  let port: number
  const connections = new HttpAgent({ keepAlive: true })

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    port = (ctx.app.server.address() as AddressInfo).port
    // The page is read once, so it is in the cache for admins.
    expect((await send({ path: PAGE, browser: admin })).status).toBe(200)
  })
  afterAll(async () => {
    connections.destroy()
    await ctx.close()
    vi.useRealTimers()
  })

  function send(ask: Ask): Promise<Answer> {
    const cookie = ask.browser ? [...ask.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : ''
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          port,
          host: '127.0.0.1',
          path: ask.path,
          method: ask.method ?? 'GET',
          agent: connections,
          headers: cookie ? { cookie } : {},
        },
        res => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.rawHeaders, body: Buffer.concat(chunks) }),
          )
        },
      )
      req.on('error', reject)
      req.end()
    })
  }

  /** The answer with what is new for each response or session replaced by stand-ins. */
  function normalised(answer: Answer) {
    let body = answer.body.toString('utf8')
    const headers: string[] = []
    for (let i = 0; i < answer.headers.length; i += 2) {
      const name = answer.headers[i] ?? ''
      let value = answer.headers[i + 1] ?? ''
      if (name.toLowerCase() === 'date') continue
      if (name.toLowerCase() === 'content-security-policy') {
        const nonce = /'nonce-([^']+)'/.exec(value)?.[1]
        expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
        if (nonce) {
          value = value.replace(nonce, 'NONCE')
          body = body.split(nonce).join('NONCE')
        }
      }
      if (name.toLowerCase() === 'set-cookie') value = value.replace(/^(valuekit-session=)[^;]+/, '$1TOKEN')
      headers.push(name, value)
    }
    if (/name="_csrf"|data-csrf-token/.test(body)) body = body.split(csrfTokenFrom(body)).join('CSRF')
    return { status: answer.status, headers, body }
  }

  /**
   * Makes the request twice: through Fastify (the lane off), then with the lane on. arrange() is
   * called before each, so both start from the same state.
   */
  async function compare(arrange: () => Promise<Ask>, laneAnswers: boolean) {
    const lane = ctx.app.fastLane
    lane.enabled = false
    const first = await arrange()
    // Past the quiet time after any change: what the request through Fastify reads is remembered.
    vi.advanceTimersByTime(31_000)
    const viaFastify = await send(first)
    lane.enabled = true
    const before = lane.served
    const viaLane = await send(await arrange())
    expect(lane.served - before).toBe(laneAnswers ? 1 : 0)
    const expected = normalised(viaFastify)
    const actual = normalised(viaLane)
    expect(actual.status).toBe(expected.status)
    expect(actual.headers).toEqual(expected.headers)
    expect(actual.body).toBe(expected.body)
    return { viaFastify, viaLane }
  }

  const header = (answer: Answer, name: string) => {
    const i = answer.headers.findIndex(h => h.toLowerCase() === name)
    return i < 0 ? undefined : answer.headers[i + 1]
  }

  /** A new session for a person, signed in now. */
  const freshSession = () => signIn(ctx, ADMIN_EMAIL)

  it('the server has the time-outs Fastify would have given its own', () => {
    const server = ctx.app.server
    expect(server.keepAliveTimeout).toBe(72_000)
    expect(server.requestTimeout).toBe(30_000)
    expect(server.timeout).toBe(60_000)
  })

  it('a signed-in page', async () => {
    const { viaLane } = await compare(async () => ({ path: PAGE, browser: admin }), true)
    expect(viaLane.status).toBe(200)
    expect(header(viaLane, 'cache-control')).toBe('no-store')
    expect(header(viaLane, 'x-frame-options')).toBe('DENY')
    expect(header(viaLane, 'set-cookie')).toBeUndefined()
    expect(viaLane.body.toString()).toContain('Ada Admin')
  })

  it('a member and an editor, each with their own kind of page', async () => {
    const member = await addPerson(ctx, admin, 'member', 'Mo Member')
    const editor = await addPerson(ctx, admin, 'editor', 'Ed Editor')
    for (const browser of [member, editor]) {
      // Their first page shows a message ("your password is set"), taken once shown.
      await browser.get('/')
      // The first request (through Fastify) puts the page in the cache for their kind of reader.
      const { viaLane } = await compare(async () => ({ path: PAGE, browser }), true)
      expect(viaLane.body.toString()).toContain(browser === member ? 'Mo Member' : 'Ed Editor')
    }
  })

  it('HEAD: the same headers, no body', async () => {
    const { viaLane } = await compare(async () => ({ method: 'HEAD', path: PAGE, browser: admin }), true)
    expect(viaLane.body.length).toBe(0)
    expect(Number(header(viaLane, 'content-length'))).toBeGreaterThan(1000)
  })

  it('what is not remembered any more is read by Fastify, and the lane answers again after it', async () => {
    let calls = 0
    await compare(async () => {
      // The second time, just before the lane's turn: more than the 2 seconds things are remembered.
      if (++calls === 2) vi.advanceTimersByTime(3_000)
      return { path: PAGE, browser: admin }
    }, false)
    await compare(async () => ({ path: PAGE, browser: admin }), true)
  })

  it('within 30 seconds of a change nothing is remembered, so Fastify answers', async () => {
    const member = await addPersonWithId(ctx, admin, 'member', 'Quinn Quiet')
    await member.get('/')
    await compare(async () => ({ path: PAGE, browser: member }), true)
    // A change to people's profiles: for 30 seconds no profile is remembered.
    await saveTestProfile(ctx, member.id)
    const lane = ctx.app.fastLane
    const before = lane.served
    // Fastify renders the page for their new navigation, then answers it from the cache, reading
    // their profile each time: the lane cannot know it without a query.
    for (let i = 0; i < 2; i++) expect((await send({ path: PAGE, browser: member })).status).toBe(200)
    expect(lane.served).toBe(before)
    // Once the quiet time is over, the next read is remembered, and the lane answers after it.
    vi.advanceTimersByTime(31_000)
    await send({ path: PAGE, browser: member })
    const { body } = await send({ path: PAGE, browser: member })
    expect(lane.served).toBe(before + 1)
    expect(body.toString()).toContain('Your pathway')
  })

  it('a query string and a trailing slash go to Fastify', async () => {
    await compare(async () => ({ path: `${PAGE}?from=search`, browser: admin }), false)
    const { viaLane } = await compare(async () => ({ path: `${PAGE}/`, browser: admin }), false)
    expect(viaLane.status).toBe(200)
  })

  it('a page not in the cache goes to Fastify, which renders it', async () => {
    let n = 0
    const { viaLane } = await compare(async () => {
      // A change to the handbook: a new revision, so no page is in the cache.
      await ctx.app.services.handbook.createSection(SYSTEM_ACTOR, { title: `Uncached ${++n}`, summary: '' })
      return { path: PAGE, browser: admin }
    }, false)
    expect(viaLane.status).toBe(200)
    // And now it is.
    await compare(async () => ({ path: PAGE, browser: admin }), true)
  })

  it('pages Fastify answers another way: not found, another route, a bad slug', async () => {
    await compare(async () => ({ path: '/handbook/no-such-page', browser: admin }), false)
    await compare(async () => ({ path: '/handbook/suggestions', browser: admin }), false)
    await compare(async () => ({ path: '/handbook/Scrum', browser: admin }), false)
  })

  it('a session with a message to show goes to Fastify, which shows it once', async () => {
    const { viaLane } = await compare(async () => {
      const browser = await freshSession()
      const made = await browser.submit('/handbook/sections/new', '/handbook/sections/new', {
        title: 'Flash',
        summary: '',
      })
      expect(made.statusCode).toBe(303)
      // The page is in the cache for administrators, from another session of the same person.
      await send({ path: PAGE, browser: await freshSession() })
      return { path: PAGE, browser }
    }, false)
    expect(viaLane.body.toString()).toContain('You created the section')
  })

  it('a session due a touch goes to Fastify, which records the activity', async () => {
    const { viaLane } = await compare(async () => {
      const browser = await freshSession()
      ctx.clock.advance(2 * MINUTE)
      return { path: PAGE, browser }
    }, false)
    expect(viaLane.status).toBe(200)
    expect(header(viaLane, 'set-cookie')).toBeUndefined()
  })

  it('an idle session has run out: the reader is signed out', async () => {
    const { viaLane } = await compare(async () => {
      const browser = await freshSession()
      ctx.clock.advance(31 * MINUTE)
      return { path: PAGE, browser }
    }, false)
    expect(viaLane.status).toBe(303)
    expect(header(viaLane, 'set-cookie')).toMatch(/^valuekit-session=;/)
  })

  it('a session past its absolute time-out: the reader is signed out', async () => {
    // Two sessions started together and kept busy until both have run out.
    const browsers = [await freshSession(), await freshSession()]
    for (let minutes = 29; minutes < 12 * 60; minutes += 29) {
      ctx.clock.advance(29 * MINUTE)
      for (const browser of browsers) expect((await browser.get('/account')).statusCode).toBe(200)
    }
    // 696 minutes so far, 25 since each was last seen: one more minute past 12 hours.
    ctx.clock.advance(25 * MINUTE)
    const { viaLane } = await compare(async () => ({ path: PAGE, browser: browsers.shift() }), false)
    expect(viaLane.status).toBe(303)
  })

  it('a signed-out reader while the handbook is closed is asked to sign in', async () => {
    const { viaLane } = await compare(async () => ({ path: PAGE }), false)
    expect(viaLane.status).toBe(303)
    expect(header(viaLane, 'location')).toBe('/sign-in?returnTo=%2Fhandbook%2Fscrum')
  })

  it('signed-out readers of a public handbook', async () => {
    // Everyone is kept busy, then the handbook is opened to the public.
    ctx.clock.advance(HOUR)
    admin = await freshSession()
    const form = await admin.get('/admin/settings')
    const saved = await admin.post('/admin/settings', {
      ...formFields(form.body, '/admin/settings'),
      publicHandbook: 'on',
    })
    expect(saved.statusCode).toBe(303)

    // With no cookie at all, once the public page is in the cache. (The request that renders it
    // gives the reader a session, as a page with forms does; the cached copy gives none.)
    await send({ path: PAGE })
    const { viaLane } = await compare(async () => ({ path: PAGE }), true)
    expect(viaLane.status).toBe(200)
    expect(header(viaLane, 'cache-control')).toBeUndefined()
    expect(header(viaLane, 'set-cookie')).toBeUndefined()

    // With a session of their own, signed out (they opened the sign-in page).
    const visitor = new Agent(ctx.app)
    await visitor.get('/sign-in')
    expect(visitor.cookies.size).toBeGreaterThan(0)
    await compare(async () => ({ path: PAGE, browser: visitor }), true)

    // Whose signed-in session ran out: signed out, told why at sign-in, and shown the public page.
    const { viaLane: ended } = await compare(async () => {
      const browser = await freshSession()
      ctx.clock.advance(31 * MINUTE)
      return { path: PAGE, browser }
    }, false)
    expect(ended.status).toBe(200)
  })

  it('HEAD and GET with the lane off are as Fastify always answered', async () => {
    // A guard on the comparison itself: both requests really went through Fastify.
    const lane = ctx.app.fastLane
    lane.enabled = false
    const before = lane.served
    await send({ path: PAGE, browser: admin })
    await send({ method: 'HEAD', path: PAGE, browser: admin })
    expect(lane.served).toBe(before)
    lane.enabled = true
  })

  it('a page published in the open: from the cache for every reader, until it is taken down', async () => {
    const { open, roadmap } = ctx.app.services
    const thing = await createThing(ctx, { name: 'Lane in the open', purpose: 'Shows the lane a public page' })
    await roadmap.add(SYSTEM_ACTOR, thing, { column: 'now', problem: 'Pages are slow', outcome: '', metricId: null })
    await open.publish(SYSTEM_ACTOR, thing, new Map(), 0)
    const path = '/open/lane-in-the-open'
    await send({ path })
    const { viaLane } = await compare(async () => ({ path }), true)
    expect(viaLane.status).toBe(200)
    expect(viaLane.body.toString()).toContain('Pages are slow')
    const reader = await freshSession()
    await compare(async () => ({ path, browser: reader }), true)
    // Its feedback form and a slug the route refuses go to Fastify.
    await compare(async () => ({ path: `${path}/feedback` }), false)
    await compare(async () => ({ path: '/open/Lane' }), false)
    // Taken down: Fastify answers that nothing is published there.
    await open.withdraw(SYSTEM_ACTOR, thing, (await open.publication(thing.id))?.version ?? 0)
    const { viaLane: gone } = await compare(async () => ({ path }), false)
    expect(gone.status).toBe(404)
  })
})
