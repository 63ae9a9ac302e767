// The security regression suite: headers, cookies, form tokens, escaping, redirects, form
// tampering, what reaches the logs, and what an error shows. Each test names the checklist item
// of docs/quality (ASVS 5.0 numbering) it guards.
import type { Response as InjectResponse } from 'light-my-request'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SYSTEM_ACTOR } from '../src/platform/auth/roles.ts'
import { safeReturnPath } from '../src/platform/auth/session.ts'
import {
  $,
  Agent,
  TEST_PASSWORD,
  addPerson,
  addPersonWithId,
  buildTestApp,
  csrfTokenFrom,
  formFields,
  setUpInstallation,
  signIn,
  type TestContext,
} from './build-test-app.ts'
import { registeredRoutes } from './route-recorder.ts'
import { ownTables } from './dialects.ts'

// Every route registered, as Fastify's onRoute hook sees it (see route-recorder.ts).
vi.mock('fastify', async importOriginal =>
  (await import('./route-recorder.ts')).recordingRoutes(await importOriginal<typeof import('fastify')>()),
)

function csp(res: InjectResponse): Record<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '')
  return Object.fromEntries(
    header
      .split(';')
      .map(d => d.trim())
      .filter(Boolean)
      .map(d => {
        const [name = '', ...values] = d.split(/\s+/)
        return [name, values]
      }),
  )
}

function setCookies(res: InjectResponse): string[] {
  const header = res.headers['set-cookie']
  return header === undefined ? [] : Array.isArray(header) ? header : [header]
}

const parseLogs = (lines: string[]) => lines.map(line => JSON.parse(line) as Record<string, unknown>)

describe('security headers (checklist 10, 13, 28)', () => {
  let ctx: TestContext
  let admin: Agent
  let member: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    member = await addPerson(ctx, admin, 'member', 'Hedda Headers')
  })
  afterAll(() => ctx.close())

  const pages: [string, () => Agent, string, number][] = [
    ['the home page, signed in', () => admin, '/', 200],
    ['a cached handbook page, signed in', () => admin, '/handbook/scrum', 200],
    ['the sign-in page, signed out', () => new Agent(ctx.app), '/sign-in', 200],
    ['the 404 page', () => admin, '/no-such-page', 404],
    ['the 403 page', () => member, '/admin/people', 403],
  ]

  it.each(pages)('sends a strict policy on %s', async (_name, agent, url, status) => {
    const res = await agent().get(url)
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const policy = csp(res)
    expect(policy['default-src']).toEqual(["'self'"])
    expect(policy['object-src']).toEqual(["'none'"])
    expect(policy['base-uri']).toEqual(["'none'"])
    expect(policy['frame-ancestors']).toEqual(["'none'"])
    expect(policy['form-action']).toEqual(["'self'"])
    expect(policy['script-src']).not.toContain("'unsafe-inline'")
    expect(policy['script-src']).not.toContain("'unsafe-eval'")
    expect(policy['style-src']).not.toContain("'unsafe-inline'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('same-origin')
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })

  it.each(pages)('allows inline script on %s only by this response’s nonce', async (_name, agent, url) => {
    const first = await agent().get(url)
    const second = await agent().get(url)
    const nonces = [first, second].map(res => {
      const sources = csp(res)['script-src'] ?? []
      const nonce = sources.find(s => s.startsWith("'nonce-"))?.slice(7, -1)
      // 128 random bits.
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
      const page = $(res.body)
      const inline = page('script:not([src])')
      expect(inline.length).toBeGreaterThan(0)
      inline.each((_, el) => {
        expect(page(el).attr('nonce')).toBe(nonce)
      })
      return nonce
    })
    expect(nonces[0]).not.toBe(nonces[1])
  })

  it('marks every signed-in page no-store, so a shared computer’s cache keeps nothing', async () => {
    for (const url of ['/', '/account', '/admin/people', '/handbook', '/handbook/scrum', '/no-such-page']) {
      const res = await admin.get(url)
      expect(res.headers['cache-control'], url).toBe('no-store')
    }
  })

  it('answers TRACE and other unknown methods with 404, never echoing the request', async () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH'] as const) {
      const res = await ctx.app.inject({ method, url: '/', headers: { cookie: 'secret=should-not-echo' } })
      expect([404, 405], method).toContain(res.statusCode)
      expect(res.body).not.toContain('should-not-echo')
    }
  })

  it('serves stylesheets and scripts to people who are not signed in', async () => {
    const signInPage = $((await new Agent(ctx.app).get('/sign-in')).body)
    const assets = [
      ...signInPage('link[rel="stylesheet"]')
        .map((_, el) => signInPage(el).attr('href'))
        .get(),
      ...signInPage('script[src]')
        .map((_, el) => signInPage(el).attr('src'))
        .get(),
    ]
    expect(assets.length).toBeGreaterThanOrEqual(3)
    for (const href of assets) {
      const res = await ctx.app.inject({ url: href })
      expect(res.statusCode, href).toBe(200)
    }
  })

  it('reports health without needing to sign in', async () => {
    const res = await ctx.app.inject({ url: '/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' })
    expect(res.headers['cache-control']).toBe('no-store')
  })
})

