// Sessions and signing in: new ids at sign-in, sign-out, idle and absolute time-outs on the test
// clock, what ends every session of a person, the generic sign-in message, lock-out and rate
// limit, password rules and hashing, one-time links, and getting back a form sent after the
// session ran out. Checklist items 16–22 and 26.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  TEST_PASSWORD,
  addPerson,
  buildTestApp,
  csrfTokenFrom,
  formFields,
  setUpInstallation,
  signIn,
  type TestContext,
} from './build-test-app.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const ADMIN_EMAIL = 'ada@example.gov.uk'

const insetText = (html: string) => $(html)('.govuk-inset-text').text().trim()
const errorSummary = (html: string) => $(html)('.govuk-error-summary').text().replace(/\s+/g, ' ').trim()

async function postSignIn(ctx: TestContext, email: string, password: string, browser = new Agent(ctx.app)) {
  const page = await browser.get('/sign-in')
  const res = await browser.post('/sign-in', { _csrf: csrfTokenFrom(page.body), email, password })
  return { browser, res }
}

describe('session ids', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await buildTestApp()
    await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  it('are replaced at sign-in, and the one from before no longer works', async () => {
    const browser = new Agent(ctx.app)
    const page = await browser.get('/sign-in?returnTo=%2Faccount')
    const before = browser.cookies.get('valuekit-session')
    expect(before).toBeDefined()
    const res = await browser.post('/sign-in', {
      _csrf: csrfTokenFrom(page.body),
      email: ADMIN_EMAIL,
      password: TEST_PASSWORD,
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/account')
    const after = browser.cookies.get('valuekit-session')
    expect(after).toBeDefined()
    expect(after).not.toBe(before)
    expect((await browser.get('/account')).statusCode).toBe(200)

    const attacker = new Agent(ctx.app)
    attacker.cookies.set('valuekit-session', before ?? '')
    const replay = await attacker.get('/account')
    expect(replay.statusCode).toBe(303)
    expect(replay.headers.location).toBe('/sign-in?returnTo=%2Faccount')
  })

  it('are stored only as a hash, so the database cannot be used to sign in', async () => {
    const browser = await signIn(ctx, ADMIN_EMAIL)
    const cookie = browser.cookies.get('valuekit-session') ?? ''
    const rows = await ctx.testDb.db.kysely.selectFrom('sessions').select('id').execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.map(r => r.id)).not.toContain(cookie)
    for (const row of rows) expect(row.id).toMatch(/^[0-9a-f]{64}$/)
  })

  it('end at sign-out, and replaying the cookie afterwards leads to the sign-in page', async () => {
    const browser = await signIn(ctx, ADMIN_EMAIL)
    const cookie = browser.cookies.get('valuekit-session') ?? ''
    const res = await browser.post('/sign-out', { _csrf: await browser.token() })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/sign-out')
    expect(browser.cookies.has('valuekit-session')).toBe(false)
    expect($((await browser.get('/sign-out')).body)('h1').text()).toBe('You are signed out')

    const replay = new Agent(ctx.app)
    replay.cookies.set('valuekit-session', cookie)
    const again = await replay.get('/admin/people')
    expect(again.statusCode).toBe(303)
    expect(String(again.headers.location)).toMatch(/^\/sign-in/)
  })
})

