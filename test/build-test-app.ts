// Builds the real app on a fresh, migrated database for route tests, and a small browser-like
// agent that keeps cookies and reads each form's CSRF token, so tests drive the app the way a
// person does: through its pages and forms.
import { Writable } from 'node:stream'
import * as cheerio from 'cheerio'
import type { FastifyInstance } from 'fastify'
import type { InjectOptions, Response as InjectResponse } from 'light-my-request'
import { buildApp, type App } from '../src/app.ts'
import type { Config } from '../src/config.ts'
import type { ProfileChanges } from '../src/people/people.types.ts'
import { SYSTEM_ACTOR, type Role } from '../src/platform/auth/roles.ts'
import type { Clock } from '../src/platform/clock.ts'
import { testConfig } from './build-test-services.ts'
import { createTestDb, DEFAULT_DIALECT, type DialectName, type TestDb } from './dialects.ts'

export type TestApp = App

export interface TestContext {
  app: TestApp
  testDb: TestDb
  logs: string[]
  config: Config
  clock: { now: Date; advance(ms: number): void }
  close(): Promise<void>
}

export const TEST_PASSWORD = 'correct horse battery staple'

export async function buildTestApp(
  options: { dialect?: DialectName; env?: Record<string, string>; signInRateLimit?: number; testDb?: TestDb } = {},
): Promise<TestContext> {
  const testDb = options.testDb ?? (await createTestDb(options.dialect ?? DEFAULT_DIALECT))
  const config = testConfig(options.env)
  const logs: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const clockState = { now: new Date('2026-11-24T10:00:00.000Z') }
  const clock: Clock = () => new Date(clockState.now)
  const app = await buildApp({
    config,
    db: testDb.db,
    clock,
    logger: { level: 'info', stream },
    signInRateLimit: options.signInRateLimit ?? 1000,
  })
  await app.ready()
  return {
    app,
    testDb,
    logs,
    config,
    clock: {
      get now() {
        return clockState.now
      },
      advance(ms: number) {
        clockState.now = new Date(clockState.now.getTime() + ms)
      },
    },
    async close() {
      await app.close()
      await testDb.destroy()
    },
  }
}

export class Agent {
  readonly cookies = new Map<string, string>()
  constructor(readonly app: FastifyInstance) {}

  async request(options: InjectOptions): Promise<InjectResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const response = await this.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), ...(cookie ? { cookie } : {}) },
    })
    for (const c of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0)
        this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    return response
  }

  get(url: string): Promise<InjectResponse> {
    return this.request({ method: 'GET', url })
  }

  /** Fetches the page holding the form, then posts fields with that form's CSRF token. */
  async submit(formPage: string, action: string, fields: Record<string, string | string[]>): Promise<InjectResponse> {
    const page = await this.get(formPage)
    const token = csrfTokenFrom(page.body)
    return this.post(action, { _csrf: token, ...fields })
  }

  /** Posts with a token taken from any page (the token is per browser, not per form). */
  async post(url: string, fields: Record<string, string | string[]>): Promise<InjectResponse> {
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
    return this.request({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }

  async token(page = '/account'): Promise<string> {
    return csrfTokenFrom((await this.get(page)).body)
  }

  /**
   * Sends a multipart form with one file, as a browser does: the fields (with a form token from
   * `tokenFrom` unless one is given), then the file as `file`.
   */
  async upload(
    url: string,
    file: { name: string; bytes: Buffer; type?: string },
    fields: Record<string, string> = {},
    tokenFrom = url,
  ): Promise<InjectResponse> {
    const token = fields._csrf ?? (await this.token(tokenFrom))
    const boundary = '----valuekitUploadTest'
    const parts: Buffer[] = []
    for (const [name, value] of Object.entries({ ...fields, _csrf: token }))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    )
    return this.request({
      method: 'POST',
      url,
      payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    })
  }
}

export function csrfTokenFrom(html: string): string {
  const $ = cheerio.load(html)
  const token = $('input[name="_csrf"]').first().val() ?? $('#app-session').attr('data-csrf-token')
  if (typeof token !== 'string' || !token) throw new Error('No CSRF token on the page')
  return token
}

export const $ = (html: string) => cheerio.load(html)