describe('cookies (checklist 12, 20)', () => {
  it('are HttpOnly, SameSite=Lax and for the whole site over plain http (local use)', async () => {
    const ctx = await buildTestApp()
    try {
      await setUpInstallation(ctx)
      const browser = new Agent(ctx.app)
      const page = await browser.get('/sign-in?returnTo=%2Faccount')
      const res = await browser.post('/sign-in', {
        _csrf: csrfTokenFrom(page.body),
        email: 'ada@example.gov.uk',
        password: TEST_PASSWORD,
      })
      const cookies = [...setCookies(page), ...setCookies(res)]
      const sessionCookies = cookies.filter(
        c => c.startsWith('valuekit-session=') && !c.startsWith('valuekit-session=;'),
      )
      const session = sessionCookies.at(-1)
      // The form token is bound to the session: there is no separate token cookie.
      expect(cookies.filter(c => !c.startsWith('valuekit-session='))).toEqual([])
      for (const cookie of sessionCookies) {
        expect(cookie).toBeDefined()
        expect(cookie).toMatch(/; HttpOnly/)
        expect(cookie).toMatch(/; SameSite=Lax/)
        expect(cookie).toMatch(/; Path=\//)
        expect(cookie).not.toMatch(/; Secure/)
        expect(cookie).not.toMatch(/Domain=/i)
        // Gone when the browser closes: no lasting cookie on a shared computer.
        expect(cookie).not.toMatch(/Max-Age|Expires/i)
      }
      // 256 random bits, base64url.
      expect(session?.split(';')[0]?.split('=')[1]).toMatch(/^[A-Za-z0-9_-]{43}$/)
    } finally {
      await ctx.close()
    }
  })

  it('use the __Host- prefix and Secure when the service is reached over https', async () => {
    const ctx = await buildTestApp({ env: { BASE_URL: 'https://valuekit.example.gov.uk' } })
    try {
      const admin = await setUpInstallation(ctx)
      expect([...admin.cookies.keys()].sort()).toEqual(['__Host-valuekit-session'])
      const signedOut = new Agent(ctx.app)
      const page = await signedOut.get('/sign-in?returnTo=%2Faccount')
      const res = await signedOut.post('/sign-in', {
        _csrf: csrfTokenFrom(page.body),
        email: 'ada@example.gov.uk',
        password: TEST_PASSWORD,
      })
      expect(res.statusCode).toBe(303)
      const cookies = [...setCookies(page), ...setCookies(res)].filter(c => !c.includes('=;'))
      expect(cookies.length).toBeGreaterThanOrEqual(2)
      for (const cookie of cookies) {
        expect(cookie).toMatch(/^__Host-/)
        expect(cookie).toMatch(/; Secure/)
        expect(cookie).toMatch(/; Path=\//)
        expect(cookie).toMatch(/; HttpOnly/)
        expect(cookie).toMatch(/; SameSite=Lax/)
        expect(cookie).not.toMatch(/Domain=/i)
      }
      expect(csp(res)['upgrade-insecure-requests']).toEqual([])
    } finally {
      await ctx.close()
    }
  })
})

describe('form tokens (checklist 11)', () => {
  let ctx: TestContext
  let admin: Agent
  let postRoutes: string[]

  beforeAll(async () => {
    registeredRoutes.length = 0
    ctx = await buildTestApp()
    postRoutes = registeredRoutes
      .filter(r => (Array.isArray(r.method) ? r.method : [r.method]).includes('POST'))
      .map(r => r.url)
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  const realPath = (route: string) =>
    route
      .replace(':slug', 'scrum')
      .replace(':version', '1')
      .replace(':id', '00000000-0000-4000-8000-000000000000')
      .replace(':token', 'token')

  it('refuses every form post without a token, signed in or not', async () => {
    expect(postRoutes.length).toBeGreaterThan(20)
    const anonymous = new Agent(ctx.app)
    await anonymous.get('/sign-in')
    for (const route of postRoutes) {
      for (const agent of [admin, anonymous]) {
        const res = await agent.post(realPath(route), { name: 'No token' })
        expect(res.statusCode, route).toBe(403)
        expect($(res.body)('h1').text(), route).toBe('This form has expired')
      }
    }
  })

  it('refuses a token from another browser', async () => {
    const other = await signIn(ctx, 'ada@example.gov.uk')
    const othersToken = await other.token()
    const res = await admin.post('/admin/people/new', {
      _csrf: othersToken,
      name: 'Forged Person',
      email: 'forged@example.gov.uk',
      role: 'administrator',
    })
    expect(res.statusCode).toBe(403)
    const people = await ctx.app.services.accounts.list()
    expect(people.map(p => p.email)).not.toContain('forged@example.gov.uk')
  })

  it('refuses a made-up token and a token sent in the query string', async () => {
    const made = await admin.post('/admin/people/new', { _csrf: 'abc', name: 'X', email: 'x@example.gov.uk' })
    expect(made.statusCode).toBe(403)
    const token = await admin.token()
    const inQuery = await admin.post(`/admin/people/new?_csrf=${encodeURIComponent(token)}`, {
      name: 'X',
      email: 'x@example.gov.uk',
      role: 'member',
    })
    expect(inQuery.statusCode).toBe(403)
  })

  it('changes nothing on a GET, whichever page it is (checklist 11)', async () => {
    const adminId = (await ctx.app.services.accounts.list())[0]?.id ?? ''
    const getRoutes = registeredRoutes
      .filter(r => (Array.isArray(r.method) ? r.method : [r.method]).includes('GET') && !r.url.startsWith('/assets/'))
      .map(r => r.url)
    expect(getRoutes.length).toBeGreaterThan(30)
    const before = await snapshot()
    for (const route of getRoutes) {
      const res = await admin.get(realPath(route).replace('00000000-0000-4000-8000-000000000000', adminId))
      expect(res.statusCode, route).toBeLessThan(500)
    }
    expect(await snapshot()).toEqual(before)
  })

  /** Every row of every table but the sessions (whose last-seen time a visit refreshes). */
  async function snapshot(): Promise<Record<string, unknown[]>> {
    const db = ctx.testDb.db.kysely
    const tables = await ownTables(ctx.testDb.db)
    const result: Record<string, unknown[]> = {}
    for (const { name } of tables) {
      if (name === 'sessions' || name.startsWith('sqlite_') || name.startsWith('kysely_')) continue
      result[name] = (await sql`select * from ${sql.table(name)} order by 1`.execute(db)).rows
    }
    expect(Object.keys(result).length).toBeGreaterThan(5)
    return result
  }

  it('puts a token in every form that posts', async () => {
    for (const url of ['/account/password', '/admin/people/new', '/admin/settings', '/handbook/scrum/edit']) {
      const page = $((await admin.get(url)).body)
      const forms = page('form[method="post"]')
      expect(forms.length, url).toBeGreaterThan(0)
      forms.each((_, form) => {
        expect(page(form).find('input[name="_csrf"]').val(), url).toMatch(/.{20,}/)
      })
    }
  })
})

describe('escaping what people type (checklist 1, 4)', () => {
  const PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{7*7}}'
  let ctx: TestContext
  let admin: Agent
  let person: Agent & { email: string; name: string; id: string }
  let personId: string

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    const settings = await admin.get('/admin/settings')
    const saved = await admin.post('/admin/settings', {
      ...formFields(settings.body, '/admin/settings'),
      name: `Org ${PAYLOAD}`,
      logoText: '<script>alert(1)</script>',
      phase: 'beta',
      feedbackUrl: 'https://example.gov.uk/feedback?a="><script>alert(1)</script>',
    })
    expect(saved.statusCode).toBe(303)
    person = await addPersonWithId(ctx, admin, 'editor', `Eve ${PAYLOAD}`)
    personId = person.id
    // Their name becomes the credit on a page version and on a suggestion.
    const edit = await person.get('/handbook/scrum/edit')
    const changed = await person.post('/handbook/scrum/edit', {
      ...formFields(edit.body, '/handbook/scrum/edit'),
      changeNote: `Note ${PAYLOAD}`,
    })
    expect(changed.statusCode).toBe(303)
  })
  afterAll(() => ctx.close())

  function expectEscaped(html: string, where: string) {
    const page = $(html)
    expect(html, where).not.toContain('<script>alert(1)</script>')
    expect(page('[onerror]').length, where).toBe(0)
    expect(page('img[src="x"]').length, where).toBe(0)
    page('script').each((_, el) => {
      expect(page(el).text(), where).not.toContain('alert(1)')
    })
    expect(html, where).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  }

  it('escapes the organisation’s and a person’s name on every page that shows them', async () => {
    const pages: [Agent, string][] = [
      [admin, '/'],
      [admin, '/admin'],
      [admin, '/admin/people'],
      [admin, `/admin/people/${personId}`],
      [admin, '/admin/settings'],
      [admin, '/admin/audit-log'],
      [admin, '/handbook/scrum'],
      [admin, '/handbook/scrum/history'],
      [admin, '/no-such-page'],
      [person, '/'],
      [person, '/account'],
      [person, '/handbook'],
      [person, '/handbook/scrum'],
      [new Agent(ctx.app), '/sign-in'],
    ]
    for (const [agent, url] of pages) {
      const res = await agent.get(url)
      expect(res.statusCode, url).toBeLessThan(500)
      expectEscaped(res.body, url)
    }
  })

  it('shows template syntax as typed rather than running it', async () => {
    const people = await admin.get('/admin/people')
    expect(people.body).toContain('Eve &lt;script&gt;')
    expect($(people.body)('main').text()).toContain('{{7*7}}')
    const account = await person.get('/account')
    expect($(account.body)('main').text()).toContain(`Eve ${PAYLOAD}`)
  })

  it('keeps a hostile feedback link an attribute value, not markup', async () => {
    const res = await admin.get('/')
    const link = $(res.body)('.govuk-phase-banner a')
    expect(link.attr('href')).toBe('https://example.gov.uk/feedback?a="><script>alert(1)</script>')
  })

  it('refuses links that would run script', async () => {
    const settings = await admin.get('/admin/settings')
    for (const feedbackUrl of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      const res = await admin.post('/admin/settings', {
        ...formFields(settings.body, '/admin/settings'),
        feedbackUrl,
      })
      expect(res.statusCode, feedbackUrl).toBe(400)
      expectEscapedInput(res.body)
    }
  })

  function expectEscapedInput(html: string) {
    expect(html).not.toMatch(/href="(javascript|data):/i)
  }
})

describe('redirects after signing in (checklist: open redirects)', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await buildTestApp()
    await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  async function signInFrom(url: string, extra: Record<string, string> = {}): Promise<InjectResponse> {
    const browser = new Agent(ctx.app)
    const page = await browser.get(url)
    return browser.post('/sign-in', {
      _csrf: csrfTokenFrom(page.body),
      email: 'ada@example.gov.uk',
      password: TEST_PASSWORD,
      ...extra,
    })
  }

  it('returns to a page on this site', async () => {
    const res = await signInFrom('/sign-in?returnTo=%2Fadmin%2Fpeople')
    expect(res.headers.location).toBe('/admin/people')
  })

  it.each([
    '//evil.example',
    'https://evil.example',
    '/\\evil.example',
    '//evil.example/%2F..',
    'javascript:alert(1)',
    '/%0d%0aSet-Cookie:x=y',
  ])('ignores returnTo=%s', async target => {
    const res = await signInFrom(`/sign-in?returnTo=${encodeURIComponent(target)}`)
    expect(res.statusCode).toBe(303)
    const location = String(res.headers.location)
    expect(location.startsWith('/')).toBe(true)
    expect(location.startsWith('//')).toBe(false)
    expect(location).not.toContain('evil.example')
    expect(res.headers['set-cookie']?.toString()).not.toContain('x=y')
  })

  it('lets only paths on this site through, whatever the mix of slashes, schemes and spaces', () => {
    const parts = ['/', '//', '\\', '/\\', '\t', '\r\n', ' ', 'https:', 'javascript:', '%2F', '.', '@', 'evil.example']
    let checked = 0
    for (const a of parts)
      for (const b of parts)
        for (const c of parts) {
          const candidate = `${a}${b}${c}`
          const safe = safeReturnPath(candidate)
          checked++
          if (safe === null) continue
          expect(safe, JSON.stringify(candidate)).toBe(candidate)
          expect(safe.startsWith('/'), JSON.stringify(candidate)).toBe(true)
          expect(/^\/[\\/]/.test(safe), JSON.stringify(candidate)).toBe(false)
          expect(/[\r\n\t]/.test(safe), JSON.stringify(candidate)).toBe(false)
          // A browser resolves it to this site.
          expect(new URL(safe, 'https://valuekit.example').origin, JSON.stringify(candidate)).toBe(
            'https://valuekit.example',
          )
        }
    expect(checked).toBe(parts.length ** 3)
    expect(safeReturnPath(`/${'a'.repeat(2000)}`)).toBeNull()
    expect(safeReturnPath(['/admin'])).toBeNull()
  })

  it('ignores a returnTo slipped into the form', async () => {
    const res = await signInFrom('/sign-in', { returnTo: '//evil.example' })
    expect(res.headers.location).toBe('/')
  })
})

describe('form tampering (checklist 29)', () => {
  let ctx: TestContext
  let admin: Agent
  let member: Agent & { email: string; name: string }

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    member = await addPerson(ctx, admin, 'member', 'Max Member')
  })
  afterAll(() => ctx.close())

  const memberRecord = async () => {
    const people = await ctx.app.services.accounts.list()
    const record = people.find(p => p.email === member.email)
    if (!record) throw new Error('member not found')
    return record
  }

  it('ignores extra fields such as role on a person’s own password form', async () => {
    const token = await member.token()
    const res = await member.post('/account/password', {
      _csrf: token,
      currentPassword: TEST_PASSWORD,
      newPassword: 'a new and quite long passphrase',
      confirmPassword: 'a new and quite long passphrase',
      role: 'administrator',
      status: 'active',
      id: 'someone-else',
      email: 'ada@example.gov.uk',
    })
    expect(res.statusCode).toBe(303)
    const record = await memberRecord()
    expect(record.role).toBe('member')
    expect(record.email).toBe(member.email)
    expect((await member.get('/admin')).statusCode).toBe(403)
  })

  it('does not let an administrator change an email address through the edit form', async () => {
    const record = await memberRecord()
    const token = await admin.token()
    const res = await admin.post(`/admin/people/${record.id}`, {
      _csrf: token,
      name: 'Max Member',
      role: 'member',
      status: 'active',
      version: String(record.version),
      email: 'changed@example.gov.uk',
      passwordHash: 'x',
    })
    expect(res.statusCode).toBe(303)
    const after = await memberRecord()
    expect(after.email).toBe(member.email)
    expect(after.passwordHash).not.toBe('x')
  })

  it('cannot pollute Object.prototype through form fields', async () => {
    const token = await admin.token()
    const hostile =
      '__proto__[polluted]=yes&__proto__=yes&constructor[prototype][polluted]=yes&constructor.prototype.polluted=yes'
    for (const url of ['/admin/settings', '/admin/people/new', '/sign-in', '/account/password']) {
      const res = await admin.request({
        method: 'POST',
        url,
        payload: `_csrf=${encodeURIComponent(token)}&name=x&${hostile}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      expect(res.statusCode, url).toBeLessThan(500)
    }
    // And through the form kept for someone whose session ran out.
    const signedOut = new Agent(ctx.app)
    const anonToken = await signedOut.token('/sign-in')
    const kept = await signedOut.request({
      method: 'POST',
      url: '/admin/settings',
      payload: `_csrf=${encodeURIComponent(anonToken)}&name=x&${hostile}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(kept.statusCode).toBe(303)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('takes the first of repeated fields instead of failing', async () => {
    const token = await admin.token()
    const res = await admin.post('/admin/people/new', {
      _csrf: token,
      name: ['Rita Repeat', 'Someone Else'],
      email: ['rita@example.gov.uk', 'other@example.gov.uk'],
      role: ['member', 'administrator'],
    })
    expect(res.statusCode).toBe(303)
    const rita = (await ctx.app.services.accounts.list()).find(p => p.email === 'rita@example.gov.uk')
    expect(rita?.name).toBe('Rita Repeat')
    expect(rita?.role).toBe('member')
  })

  it('answers bodies it cannot read with an error page, not a crash', async () => {
    const token = await admin.token()
    const cases: { type: string; payload: string }[] = [
      { type: 'application/json', payload: JSON.stringify({ _csrf: token, name: 'x' }) },
      { type: 'text/plain', payload: 'hello' },
      { type: 'application/x-www-form-urlencoded', payload: `_csrf=${encodeURIComponent(token)}&name=%C3%28%FF` },
      { type: 'application/x-www-form-urlencoded', payload: 'x'.repeat(3 * 1024 * 1024) },
    ]
    for (const c of cases) {
      const res = await admin.request({
        method: 'POST',
        url: '/admin/people/new',
        payload: c.payload,
        headers: { 'content-type': c.type },
      })
      expect([400, 403, 413, 415], c.type).toContain(res.statusCode)
      expect(res.headers['content-type'], c.type).toBe('text/html; charset=utf-8')
    }
  })
})

describe('logs (checklist 30, 31)', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await buildTestApp()
  })
  afterAll(() => ctx.close())

  it('hold no passwords, cookies, tokens or form text after a full journey, and record the events', async () => {
    const admin = await setUpInstallation(ctx)
    const before = ctx.logs.length
    const secrets: string[] = [TEST_PASSWORD]

    // Add a person: their set-password link is a secret too.
    const added = await admin.submit('/admin/people/new', '/admin/people/new', {
      name: 'Lou Logged',
      email: 'lou@example.gov.uk',
      role: 'member',
    })
    const link = $((await admin.get(String(added.headers.location))).body)('[data-testid="password-link"]')
      .text()
      .trim()
    const linkToken = link.split('/').pop() ?? ''
    expect(linkToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    secrets.push(linkToken)
    const lou = new Agent(ctx.app)
    await lou.get(new URL(link).pathname)
    const firstPassword = 'lou first passphrase 2026'
    secrets.push(firstPassword)
    await lou.submit('/set-password', '/set-password', { password: firstPassword, confirmPassword: firstPassword })

    // A failed and a successful sign-in.
    const wrong = 'definitely not the password'
    secrets.push(wrong)
    const failed = await signIn(ctx, 'lou@example.gov.uk', wrong)
    expect((await failed.get('/account')).headers.location).toBe('/sign-in?returnTo=%2Faccount')
    const signedIn = await signIn(ctx, 'lou@example.gov.uk', firstPassword)

    // A password change and a form with text in it.
    const newPassword = 'lou second passphrase 2026'
    secrets.push(newPassword)
    const changed = await signedIn.submit('/account/password', '/account/password', {
      currentPassword: firstPassword,
      newPassword,
      confirmPassword: newPassword,
    })
    expect(changed.statusCode).toBe(303)
    const suggestForm = await signedIn.get('/handbook/scrum/suggest')
    const secretText = 'Private words that belong in the database only'
    secrets.push(secretText)
    await signedIn.post('/handbook/scrum/suggest', {
      ...formFields(suggestForm.body, '/handbook/scrum/suggest'),
      body: secretText,
      reason: secretText,
    })
    // A refusal.
    expect((await signedIn.get('/admin/audit-log')).statusCode).toBe(403)

    for (const agent of [admin, lou, signedIn]) {
      for (const value of agent.cookies.values()) secrets.push(value)
      const signInPage = await agent.get('/sign-in')
      secrets.push(signInPage.statusCode === 200 ? csrfTokenFrom(signInPage.body) : await agent.token())
    }

    const text = ctx.logs.slice(before).join('\n')
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(10)
      expect(text.includes(secret), `the logs hold ${secret.slice(0, 12)}…`).toBe(false)
    }
    expect(text).not.toContain('lou@example.gov.uk')

    const events = parseLogs(ctx.logs.slice(before))
    const signIns = events.filter(e => e.event === 'sign-in')
    const failures = events.filter(e => e.event === 'sign-in-failed')
    const refusals = events.filter(e => e.event === 'authorization-failure')
    expect(signIns).toHaveLength(1)
    expect(failures).toHaveLength(1)
    expect(refusals).toHaveLength(1)
    for (const event of [...signIns, ...failures, ...refusals]) {
      expect(typeof event.time).toBe('number')
      expect(typeof event.reqId).toBe('string')
    }
    expect(typeof signIns[0]?.userId).toBe('string')
    expect(failures[0]).toMatchObject({ reason: 'invalid' })
    expect(refusals[0]).toMatchObject({ route: '/admin/audit-log', userId: signIns[0]?.userId })
  })

  it('cannot be forged by line breaks in what someone types', async () => {
    const before = ctx.logs.length
    await signIn(ctx, 'x@example.gov.uk\n{"level":30,"event":"sign-in","userId":"forged"}', 'a wrong password here')
    const lines = ctx.logs.slice(before)
    const events = parseLogs(lines)
    expect(events.filter(e => e.event === 'sign-in')).toHaveLength(0)
    expect(events.filter(e => e.event === 'sign-in-failed')).toHaveLength(1)
    expect(lines.join('')).not.toContain('forged')
  })
})

describe('errors (checklist 27)', () => {
  it('show a generic page with no stack trace or database detail, and health reports the outage', async () => {
    const ctx = await buildTestApp({ env: { NODE_ENV: 'production' } })
    let closed = false
    try {
      const admin = await setUpInstallation(ctx)
      await ctx.testDb.db.close()
      closed = true
      const res = await admin.get('/admin/audit-log')
      expect(res.statusCode).toBe(500)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.body).toContain('Sorry, there is a problem with the service')
      expect(res.body).not.toMatch(/\bat .+\(.+:\d+:\d+\)/)
      expect(res.body).not.toMatch(/sqlite|kysely|database connection|TypeError|Error:/i)
      expect(res.headers['content-security-policy']).toBeDefined()
      const logged = parseLogs(ctx.logs).filter(e => e.level === 50)
      expect(logged.length).toBeGreaterThan(0)

      const health = await ctx.app.inject({ url: '/health' })
      expect(health.statusCode).toBe(503)
      expect(health.json()).toEqual({ status: 'unavailable', database: 'not answering' })
    } finally {
      if (closed) await ctx.app.close()
      else await ctx.close()
    }
  })

  it('render the problem page for a request the app cannot understand', async () => {
    const ctx = await buildTestApp()
    try {
      const admin = await setUpInstallation(ctx)
      const res = await admin.get('/handbook/scrum/versions/not-a-number')
      expect(res.statusCode).toBe(400)
      expect($(res.body)('h1').text()).toBe('There is a problem with the request')
      expect(res.body).not.toContain('params/version')
    } finally {
      await ctx.close()
    }
  })
})