describe('session time-outs', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await buildTestApp()
    await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  it('keep an active person signed in', async () => {
    const browser = await signIn(ctx, ADMIN_EMAIL)
    for (let i = 0; i < 4; i++) {
      ctx.clock.advance(25 * MINUTE)
      expect((await browser.get('/account')).statusCode).toBe(200)
    }
  })

  it('sign out someone idle for more than 30 minutes and tell them why', async () => {
    const browser = await signIn(ctx, ADMIN_EMAIL)
    ctx.clock.advance(31 * MINUTE)
    const res = await browser.get('/account')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Faccount')
    const page = await browser.get(String(res.headers.location))
    expect(page.statusCode).toBe(200)
    expect(insetText(page.body)).toBe('You were signed out because you had not done anything for 30 minutes.')

    // Signing in again goes back to where they were.
    const again = await browser.post('/sign-in', {
      _csrf: csrfTokenFrom(page.body),
      email: ADMIN_EMAIL,
      password: TEST_PASSWORD,
    })
    expect(again.headers.location).toBe('/account')
  })

  it('sign out someone after 12 hours however active they are', async () => {
    const browser = await signIn(ctx, ADMIN_EMAIL)
    let minutes = 0
    let res = await browser.get('/account')
    while (res.statusCode === 200 && minutes < 14 * 60) {
      ctx.clock.advance(29 * MINUTE)
      minutes += 29
      res = await browser.get('/account')
    }
    expect(res.statusCode).toBe(303)
    expect(minutes).toBeGreaterThan(12 * 60)
    expect(minutes).toBeLessThanOrEqual(12 * 60 + 29)
    const page = await browser.get(String(res.headers.location))
    expect(insetText(page.body)).toBe(
      'You were signed out because you had been signed in for a long time. Sign in again to carry on.',
    )
  })

  it('can be put off from the warning dialog, and say so once it is too late', async () => {
    const browser = await signIn(ctx, ADMIN_EMAIL)
    const token = await browser.token()
    ctx.clock.advance(28 * MINUTE)
    expect((await browser.post('/session/extend', { _csrf: token })).statusCode).toBe(204)
    ctx.clock.advance(28 * MINUTE)
    expect((await browser.get('/account')).statusCode).toBe(200)
    ctx.clock.advance(31 * MINUTE)
    const late = await browser.post('/session/extend', { _csrf: token })
    expect(late.statusCode).toBe(401)
  })
})

