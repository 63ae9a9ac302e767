// The only module that reads process.env. Every setting is parsed with zod once, at start-up,
// and a bad value stops the server with a message naming each variable at fault.
import { randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { z } from 'zod'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** A Notify API key ends with the service id and the secret, each a UUID. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NOTIFY_KEY =
  /^[\w-]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const envSchema = z.object({
  // Port the HTTP server listens on.
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Interface to bind; 127.0.0.1 keeps a development server off the network.
  HOST: z.string().min(1).default('127.0.0.1'),
  // postgres://… for PostgreSQL; a file path (or sqlite:path) for SQLite. Default: data/valuekit.db.
  DATABASE_URL: z.string().min(1).optional(),
  // The address people use to reach the service, e.g. https://valuekit.example.gov.uk. Used for
  // links printed to the console and to decide whether cookies are Secure.
  BASE_URL: z
    .string()
    .url({ message: 'must be a full URL such as https://valuekit.example.gov.uk' })
    .refine(u => /^https?:\/\//.test(u), { message: 'must start with http:// or https://' })
    .optional(),
  // Secret for signing cookies. Generated once and kept in data/session-secret when not given.
  SESSION_SECRET: z.string().min(32, { message: 'must be at least 32 characters long' }).optional(),
  // pino log level.
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  // production turns on template caching and hides error details.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Folder for the SQLite file and the generated session secret.
  DATA_DIR: z.string().min(1).default('data'),
  // Addresses or CIDR ranges of the proxies whose X-Forwarded-For is believed, comma-separated; empty trusts none.
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform(v =>
      v
        .split(',')
        .map(a => a.trim())
        .filter(a => a !== ''),
    )
    .refine(list => list.every(isProxyAddress), {
      message: 'must be IP addresses or CIDR ranges separated by commas, such as 10.0.0.1,10.0.1.0/24',
    }),
  // GOV.UK Notify API key (key name, service id and secret, joined by hyphens). Sends email through Notify.
  NOTIFY_API_KEY: z
    .string()
    .regex(NOTIFY_KEY, { message: 'must be a GOV.UK Notify API key: its name, then two ids of 36 characters' })
    .optional(),
  // The id of the Notify email template Valuekit sends through: subject ((subject)), message ((body)).
  NOTIFY_TEMPLATE_ID: z.string().regex(UUID, { message: 'must be a Notify template id (36 characters)' }).optional(),
  // Where Notify's API is; only for testing against a stand-in. Default: GOV.UK Notify itself.
  NOTIFY_BASE_URL: z.string().url({ message: 'must be a full URL' }).optional(),
  // An SMTP server to send email through when there is no Notify, such as smtp://mail.example.gov.uk:25.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, { message: 'must start with smtp:// or smtps:// and name a server' })
    .optional(),
  // The sender of email sent by SMTP, such as "Valuekit <valuekit@example.gov.uk>".
  EMAIL_FROM: z.string().min(3).max(200).optional(),
})

/**
 * How Valuekit sends email: through GOV.UK Notify, through an SMTP server, or not at all. The API
 * key and the SMTP address can carry secrets: nothing logs them.
 */
export type EmailConfig =
  | { readonly kind: 'off' }
  | { readonly kind: 'notify'; readonly apiKey: string; readonly templateId: string; readonly baseUrl: string | null }
  | { readonly kind: 'smtp'; readonly url: string; readonly from: string }

function emailConfigOf(e: {
  NOTIFY_API_KEY?: string | undefined
  NOTIFY_TEMPLATE_ID?: string | undefined
  NOTIFY_BASE_URL?: string | undefined
  SMTP_URL?: string | undefined
  EMAIL_FROM?: string | undefined
}): { email: EmailConfig; problems: string[] } {
  const problems: string[] = []
  if (e.NOTIFY_API_KEY && e.SMTP_URL) problems.push('SMTP_URL: set NOTIFY_API_KEY or SMTP_URL, not both')
  if (e.NOTIFY_API_KEY && !e.NOTIFY_TEMPLATE_ID)
    problems.push('NOTIFY_TEMPLATE_ID: must be set when NOTIFY_API_KEY is (the id of the template to send with)')
  if (e.SMTP_URL && !e.EMAIL_FROM)
    problems.push('EMAIL_FROM: must be set when SMTP_URL is (the address email comes from)')
  if (problems.length > 0) return { email: { kind: 'off' }, problems }
  if (e.NOTIFY_API_KEY && e.NOTIFY_TEMPLATE_ID)
    return {
      email: {
        kind: 'notify',
        apiKey: e.NOTIFY_API_KEY,
        templateId: e.NOTIFY_TEMPLATE_ID,
        baseUrl: e.NOTIFY_BASE_URL?.replace(/\/$/, '') ?? null,
      },
      problems,
    }
  if (e.SMTP_URL && e.EMAIL_FROM) return { email: { kind: 'smtp', url: e.SMTP_URL, from: e.EMAIL_FROM }, problems }
  return { email: { kind: 'off' }, problems }
}

/** An IPv4 or IPv6 address, optionally with a /prefix length. */
function isProxyAddress(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  if (!/^\d{1,3}$/.test(prefix)) return false
  return Number(prefix) <= (version === 4 ? 32 : 128)
}

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }

export interface Config {
  readonly port: number
  readonly host: string
  readonly baseUrl: string
  readonly secureCookies: boolean
  readonly database: DatabaseConfig
  readonly sessionSecret: string
  readonly logLevel: (typeof LOG_LEVELS)[number]
  readonly production: boolean
  readonly dataDir: string
  /** Minutes of inactivity before a session ends. */
  readonly sessionIdleMinutes: number
  /** Hours after sign-in when a session ends, however active. */
  readonly sessionAbsoluteHours: number
  /** Proxies whose X-Forwarded-For names the client; empty means the socket's peer is the client. */
  readonly trustedProxies: readonly string[]
  /** How email is sent, if at all. */
  readonly email: EmailConfig
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Valuekit cannot start because of its configuration:\n${problems.map(p => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

export function parseDatabaseUrl(value: string | undefined, dataDir: string): DatabaseConfig {
  if (!value) return { kind: 'sqlite', filename: resolve(dataDir, 'valuekit.db') }
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', connectionString: value }
  if (value === ':memory:') return { kind: 'sqlite', filename: ':memory:' }
  const path = value.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '')
  return { kind: 'sqlite', filename: resolve(path) }
}

function loadOrCreateSecret(dataDir: string): string {
  const file = resolve(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  return secret
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`))
  }
  const e = parsed.data
  const { email, problems } = emailConfigOf(e)
  if (problems.length > 0) throw new ConfigError(problems)
  const production = e.NODE_ENV === 'production'
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: must be set in production (32 characters or more)'])
  }
  const dataDir = resolve(e.DATA_DIR)
  const baseUrl = (e.BASE_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/$/, '')
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    database: parseDatabaseUrl(e.DATABASE_URL, dataDir),
    sessionSecret: e.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    production,
    dataDir,
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    trustedProxies: Object.freeze([...e.TRUSTED_PROXIES]),
    email: Object.freeze(email),
  })
}