// ---- Issue 7, section 4: the holes an attacker found, each reproduced through the real app ----

const MINUTE = 60_000
const summaryOf = (html: string) => $(html)('.govuk-error-summary').text().replace(/\s+/g, ' ').trim()

/** Every session row's data, to show what the database keeps. */
async function sessionData(ctx: TestContext): Promise<string> {
  const rows = await ctx.testDb.db.kysely.selectFrom('sessions').select('data').execute()
  return rows.map(r => r.data).join('\n')
}

/** Signs in through the sign-in page from a given client address. */
async function signInFrom(browser: Agent, email: string, password: string, remoteAddress = '127.0.0.1') {
  const page = await browser.request({ method: 'GET', url: '/sign-in', remoteAddress })
  const body = new URLSearchParams({ _csrf: csrfTokenFrom(page.body), email, password }).toString()
  return browser.request({
    method: 'POST',
    url: '/sign-in',
    payload: body,
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
}

describe('hole 1: a kept form reaches only the person whose session ran out', () => {
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  const privateForm = async (author: Agent, text: string) => {
    const form = await author.get('/handbook/scrum/suggest')
    return { ...formFields(form.body, '/handbook/scrum/suggest'), body: text, reason: text, action: 'send' }
  }

  it('is thrown away when its author signs out on purpose in another tab, so the next person never sees it', async () => {
    const author = await addPerson(ctx, admin, 'member', 'Pat Private')
    const next = await addPerson(ctx, admin, 'member', 'Nia Next')
    const secret = 'The private note Pat was writing'
    const fields = await privateForm(author, secret)
    // Another tab of the same browser signs out.
    expect((await author.post('/sign-out', { _csrf: await author.token() })).headers.location).toBe('/sign-out')
    const sent = await author.post('/handbook/scrum/suggest', fields)
    expect(sent.statusCode).toBe(403)
    expect($(sent.body)('h1').text()).toBe('This form has expired')
    expect(await sessionData(ctx)).not.toContain(secret)

    const signedIn = await signInFrom(author, next.email, TEST_PASSWORD)
    expect(signedIn.headers.location).toBe('/')
    const resume = await author.get('/resume')
    expect(resume.headers.location).toBe('/')
    const home = await author.get('/')
    expect(home.body).not.toContain(secret)
  })

  it('is kept for its author when the session runs out, and never offered to someone else on that browser', async () => {
    const author = await addPerson(ctx, await signIn(ctx, 'ada@example.gov.uk'), 'member', 'Ola Owner')
    const other = await addPerson(ctx, await signIn(ctx, 'ada@example.gov.uk'), 'member', 'Ivo Intruder')
    const secret = 'Agenda: my pay and my health'
    const fields = await privateForm(author, secret)
    ctx.clock.advance(31 * MINUTE)
    const sent = await author.post('/handbook/scrum/suggest', fields)
    expect(sent.headers.location).toBe('/sign-in?resume=1')
    expect(await sessionData(ctx)).toContain(secret)

    // Someone else signs in on the same browser: the form is not theirs.
    const intruder = await signInFrom(author, other.email, TEST_PASSWORD)
    expect(intruder.headers.location).toBe('/')
    for (const url of ['/resume', '/', '/account']) {
      const res = await author.get(url)
      expect(res.body, url).not.toContain(secret)
      expect(
        $(res.body)('input[type="hidden"]')
          .toArray()
          .map(el => $(res.body)(el).val()),
        url,
      ).not.toContain(secret)
    }
    expect((await author.get('/resume')).headers.location).toBe('/')
    expect(await sessionData(ctx)).not.toContain(secret)
  })

  it('gives it back to its author, and only to them', async () => {
    const author = await addPerson(ctx, await signIn(ctx, 'ada@example.gov.uk'), 'member', 'Ada Again')
    const secret = 'What I meant to send'
    const fields = await privateForm(author, secret)
    ctx.clock.advance(31 * MINUTE)
    expect((await author.post('/handbook/scrum/suggest', fields)).headers.location).toBe('/sign-in?resume=1')
    expect((await signInFrom(author, author.email, TEST_PASSWORD)).headers.location).toBe('/resume')
    const resume = await author.get('/resume')
    expect(formFields(resume.body, '/handbook/scrum/suggest').body).toBe(secret)
  })

  it('is not kept when nobody’s session ran out: a form posted while signed out goes nowhere', async () => {
    const stranger = new Agent(ctx.app)
    const token = csrfTokenFrom((await stranger.get('/sign-in')).body)
    const secret = 'Posted by someone who never signed in'
    const sent = await stranger.post('/handbook/scrum/suggest', { _csrf: token, body: secret, reason: secret })
    expect(sent.headers.location).toBe('/sign-in')
    expect(await sessionData(ctx)).not.toContain(secret)
  })
})

describe('hole 2: the sign-in rate limit cannot be dodged with X-Forwarded-For', () => {
  const attempt = (ctx: TestContext, n: number, remoteAddress = '127.0.0.1') =>
    ctx.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress,
      payload: 'email=x%40example.gov.uk&password=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${n}` },
    })

  it('ignores X-Forwarded-For from anyone when no proxy is trusted, even over https', async () => {
    const ctx = await buildTestApp({ env: { BASE_URL: 'https://valuekit.example.gov.uk' }, signInRateLimit: 3 })
    try {
      const statuses: number[] = []
      for (let n = 1; n <= 4; n++) statuses.push((await attempt(ctx, n)).statusCode)
      expect(statuses.at(-1)).toBe(429)
      expect(ctx.config.trustedProxies).toEqual([])
    } finally {
      await ctx.close()
    }
  })

  it('believes X-Forwarded-For only from a proxy named in TRUSTED_PROXIES', async () => {
    const ctx = await buildTestApp({
      env: { BASE_URL: 'https://valuekit.example.gov.uk', TRUSTED_PROXIES: '127.0.0.1' },
      signInRateLimit: 3,
    })
    try {
      const statuses: number[] = []
      for (let n = 1; n <= 4; n++) statuses.push((await attempt(ctx, n)).statusCode)
      // Each client behind the trusted proxy has its own allowance.
      expect(statuses).not.toContain(429)
      const fromElsewhere: number[] = []
      for (let n = 1; n <= 4; n++) fromElsewhere.push((await attempt(ctx, n, '203.0.113.50')).statusCode)
      expect(fromElsewhere.at(-1)).toBe(429)
    } finally {
      await ctx.close()
    }
  })
})