describe('what ends every session of a person', () => {
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  const idOf = async (email: string) => (await ctx.app.services.accounts.list()).find(p => p.email === email)?.id ?? ''

  async function editPerson(email: string, changes: Record<string, string>) {
    const id = await idOf(email)
    const form = await admin.get(`/admin/people/${id}`)
    return admin.post(`/admin/people/${id}`, { ...formFields(form.body, `/admin/people/${id}`), ...changes })
  }

  it('disabling them signs them out at once and stops them signing in', async () => {
    const person = await addPerson(ctx, admin, 'member', 'Dee Disabled')
    const laptop = await signIn(ctx, person.email)
    expect((await person.get('/account')).statusCode).toBe(200)
    expect((await editPerson(person.email, { status: 'disabled' })).statusCode).toBe(303)
    for (const browser of [person, laptop]) {
      const res = await browser.get('/account')
      expect(res.statusCode).toBe(303)
      expect(String(res.headers.location)).toMatch(/^\/sign-in/)
    }
    const { res } = await postSignIn(ctx, person.email, TEST_PASSWORD)
    expect(res.statusCode).toBe(401)
  })

  it('changing their role signs them out, so the new role applies from their next sign-in', async () => {
    const person = await addPerson(ctx, admin, 'member', 'Ray Role')
    expect((await editPerson(person.email, { role: 'editor' })).statusCode).toBe(303)
    expect((await person.get('/handbook/new')).statusCode).toBe(303)
    const again = await signIn(ctx, person.email)
    expect((await again.get('/handbook/new')).statusCode).toBe(200)
  })

  it('changing their password signs out their other browsers but not this one', async () => {
    const person = await addPerson(ctx, admin, 'member', 'Pat Password')
    const phone = await signIn(ctx, person.email)
    const newPassword = 'a fresh and rather long passphrase'
    const res = await person.submit('/account/password', '/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword,
      confirmPassword: newPassword,
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/account')
    const account = await person.get('/account')
    expect(account.statusCode).toBe(200)
    expect(account.body).toContain('We have signed you out everywhere else.')
    expect((await phone.get('/account')).statusCode).toBe(303)
    expect((await postSignIn(ctx, person.email, TEST_PASSWORD)).res.statusCode).toBe(401)
    expect((await postSignIn(ctx, person.email, newPassword)).res.statusCode).toBe(303)
  })

  it('a password change needs the current password', async () => {
    const person = await addPerson(ctx, admin, 'member', 'Cy Current')
    const missing = await person.submit('/account/password', '/account/password', {
      currentPassword: '',
      newPassword: 'another long passphrase here',
      confirmPassword: 'another long passphrase here',
    })
    expect(missing.statusCode).toBe(400)
    expect(errorSummary(missing.body)).toContain('Enter your current password')
    const wrong = await person.submit('/account/password', '/account/password', {
      currentPassword: 'not my current password',
      newPassword: 'another long passphrase here',
      confirmPassword: 'another long passphrase here',
    })
    expect(wrong.statusCode).toBe(400)
    expect(errorSummary(wrong.body)).toContain('Your current password is not right')
    expect($(wrong.body)('title').text()).toMatch(/^Error: /)
    // Passwords are never put back into the form.
    expect(
      $(wrong.body)('input[type="password"]')
        .map((_, el) => $(wrong.body)(el).val() ?? '')
        .get(),
    ).toEqual(['', '', ''])
    expect((await postSignIn(ctx, person.email, TEST_PASSWORD)).res.statusCode).toBe(303)
  })
})

describe('signing in', () => {
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  it('gives the same answer for an unknown email as for a wrong password', async () => {
    const person = await addPerson(ctx, admin, 'member', 'Gen Generic')
    const unknown = (await postSignIn(ctx, 'nobody@example.gov.uk', 'some password or other')).res
    const wrong = (await postSignIn(ctx, person.email, 'some password or other')).res
    const invited = await admin.submit('/admin/people/new', '/admin/people/new', {
      name: 'Ivy Invited',
      email: 'ivy@example.gov.uk',
      role: 'member',
    })
    expect(invited.statusCode).toBe(303)
    const notYetSet = (await postSignIn(ctx, 'ivy@example.gov.uk', 'some password or other')).res
    for (const res of [unknown, wrong, notYetSet]) {
      expect(res.statusCode).toBe(401)
      expect(errorSummary(res.body)).toBe(errorSummary(unknown.body))
      expect($(res.body)('main h1').text()).toBe('Sign in')
    }
    expect(errorSummary(unknown.body)).toContain('Enter a correct email address and password')
    expect($(wrong.body)('main').text()).toBe($(unknown.body)('main').text())
  })

  it('asks for what is missing', async () => {
    const res = (await postSignIn(ctx, '', '')).res
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)).toContain('Enter your email address')
    expect(errorSummary(res.body)).toContain('Enter your password')
  })

  it('treats the email address without regard to capitals or surrounding spaces', async () => {
    const { res } = await postSignIn(ctx, '  ADA@Example.GOV.uk ', TEST_PASSWORD)
    expect(res.statusCode).toBe(303)
  })
})

describe('the sign-in rate limit', () => {
  it('turns away a burst of attempts from one address with the too-many-attempts page', async () => {
    const ctx = await buildTestApp({ signInRateLimit: 5 })
    try {
      const browser = new Agent(ctx.app)
      const token = await browser.token('/sign-in')
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) {
        const res = await browser.post('/sign-in', { _csrf: token, email: 'x@example.gov.uk', password: 'wrong one' })
        statuses.push(res.statusCode)
        if (res.statusCode === 429) {
          expect($(res.body)('h1').text()).toBe('Too many attempts')
          expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
          expect(res.headers['retry-after']).toBeDefined()
        }
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    } finally {
      await ctx.close()
    }
  })
})

