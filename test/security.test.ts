// The security regression suite: headers, cookies, form tokens, escaping, redirects, form
// tampering, what reaches the logs, and what an error shows. Each test names the checklist item
// of docs/quality (ASVS 5.0 numbering) it guards.
import type { Response as InjectResponse } from 'light-my-request'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
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
    const tables = await sql<{
      name: string
    }>`select name from sqlite_master where type = 'table' order by name`.execute(db)
    const result: Record<string, unknown[]> = {}
    for (const { name } of tables.rows) {
      if (name === 'sessions' || name.startsWith('sqlite_')) continue
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