describe('hole 3: nobody can lock someone else out of their account', () => {
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  const ATTACKER = '203.0.113.66'
  const OWNER = '198.51.100.7'

  it('pauses only the attacker’s address, for longer each time, logs and audits it, and starts again once the pause is over', async () => {
    const victim = await addPerson(ctx, admin, 'administrator', 'Vic Victim')
    const attacker = new Agent(ctx.app)
    for (let i = 1; i <= 5; i++) {
      const res = await signInFrom(attacker, victim.email, `guess ${i}`, ATTACKER)
      expect(res.statusCode).toBe(401)
      expect(summaryOf(res.body)).toContain('Enter a correct email address and password')
    }
    const before = ctx.logs.length
    const sixth = await signInFrom(attacker, victim.email, 'guess 6', ATTACKER)
    expect(summaryOf(sixth.body)).toContain('Wait 1 minute, then try again')
    const events = parseLogs(ctx.logs.slice(before)).filter(e => e.event === 'sign-in-paused')
    expect(events).toEqual([expect.objectContaining({ event: 'sign-in-paused', failures: 6, address: ATTACKER })])
    const audit = await ctx.app.services.audit.list({ subjectType: 'person' }, 1)
    expect(audit.events.map(e => e.action)).toContain('person.sign-in-paused')

    // Even the right password waits from the attacker's address...
    const paused = await signInFrom(new Agent(ctx.app), victim.email, TEST_PASSWORD, ATTACKER)
    expect(paused.statusCode).toBe(401)
    // ...but the owner, anywhere else, signs in at once.
    const owner = await signInFrom(new Agent(ctx.app), victim.email, TEST_PASSWORD, OWNER)
    expect(owner.statusCode).toBe(303)

    // Each further wrong password doubles the wait, up to 15 minutes.
    const waits: string[] = []
    for (const seconds of [30, 60, 120, 240, 480]) {
      ctx.clock.advance(seconds * 1000 + 1000)
      const res = await signInFrom(attacker, victim.email, 'another guess', ATTACKER)
      waits.push(/Wait (\d+ minutes?)/.exec(summaryOf(res.body))?.[1] ?? '')
    }
    expect(waits).toEqual(['1 minute', '2 minutes', '4 minutes', '8 minutes', '15 minutes'])

    // Once the longest pause is over, the count starts again: nothing is locked for good.
    ctx.clock.advance(15 * MINUTE + 1000)
    const afterwards = await signInFrom(new Agent(ctx.app), victim.email, TEST_PASSWORD, ATTACKER)
    expect(afterwards.statusCode).toBe(303)
  })

  it('treats an unknown email address the same way, so pauses do not tell which accounts exist', async () => {
    // The first test moved the clock on past the administrator's session: sign in afresh.
    const known = await addPerson(ctx, await signIn(ctx, 'ada@example.gov.uk'), 'member', 'Kay Known')
    const answers: string[][] = [[], []]
    for (const [i, email] of [known.email, 'nobody-here@example.gov.uk'].entries()) {
      for (let n = 1; n <= 6; n++) {
        const res = await signInFrom(new Agent(ctx.app), email, `wrong ${n}`, '192.0.2.1')
        answers[i]?.push(`${res.statusCode} ${summaryOf(res.body)}`)
      }
    }
    expect(answers[0]).toEqual(answers[1])
  })
})