describe('passwords', () => {
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  async function change(person: Agent, current: string, next: string) {
    return person.submit('/account/password', '/account/password', {
      currentPassword: current,
      newPassword: next,
      confirmPassword: next,
    })
  }

  it('can be 64 or 128 characters long, and are used whole', async () => {
    const person = await addPerson(ctx, admin, 'member', 'Lena Long')
    const sixtyFour = 'abcdefgh'.repeat(8)
    const oneTwentyEight = `${'Zyxwvuts'.repeat(15)}12345678`
    expect(sixtyFour).toHaveLength(64)
    expect(oneTwentyEight).toHaveLength(128)
    expect((await change(person, TEST_PASSWORD, sixtyFour)).statusCode).toBe(303)
    expect((await postSignIn(ctx, person.email, sixtyFour)).res.statusCode).toBe(303)
    expect((await postSignIn(ctx, person.email, sixtyFour.slice(0, 63))).res.statusCode).toBe(401)
    expect((await change(person, sixtyFour, oneTwentyEight)).statusCode).toBe(303)
    expect((await postSignIn(ctx, person.email, oneTwentyEight)).res.statusCode).toBe(303)
    expect((await postSignIn(ctx, person.email, oneTwentyEight.slice(0, 72))).res.statusCode).toBe(401)
  })

  it('keep spaces as typed: a trailing space makes a different password', async () => {
    const person = await addPerson(ctx, admin, 'member', 'Spencer Space')
    const withSpace = 'a passphrase ending in space '
    expect((await change(person, TEST_PASSWORD, withSpace)).statusCode).toBe(303)
    expect((await postSignIn(ctx, person.email, withSpace.trimEnd())).res.statusCode).toBe(401)
    expect((await postSignIn(ctx, person.email, withSpace)).res.statusCode).toBe(303)
  })

  it.each([
    ['a common password', 'password123456', 'This password is too common'],
    ['a common password with a suffix', 'qwertyuiop123!', 'This password is too common'],
    ['a short password', 'short one', 'Password must be 12 characters or more'],
    ['one character repeated', 'aaaaaaaaaaaaaaaa', 'Password must not be one character repeated'],
    ['257 characters', 'x'.repeat(257), 'Password must be 256 characters or fewer'],
  ])('refuses %s with a clear message', async (_label, password, message) => {
    const person = await addPerson(ctx, admin, 'member')
    const res = await change(person, TEST_PASSWORD, password)
    expect(res.statusCode).toBe(400)
    expect($(res.body)('#newPassword-error').text()).toContain(message)
  })

  it('are stored as argon2id hashes with at least OWASP’s parameters', async () => {
    const rows = await ctx.testDb.db.kysely.selectFrom('users').select('password_hash').execute()
    const hashes = rows.map(r => r.password_hash).filter((h): h is string => h !== null)
    expect(hashes.length).toBeGreaterThan(0)
    for (const hash of hashes) {
      // PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash (the parameters in any order).
      const [, algorithm, version, params = '', salt = '', digest = ''] = hash.split('$')
      expect(algorithm).toBe('argon2id')
      expect(version).toBe('v=19')
      const values = Object.fromEntries(params.split(',').map(p => p.split('=')))
      expect(Number(values.m)).toBeGreaterThanOrEqual(19456)
      expect(Number(values.t)).toBeGreaterThanOrEqual(2)
      expect(Number(values.p)).toBe(1)
      expect(salt.length).toBeGreaterThanOrEqual(22)
      expect(digest.length).toBeGreaterThanOrEqual(43)
      expect(hash).not.toContain(TEST_PASSWORD)
    }
  })
})