/**
 * The fields of the form posting to `action`, as a browser would send them: named inputs
 * (checkboxes and radios only when checked; no submit or file inputs), each select's selected
 * option and each textarea's text. A name used more than once gives an array. The form's `_csrf`
 * token is included, so the result can be posted as it is; buttons are not read, so add `action`
 * when the form needs one.
 */
export function formFields(html: string, action: string): Record<string, string | string[]> {
  const page = $(html)
  const fields: Record<string, string | string[]> = {}
  page(`form[action="${action}"]`)
    .find('input, textarea, select')
    .each((_, el) => {
      const field = page(el)
      const name = field.attr('name')
      const type = field.attr('type')
      if (!name || type === 'submit' || type === 'file') return
      if ((type === 'checkbox' || type === 'radio') && field.attr('checked') === undefined) return
      const value =
        el.tagName === 'select'
          ? (field.find('option[selected]').attr('value') ?? '')
          : el.tagName === 'textarea'
            ? field.text()
            : (field.attr('value') ?? '')
      const existing = fields[name]
      fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value]
    })
  return fields
}

/** Sets the installation up through its set-up page and returns the administrator's agent. */
export async function setUpInstallation(ctx: TestContext, overrides: Record<string, string> = {}): Promise<Agent> {
  const token = await ctx.app.services.setup.issueSetupToken()
  if (!token) throw new Error('Already set up')
  const admin = new Agent(ctx.app)
  await admin.get(`/setup/${token}`)
  const response = await admin.submit('/setup', '/setup', {
    organisationName: 'Department for Testing',
    logoText: 'DfT Digital',
    brandColour: '#1d70b8',
    pathwayShape: 'enterprise',
    adminName: 'Ada Admin',
    adminEmail: 'ada@example.gov.uk',
    password: TEST_PASSWORD,
    confirmPassword: TEST_PASSWORD,
    ...overrides,
  })
  if (response.statusCode !== 303)
    throw new Error(`Set-up failed with ${response.statusCode}: ${$(response.body)('.govuk-error-summary').text()}`)
  return admin
}

let counter = 0

/** Adds a person with a role through the admin pages, sets their password, and signs them in. */
export async function addPerson(
  ctx: TestContext,
  admin: Agent,
  role: Role,
  name = `${role} ${++counter}`,
): Promise<Agent & { email: string; name: string }> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.gov.uk`
  const added = await admin.submit('/admin/people/new', '/admin/people/new', { name, email, role })
  if (added.statusCode !== 303) throw new Error(`Adding a person failed with ${added.statusCode}`)
  const linkPage = await admin.get(added.headers.location as string)
  const link = $(linkPage.body)('[data-testid="password-link"]').text().trim()
  const agent = new Agent(ctx.app)
  await agent.get(new URL(link).pathname)
  const set = await agent.submit('/set-password', '/set-password', {
    password: TEST_PASSWORD,
    confirmPassword: TEST_PASSWORD,
  })
  if (set.statusCode !== 303) throw new Error(`Setting a password failed with ${set.statusCode}`)
  return Object.assign(agent, { email, name })
}

/** Adds a person as addPerson does, and also returns their account id. */
export async function addPersonWithId(
  ctx: TestContext,
  admin: Agent,
  role: Role,
  name?: string,
): Promise<Agent & { email: string; name: string; id: string }> {
  const agent = await addPerson(ctx, admin, role, name)
  const account = (await ctx.app.services.accounts.list()).find(p => p.email === agent.email)
  if (!account) throw new Error(`No account for ${agent.email}`)
  return Object.assign(agent, { id: account.id })
}

export async function signIn(ctx: TestContext, email: string, password = TEST_PASSWORD): Promise<Agent> {
  const agent = new Agent(ctx.app)
  await agent.submit('/sign-in', '/sign-in', { email, password })
  return agent
}

/** Gives a person a first profile (a product manager in Digital, Payments, unless overridden). */
export async function saveTestProfile(ctx: TestContext, id: string, overrides: Partial<ProfileChanges> = {}) {
  return ctx.app.services.people.saveProfile(
    SYSTEM_ACTOR,
    id,
    {
      careerRole: 'product-manager',
      lineManagerId: null,
      associateOfId: null,
      businessArea: 'Digital',
      group: 'Payments',
      dateIntoRole: '2026-01-05',
      headOfProfession: false,
      oneToOneCadenceDays: 28,
      ...overrides,
    },
    0,
  )
}