describe('holes 4 and 5: the people capability keeps leaders to their area and nobody changes their own record', () => {
  let ctx: TestContext
  let admin: Agent
  let leader: Agent & { email: string; name: string; id: string }
  let outsider: Agent & { email: string; name: string; id: string }
  let insider: Agent & { email: string; name: string; id: string }
  let manager: Agent & { email: string; name: string; id: string }
  let adminId: string

  const profile = (changes: Record<string, unknown> = {}) => ({
    careerRole: 'product-manager',
    lineManagerId: null,
    associateOfId: null,
    businessArea: 'Benefits',
    group: '',
    dateIntoRole: '2024-01-01',
    headOfProfession: false,
    oneToOneCadenceDays: 28,
    ...changes,
  })

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    leader = await addPersonWithId(ctx, admin, 'leader', 'Lou Leader')
    outsider = await addPersonWithId(ctx, admin, 'member', 'Pia Pensions')
    insider = await addPersonWithId(ctx, admin, 'member', 'Ben Benefits')
    manager = await addPersonWithId(ctx, admin, 'member', 'Max Manager')
    adminId = (await ctx.app.services.accounts.list()).find(p => p.email === 'ada@example.gov.uk')?.id ?? ''
    const { people } = ctx.app.services
    await people.saveProfile(SYSTEM_ACTOR, manager.id, profile({ careerRole: 'senior-product-manager' }), 0)
    await people.saveProfile(
      SYSTEM_ACTOR,
      leader.id,
      profile({ careerRole: 'lead-product-manager', lineManagerId: manager.id }),
      0,
    )
    await people.saveProfile(SYSTEM_ACTOR, insider.id, profile({ lineManagerId: leader.id }), 0)
    await people.saveProfile(
      SYSTEM_ACTOR,
      outsider.id,
      profile({ businessArea: 'Pensions', lineManagerId: manager.id }),
      0,
    )
  })
  afterAll(() => ctx.close())

  it('hole 4: a leader gets 403 for every page about a person outside their area, as the list hides them', async () => {
    const list = await leader.get('/people')
    expect(list.body).toContain(insider.name)
    expect(list.body).not.toContain(outsider.name)
    expect((await leader.get(`/people/${insider.id}`)).statusCode).toBe(200)

    const personRoutes = registeredRoutes
      .filter(r => r.url.startsWith('/people/:id'))
      .flatMap(r => (Array.isArray(r.method) ? r.method : [r.method]).filter(m => m === 'GET').map(() => r.url))
    expect(personRoutes.length).toBeGreaterThan(10)
    const other = '00000000-0000-4000-8000-000000000000'
    for (const route of personRoutes) {
      const path = route.replace(':id', outsider.id).replace(/:[A-Za-z]+/g, other)
      const res = await leader.get(path)
      expect([403, 404], path).toContain(res.statusCode)
      expect(res.body, path).not.toContain(outsider.email)
    }
    const postRoutes = registeredRoutes
      .filter(r => r.url.startsWith('/people/:id'))
      .filter(r => (Array.isArray(r.method) ? r.method : [r.method]).includes('POST'))
      .map(r => r.url)
    expect(postRoutes.length).toBeGreaterThan(5)
    const token = await leader.token()
    for (const route of postRoutes) {
      const path = route.replace(':id', outsider.id).replace(/:[A-Za-z]+/g, other)
      const res = await leader.post(path, { _csrf: token, probe: 'another area' })
      expect([403, 404], path).toContain(res.statusCode)
    }
    const show = await leader.get(`/people/${outsider.id}`)
    expect(show.statusCode).toBe(403)
    expect(show.body).not.toContain(outsider.name)
    const edit = await leader.post(`/people/${outsider.id}/edit`, { _csrf: await leader.token(), careerRole: 'x' })
    expect(edit.statusCode).toBe(403)
  })

  it('hole 5: a leader cannot promote himself or change his own line manager', async () => {
    const form = await leader.get(`/people/${leader.id}/edit`)
    expect(form.statusCode).toBe(200)
    const fields = formFields(form.body, `/people/${leader.id}/edit`)
    const promoted = await leader.post(`/people/${leader.id}/edit`, { ...fields, careerRole: 'head-of-product' })
    expect(promoted.statusCode).toBe(400)
    expect(summaryOf(promoted.body)).toContain('You cannot change your own career role')
    const managed = await leader.post(`/people/${leader.id}/edit`, { ...fields, lineManager: insider.email })
    expect(managed.statusCode).toBe(400)
    expect(summaryOf(managed.body)).toContain('You cannot change your own line manager')
    expect(await ctx.app.services.people.get(leader.id)).toMatchObject({
      careerRole: 'lead-product-manager',
      lineManagerId: manager.id,
    })
    // What else the form holds can still be saved.
    const saved = await leader.post(`/people/${leader.id}/edit`, { ...fields, cadenceDays: '21' })
    expect(saved.statusCode).toBe(303)
  })

  it('hole 5: an administrator cannot make herself head of profession, nor change her own role', async () => {
    const form = await admin.get(`/people/${adminId}/edit`)
    expect($(form.body)('input[name="headOfProfession"]').length).toBe(0)
    const self = await admin.post(`/people/${adminId}/edit`, {
      ...formFields(form.body, `/people/${adminId}/edit`),
      careerRole: 'head-of-product',
      headOfProfession: 'yes',
    })
    expect(self.statusCode).toBe(400)
    expect((await ctx.app.services.people.get(adminId)).headOfProfession).toBe(false)
    // Nor through the accounts page.
    const account = await admin.get(`/admin/people/${adminId}`)
    const demoted = await admin.post(`/admin/people/${adminId}`, {
      ...formFields(account.body, `/admin/people/${adminId}`),
      role: 'leader',
    })
    expect(demoted.statusCode).toBe(400)
    // Nor with a spreadsheet.
    const csv = `name,email,career_role,line_manager_email,associate_of_email,business_area,group,date_into_role\nAda Admin,ada@example.gov.uk,Head of product,,,Central,,`
    const imported = await admin.submit('/people/import', '/people/import/preview', { csv })
    expect(imported.statusCode).toBe(400)
    expect(imported.body).toContain('You cannot change your own career role')
    expect((await ctx.app.services.people.get(adminId)).hasProfile).toBe(false)
  })

  it('hole 5: head of profession is granted by a second person, and the audit log names the fields, not their content', async () => {
    const form = await admin.get(`/people/${insider.id}/edit`)
    const granted = await admin.post(`/people/${insider.id}/edit`, {
      ...formFields(form.body, `/people/${insider.id}/edit`),
      headOfProfession: 'yes',
      lineManager: manager.email,
    })
    expect(granted.statusCode).toBe(303)
    expect((await ctx.app.services.people.get(insider.id)).headOfProfession).toBe(true)
    const { events } = await ctx.app.services.audit.list({ subjectType: 'person' }, 1)
    const saved = events.find(e => e.subjectId === insider.id && e.summary.includes('(new line manager)'))
    expect(saved?.summary).toContain('changing: line manager, head of profession')
    expect(saved?.summary).not.toContain(manager.email)
    expect(saved?.summary).not.toContain(manager.name)
  })
})