describe('the first-run set-up link', () => {
  it('works once and is refused after set-up', async () => {
    const ctx = await buildTestApp()
    try {
      const token = await ctx.app.services.setup.issueSetupToken()
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const spare = await ctx.app.services.setup.issueSetupToken()
      await setUpInstallation(ctx)
      expect(await ctx.app.services.setup.issueSetupToken()).toBeNull()

      for (const t of [token, spare]) {
        const browser = new Agent(ctx.app)
        const res = await browser.get(`/setup/${t}`)
        expect(res.headers.location).toBe('/setup')
        expect((await browser.get('/setup')).headers.location).toBe('/')
        const post = await browser.post('/setup', {
          _csrf: await browser.token('/sign-in'),
          organisationName: 'Hijack',
          brandColour: '#1d70b8',
          pathwayShape: 'small',
          adminName: 'Mallory',
          adminEmail: 'mallory@example.com',
          password: 'a long enough password',
          confirmPassword: 'a long enough password',
        })
        expect(post.statusCode).toBe(403)
      }
      const admins = await ctx.testDb.db.kysely
        .selectFrom('users')
        .select('email')
        .where('role', '=', 'administrator')
        .execute()
      expect(admins.map(a => a.email)).toEqual([ADMIN_EMAIL])
    } finally {
      await ctx.close()
    }
  })

  it('is refused without a link, with a made-up link, and after 24 hours', async () => {
    const ctx = await buildTestApp()
    try {
      const noLink = new Agent(ctx.app)
      expect((await noLink.get('/setup')).statusCode).toBe(403)
      const madeUp = new Agent(ctx.app)
      await madeUp.get('/setup/made-up-token')
      expect((await madeUp.get('/setup')).statusCode).toBe(403)

      const token = await ctx.app.services.setup.issueSetupToken()
      const browser = new Agent(ctx.app)
      await browser.get(`/setup/${token}`)
      expect((await browser.get('/setup')).statusCode).toBe(200)
      ctx.clock.advance(25 * HOUR)
      expect((await browser.get('/setup')).statusCode).toBe(403)
      expect(await ctx.app.services.setup.needsSetup()).toBe(true)
    } finally {
      await ctx.close()
    }
  })

  it('is taken out of the address bar at once', async () => {
    const ctx = await buildTestApp()
    try {
      const token = await ctx.app.services.setup.issueSetupToken()
      const browser = new Agent(ctx.app)
      const res = await browser.get(`/setup/${token}`)
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe('/setup')
      const page = await browser.get('/setup')
      expect(page.body).not.toContain(String(token))
      expect(page.headers['referrer-policy']).toBe('same-origin')
    } finally {
      await ctx.close()
    }
  })
})

describe('set-password links', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await buildTestApp()
    await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  async function newLink(name: string, email: string): Promise<string> {
    const admin = await signIn(ctx, ADMIN_EMAIL)
    const res = await admin.submit('/admin/people/new', '/admin/people/new', { name, email, role: 'member' })
    expect(res.statusCode).toBe(303)
    const page = await admin.get(String(res.headers.location))
    return new URL($(page.body)('[data-testid="password-link"]').text().trim()).pathname
  }

  it('work once', async () => {
    const path = await newLink('Una Once', 'una@example.gov.uk')
    expect(path).toMatch(/^\/set-password\/[A-Za-z0-9_-]{43}$/)
    const first = new Agent(ctx.app)
    await first.get(path)
    const set = await first.submit('/set-password', '/set-password', {
      password: 'my very own passphrase',
      confirmPassword: 'my very own passphrase',
    })
    expect(set.statusCode).toBe(303)
    expect((await first.get('/account')).statusCode).toBe(200)

    const second = new Agent(ctx.app)
    await second.get(path)
    const again = await second.get('/set-password')
    expect(again.statusCode).toBe(404)
    expect($(again.body)('h1').text()).toBe('This link has expired')
  })

  it('expire after 7 days', async () => {
    const path = await newLink('Ed Expired', 'ed.expired@example.gov.uk')
    ctx.clock.advance(7 * 24 * HOUR + MINUTE)
    const browser = new Agent(ctx.app)
    await browser.get(path)
    expect((await browser.get('/set-password')).statusCode).toBe(404)
  })

  it('keep what was typed out of the form when the passwords do not match', async () => {
    const path = await newLink('Mae Mismatch', 'mae@example.gov.uk')
    const browser = new Agent(ctx.app)
    await browser.get(path)
    const res = await browser.submit('/set-password', '/set-password', {
      password: 'one long passphrase',
      confirmPassword: 'another long passphrase',
    })
    expect(res.statusCode).toBe(400)
    expect(errorSummary(res.body)).toContain('The passwords do not match')
    expect(res.body).not.toContain('one long passphrase')
  })
})

