import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, parseDatabaseUrl } from './config.ts'

const SECRET = 'a-secret-that-is-long-enough-for-signing-1234'

describe('loadConfig', () => {
  let dataDir: string

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'valuekit-config-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('has safe local defaults that need nothing installed', () => {
    const config = loadConfig({ DATA_DIR: dataDir })
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      baseUrl: 'http://127.0.0.1:3000',
      secureCookies: false,
      database: { kind: 'sqlite', filename: resolve(dataDir, 'valuekit.db') },
      logLevel: 'info',
      production: false,
      dataDir: resolve(dataDir),
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('makes a session secret once, keeps it private, and uses it again', () => {
    const first = loadConfig({ DATA_DIR: dataDir })
    const file = join(dataDir, 'session-secret')
    expect(first.sessionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(readFileSync(file, 'utf8').trim()).toBe(first.sessionSecret)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(first.sessionSecret)
  })

  it('prefers the session secret it is given', () => {
    expect(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET }).sessionSecret).toBe(SECRET)
  })

  it('makes cookies Secure when the service is reached over https', () => {
    const config = loadConfig({ DATA_DIR: dataDir, BASE_URL: 'https://valuekit.example.gov.uk/' })
    expect(config.baseUrl).toBe('https://valuekit.example.gov.uk')
    expect(config.secureCookies).toBe(true)
  })

  it('names localhost in links when listening on every interface', () => {
    expect(loadConfig({ DATA_DIR: dataDir, HOST: '0.0.0.0', PORT: '8080' }).baseUrl).toBe('http://localhost:8080')
  })

  it('needs a session secret in production', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' })).toThrow(ConfigError)
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', SESSION_SECRET: SECRET })
    expect(config.production).toBe(true)
  })

  it('lists every problem at once, naming each variable', () => {
    let error: unknown
    try {
      loadConfig({
        DATA_DIR: dataDir,
        PORT: '70000',
        BASE_URL: 'ftp://example.gov.uk',
        LOG_LEVEL: 'loud',
        SESSION_SECRET: 'short',
        NODE_ENV: 'staging',
      })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems
    expect(problems.map(p => p.split(':')[0]).sort()).toEqual([
      'BASE_URL',
      'LOG_LEVEL',
      'NODE_ENV',
      'PORT',
      'SESSION_SECRET',
    ])
    expect(problems.find(p => p.startsWith('SESSION_SECRET'))).toContain('at least 32 characters')
    expect(problems.find(p => p.startsWith('BASE_URL'))).toContain('must start with http:// or https://')
    expect(problems.find(p => p.startsWith('LOG_LEVEL'))).toContain('must be one of fatal, error, warn')
    expect((error as ConfigError).message).toMatch(/^Valuekit cannot start because of its configuration:\n {2}- /)
  })

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, PORT: 'eighty' })).toThrow(/PORT/)
  })

  it('trusts no proxy unless told, and refuses a proxy list that is not addresses', () => {
    expect(loadConfig({ DATA_DIR: dataDir, BASE_URL: 'https://valuekit.example' }).trustedProxies).toEqual([])
    expect(
      loadConfig({ DATA_DIR: dataDir, TRUSTED_PROXIES: ' 10.0.0.1, 10.0.1.0/24 ,::1,fd00::/8' }).trustedProxies,
    ).toEqual(['10.0.0.1', '10.0.1.0/24', '::1', 'fd00::/8'])
    for (const bad of ['true', 'proxy.internal', '10.0.0.1/33', '10.0.0.0/8/1', '::1/129'])
      expect(() => loadConfig({ DATA_DIR: dataDir, TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES/)
  })

  it('never puts the session secret in the error message', () => {
    let message = ''
    try {
      loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'short-secret-value', PORT: 'x' })
    } catch (err) {
      message = String(err)
    }
    expect(message).toContain('SESSION_SECRET')
    expect(message).not.toContain('short-secret-value')
  })
})

describe('parseDatabaseUrl', () => {
  it.each([
    [undefined, { kind: 'sqlite', filename: resolve('/data', 'valuekit.db') }],
    ['', { kind: 'sqlite', filename: resolve('/data', 'valuekit.db') }],
    [':memory:', { kind: 'sqlite', filename: ':memory:' }],
    ['sqlite:./local.db', { kind: 'sqlite', filename: resolve('./local.db') }],
    ['sqlite:///tmp/x.db', { kind: 'sqlite', filename: '/tmp/x.db' }],
    ['file:/tmp/y.db', { kind: 'sqlite', filename: '/tmp/y.db' }],
    ['/var/lib/valuekit.db', { kind: 'sqlite', filename: '/var/lib/valuekit.db' }],
    ['postgres://user@db:5432/valuekit', { kind: 'postgres', connectionString: 'postgres://user@db:5432/valuekit' }],
    ['postgresql://db/valuekit', { kind: 'postgres', connectionString: 'postgresql://db/valuekit' }],
  ])('reads %j', (value, expected) => {
    expect(parseDatabaseUrl(value, '/data')).toEqual(expected)
  })
})

describe('loadConfig: email', () => {
  let dataDir: string
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'valuekit-config-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  const KEY = 'valuekit_live-11111111-2222-4333-8444-555555555555-99999999-8888-4777-8666-555555555555'
  const TEMPLATE = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

  it('is off unless Notify or SMTP is set', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).email).toEqual({ kind: 'off' })
  })

  it('sends through Notify with a key and a template, at Notify itself unless told otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDir, NOTIFY_API_KEY: KEY, NOTIFY_TEMPLATE_ID: TEMPLATE }).email).toEqual({
      kind: 'notify',
      apiKey: KEY,
      templateId: TEMPLATE,
      baseUrl: null,
    })
  })

  it('sends through SMTP with an address and a sender', () => {
    expect(
      loadConfig({
        DATA_DIR: dataDir,
        SMTP_URL: 'smtp://mail.example.gov.uk:25',
        EMAIL_FROM: 'Valuekit <v@example.gov.uk>',
      }).email,
    ).toEqual({ kind: 'smtp', url: 'smtp://mail.example.gov.uk:25', from: 'Valuekit <v@example.gov.uk>' })
  })

  it('names every variable that is wrong or missing', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ DATA_DIR: dataDir, ...env })
        return []
      } catch (err) {
        return err instanceof ConfigError ? err.problems : ['not a ConfigError']
      }
    }
    expect(problems({ NOTIFY_API_KEY: 'not-a-key' })[0]).toMatch(/^NOTIFY_API_KEY: must be a GOV.UK Notify API key/)
    expect(problems({ NOTIFY_API_KEY: KEY })).toEqual([
      'NOTIFY_TEMPLATE_ID: must be set when NOTIFY_API_KEY is (the id of the template to send with)',
    ])
    expect(problems({ SMTP_URL: 'http://mail' })[0]).toMatch(/^SMTP_URL: must start with smtp:\/\/ or smtps:\/\//)
    expect(problems({ SMTP_URL: 'smtp://mail:25' })).toEqual([
      'EMAIL_FROM: must be set when SMTP_URL is (the address email comes from)',
    ])
    expect(
      problems({
        NOTIFY_API_KEY: KEY,
        NOTIFY_TEMPLATE_ID: TEMPLATE,
        SMTP_URL: 'smtp://mail:25',
        EMAIL_FROM: 'a@b.c',
      }),
    ).toEqual(['SMTP_URL: set NOTIFY_API_KEY or SMTP_URL, not both'])
  })
})