describe('hole 6: odd return addresses and requests Fastify refuses get the styled page with headers', () => {
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  const expectStyled = (res: InjectResponse, status: number, where: string) => {
    expect(res.statusCode, where).toBe(status)
    expect(res.headers['content-type'], where).toBe('text/html; charset=utf-8')
    expect(String(res.headers['content-security-policy']), where).toMatch(/script-src 'self' 'nonce-[^']+'/)
    expect(res.headers['x-content-type-options'], where).toBe('nosniff')
    expect(res.headers['strict-transport-security'], where).toMatch(/max-age=31536000/)
    expect($(res.body)('link[rel="stylesheet"]').length, where).toBeGreaterThan(0)
    expect($(res.body)('h1').text(), where).not.toBe('')
    expect(res.body, where).not.toMatch(/FST_|statusCode/)
  }

  it.each(['%E4%B8%AD', '%00', '%0b', '%2F%E4%B8%AD', '%2Fa%00', '%2Fa%0b', '%2Fa%25ZZ', '%2Fa%25E4'])(
    'drops returnTo=%s instead of failing',
    async value => {
      const signedIn = await admin.get(`/sign-in?returnTo=${value}`)
      expect(signedIn.statusCode).toBe(303)
      expect(signedIn.headers.location).toBe('/')
      const browser = new Agent(ctx.app)
      const page = await browser.get(`/sign-in?returnTo=${value}`)
      expect(page.statusCode).toBe(200)
      const res = await browser.post('/sign-in', {
        _csrf: csrfTokenFrom(page.body),
        email: 'ada@example.gov.uk',
        password: TEST_PASSWORD,
      })
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe('/')
    },
  )

  it('keeps plain paths with their query and escapes', () => {
    expect(safeReturnPath('/handbook/scrum?q=a%20b&page=2')).toBe('/handbook/scrum?q=a%20b&page=2')
    for (const bad of ['/中', '/a\u0000', '/a\u000b', '/a%00', '/a%1F', '/a%7f', '/a%ZZ', '/a%C3%28', '/a b'])
      expect(safeReturnPath(bad), JSON.stringify(bad)).toBeNull()
  })

  it('answers a badly encoded address, a too-long one, a wrong content type and a too-large body with the styled page', async () => {
    const token = await admin.token()
    expectStyled(await admin.get('/people/%E0%A4%A'), 400, 'bad encoding')
    expectStyled(await ctx.app.inject({ url: '/handbook/%ZZ' }), 400, 'bad encoding, signed out')
    expectStyled(await admin.get(`/handbook/${'a'.repeat(250)}`), 414, 'parameter too long')
    const post = (type: string, payload: string) =>
      admin.request({ method: 'POST', url: '/admin/people/new', payload, headers: { 'content-type': type } })
    expectStyled(await post('application/json', JSON.stringify({ _csrf: token })), 415, 'json')
    expectStyled(await post('text/plain', `_csrf=${token}`), 415, 'text')
    expectStyled(await post('application/x-www-form-urlencoded', 'x'.repeat(3 * 1024 * 1024)), 413, 'too large')
  })

  it('answers headers too large with a 431 styled page and the security headers, from a real server', async () => {
    const server = await buildTestApp()
    try {
      await server.app.listen({ port: 0, host: '127.0.0.1' })
      const address = server.app.server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      const res = await fetch(`http://127.0.0.1:${port}/sign-in`, { headers: { 'x-padding': 'a'.repeat(20_000) } })
      expect(res.status).toBe(431)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[^']+'/)
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      const html = await res.text()
      expect($(html)('h1').text()).toBe('What your browser sent is too large')
      expect($(html)('link[rel="stylesheet"]').length).toBeGreaterThan(0)
    } finally {
      await server.close()
    }
  })
})