describe('getting back a form sent after the session ran out', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await buildTestApp()
    await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  // Each test moves the clock on, so the administrator signs in afresh to add people.
  const admin = () => signIn(ctx, ADMIN_EMAIL)

  it('keeps what they sent and offers it back once they sign in again', async () => {
    const editor = await addPerson(ctx, await admin(), 'editor', 'Wren Writer')
    const form = await editor.get('/handbook/scrum/edit')
    const fields: Record<string, string | string[]> = {
      ...formFields(form.body, '/handbook/scrum/edit'),
      body: 'What I wrote over a long lunch.',
    }
    ctx.clock.advance(31 * MINUTE)

    const sent = await editor.post('/handbook/scrum/edit', fields)
    expect(sent.statusCode).toBe(303)
    expect(sent.headers.location).toBe('/sign-in?resume=1')
    const signInPage = await editor.get('/sign-in?resume=1')
    expect(insetText(signInPage.body)).toContain('Sign in again and we will give it back to you')

    const signedIn = await editor.post('/sign-in', {
      _csrf: csrfTokenFrom(signInPage.body),
      email: editor.email,
      password: TEST_PASSWORD,
    })
    expect(signedIn.headers.location).toBe('/resume')
    const resume = await editor.get('/resume')
    expect(resume.statusCode).toBe(200)
    const kept = formFields(resume.body, '/handbook/scrum/edit')
    expect(kept.body).toBe('What I wrote over a long lunch.')
    expect(kept.title).toBe(fields.title)
    expect(kept.baseVersion).toBe(fields.baseVersion)
    expect(kept._csrf).toBeDefined()

    const saved = await editor.post('/handbook/scrum/edit', kept)
    expect(saved.statusCode).toBe(303)
    const page = await editor.get('/handbook/scrum')
    expect(page.body).toContain('What I wrote over a long lunch.')
    expect((await editor.get('/resume')).headers.location).toBe('/')
  })

  it('can be thrown away', async () => {
    const person = await addPerson(ctx, await admin(), 'member', 'Theo Throw')
    const form = await person.get('/handbook/scrum/suggest')
    ctx.clock.advance(31 * MINUTE)
    await person.post('/handbook/scrum/suggest', {
      ...formFields(form.body, '/handbook/scrum/suggest'),
      reason: 'Never mind',
    })
    await postSignIn(ctx, person.email, TEST_PASSWORD, person)
    const discarded = await person.post('/resume/discard', { _csrf: await person.token() })
    expect(discarded.headers.location).toBe('/')
    expect((await person.get('/resume')).headers.location).toBe('/')
  })

  it('never keeps passwords', async () => {
    const person = await addPerson(ctx, await admin(), 'member', 'Kit Keeps')
    const token = await person.token()
    ctx.clock.advance(31 * MINUTE)
    const secret = 'a password that must not be kept'
    const sent = await person.post('/account/password', {
      _csrf: token,
      currentPassword: TEST_PASSWORD,
      newPassword: secret,
      confirmPassword: secret,
    })
    expect(sent.statusCode).toBe(303)
    expect(sent.headers.location).toBe('/sign-in')
    const rows = await ctx.testDb.db.kysely.selectFrom('sessions').select('data').execute()
    for (const row of rows) expect(row.data).not.toContain(secret)
    const count = await sql<{
      n: number
    }>`select count(*) as n from sessions where data like ${'%' + secret + '%'}`.execute(ctx.testDb.db.kysely)
    expect(Number(count.rows[0]?.n)).toBe(0)
  })

  it('gives it back only to the person who wrote it', async () => {
    const author = await addPerson(ctx, await admin(), 'member', 'Ava Author')
    const other = await addPerson(ctx, await admin(), 'member', 'Oli Other')
    const form = await author.get('/handbook/scrum/suggest')
    ctx.clock.advance(31 * MINUTE)
    await author.post('/handbook/scrum/suggest', {
      ...formFields(form.body, '/handbook/scrum/suggest'),
      body: 'Something personal I was writing',
      reason: 'Mine',
    })
    // Someone else signs in on the same computer.
    const { res } = await postSignIn(ctx, other.email, TEST_PASSWORD, author)
    expect(res.headers.location).toBe('/')
    const resume = await author.get('/resume')
    expect(resume.headers.location).toBe('/')
  })
})