describe('hole 7: form tokens are bound to the session and forms come only from this site as forms', () => {
  let ctx: TestContext
  let victim: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    victim = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  const addPersonWith = (agent: Agent, token: string, email: string, headers: Record<string, string> = {}) =>
    agent.request({
      method: 'POST',
      url: '/admin/people/new',
      payload: new URLSearchParams({ _csrf: token, name: 'Forged Person', email, role: 'administrator' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    })
  const emails = async () => (await ctx.app.services.accounts.list()).map(p => p.email)

  it('refuses the attacker’s own token with the victim’s session, signed in or out', async () => {
    const attacker = new Agent(ctx.app)
    const signedOutToken = csrfTokenFrom((await attacker.get('/sign-in')).body)
    const refused = await addPersonWith(victim, signedOutToken, 'forged1@example.gov.uk')
    expect(refused.statusCode).toBe(403)
    // The attacker's session cookie and token, sent together, are a signed-out session's: no use.
    const theirs = await addPersonWith(attacker, signedOutToken, 'forged2@example.gov.uk')
    expect(theirs.headers.location).toBe('/sign-in')
    // A signed-out sign-in form cannot be posted with another visitor's token either (login CSRF).
    const visitor = new Agent(ctx.app)
    await visitor.get('/sign-in')
    const login = await visitor.post('/sign-in', {
      _csrf: signedOutToken,
      email: 'ada@example.gov.uk',
      password: TEST_PASSWORD,
    })
    expect(login.statusCode).toBe(403)
    expect(await emails()).not.toContain('forged1@example.gov.uk')
    expect(await emails()).not.toContain('forged2@example.gov.uk')
  })

  it('stops working when the session it was made for ends', async () => {
    const browser = await signIn(ctx, 'ada@example.gov.uk')
    const token = await browser.token()
    await browser.post('/sign-out', { _csrf: token })
    await signInFrom(browser, 'ada@example.gov.uk', TEST_PASSWORD)
    expect((await addPersonWith(browser, token, 'forged3@example.gov.uk')).statusCode).toBe(403)
  })

  it('checks Origin when the browser sends it, and falls back to the token when it does not', async () => {
    const token = await victim.token()
    const evil = await addPersonWith(victim, token, 'evil@example.gov.uk', { origin: 'https://evil.example' })
    expect(evil.statusCode).toBe(403)
    const nullOrigin = await addPersonWith(victim, token, 'null@example.gov.uk', { origin: 'null' })
    expect(nullOrigin.statusCode).toBe(403)
    const own = await addPersonWith(victim, token, 'own@example.gov.uk', { origin: new URL(ctx.config.baseUrl).origin })
    expect(own.statusCode).toBe(303)
    const none = await addPersonWith(victim, token, 'none@example.gov.uk')
    expect(none.statusCode).toBe(303)
    expect(await emails()).not.toContain('evil@example.gov.uk')
    expect(await emails()).not.toContain('null@example.gov.uk')
  })

  it('accepts only form bodies: JSON, text and multipart where nothing is uploaded get the 415 page', async () => {
    const token = await victim.token()
    const adminId = (await ctx.app.services.accounts.list())[0]?.id ?? ''
    const boundary = 'x-boundary'
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}--\r\n`
    const cases = [
      { url: '/admin/people/new', type: 'application/json', payload: JSON.stringify({ _csrf: token, name: 'J' }) },
      { url: '/admin/people/new', type: 'text/plain', payload: `_csrf=${token}` },
      { url: '/admin/people/new', type: `multipart/form-data; boundary=${boundary}`, payload: multipart },
      { url: `/people/${adminId}/edit`, type: `multipart/form-data; boundary=${boundary}`, payload: multipart },
    ]
    for (const c of cases) {
      const res = await victim.request({
        method: 'POST',
        url: c.url,
        payload: c.payload,
        headers: { 'content-type': c.type },
      })
      const where = `${c.url} ${c.type}`
      expect(res.statusCode, where).toBe(415)
      expect(res.headers['content-type'], where).toBe('text/html; charset=utf-8')
      expect(res.headers['content-security-policy'], where).toBeDefined()
    }
    // The import form still uploads its file.
    const upload = await victim.request({
      method: 'POST',
      url: '/people/import/preview',
      payload: multipart,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    })
    expect(upload.statusCode).toBe(400)
    expect(upload.body).toContain('Paste the people as CSV')
  })
})
