// A stand-in for GOV.UK Notify's API on loopback, for tests: it checks each request's JWT the way
// Notify does (HS256 under the key's secret, issued by the service id, issued just now), accepts
// emails, answers the list-by-reference question, and can be told to fail or to hold a request.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export const FAKE_SERVICE_ID = '11111111-2222-4333-8444-555555555555'
export const FAKE_SECRET = '99999999-8888-4777-8666-555555555555'
export const FAKE_API_KEY = `valuekit_test-${FAKE_SERVICE_ID}-${FAKE_SECRET}`
export const FAKE_TEMPLATE_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

export interface FakeNotification {
  id: string
  reference: string | null
  email_address: string
  template_id: string
  personalisation: { subject?: string; body?: string }
}

type Plan = { status: number; error?: string; message?: string } | 'hold'

export class FakeNotify {
  readonly notifications: FakeNotification[] = []
  /** Every request's method and path, in order. */
  readonly requests: string[] = []
  private readonly plans: Plan[] = []
  private readonly held: ServerResponse[] = []
  private onAccepted: ((n: FakeNotification) => void) | null = null
  private server: Server | null = null
  url = ''

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>(resolve => this.server?.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy()
    this.server?.closeAllConnections()
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  /** The next sends answer with these, in order (then normally again). 'hold' accepts and never answers. */
  plan(...plans: Plan[]): void {
    this.plans.push(...plans)
  }

  /** Resolves when Notify accepts the next email. */
  nextAccepted(): Promise<FakeNotification> {
    return new Promise(resolve => {
      this.onAccepted = resolve
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', this.url)
    this.requests.push(`${req.method} ${url.pathname}`)
    if (!this.authorised(req.headers.authorization)) return send(res, 403, errors(403, 'AuthError', 'Invalid token'))
    if (req.method === 'POST' && url.pathname === '/v2/notifications/email') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      const plan = this.plans.shift()
      if (plan && plan !== 'hold')
        return send(res, plan.status, errors(plan.status, plan.error ?? 'Error', plan.message ?? 'Failed'))
      if (typeof body.email_address !== 'string' || !body.email_address.includes('@'))
        return send(res, 400, errors(400, 'ValidationError', 'email_address Not a valid email address'))
      const notification: FakeNotification = {
        id: randomUUID(),
        reference: typeof body.reference === 'string' ? body.reference : null,
        email_address: body.email_address,
        template_id: String(body.template_id),
        personalisation: (body.personalisation ?? {}) as FakeNotification['personalisation'],
      }
      this.notifications.push(notification)
      this.onAccepted?.(notification)
      this.onAccepted = null
      if (plan === 'hold') {
        this.held.push(res)
        return
      }
      return send(res, 201, {
        id: notification.id,
        reference: notification.reference,
        content: {
          subject: notification.personalisation.subject ?? '',
          body: '',
          from_email: 'service@notify.invalid',
        },
        uri: `${this.url}/v2/notifications/${notification.id}`,
        template: { id: notification.template_id, version: 1, uri: '' },
      })
    }
    if (req.method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference')
      const found = this.notifications.filter(n => reference === null || n.reference === reference)
      return send(res, 200, {
        notifications: found.map(n => ({
          id: n.id,
          reference: n.reference,
          email_address: n.email_address,
          type: 'email',
          status: 'delivered',
        })),
        links: { current: `${this.url}/v2/notifications` },
      })
    }
    send(res, 404, errors(404, 'NotFound', 'Not found'))
  }

  /** As Notify: a Bearer JWT, HS256 under the secret, iss the service id, iat within 30 seconds. */
  private authorised(header: string | undefined): boolean {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : ''
    const [head, claims, signature] = token.split('.')
    if (!head || !claims || !signature) return false
    const expected = createHmac('sha256', FAKE_SECRET).update(`${head}.${claims}`).digest('base64url')
    const a = Buffer.from(expected)
    const b = Buffer.from(signature)
    if (a.length !== b.length || !timingSafeEqual(a, b)) return false
    const body = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { iss?: string; iat?: number }
    return body.iss === FAKE_SERVICE_ID && typeof body.iat === 'number' && Math.abs(Date.now() / 1000 - body.iat) <= 30
  }
}

function errors(status: number, error: string, message: string) {
  return { status_code: status, errors: [{ error, message }] }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

/** The environment that points Valuekit at a fake Notify. */
export function notifyEnv(fake: FakeNotify): Record<string, string> {
  return { NOTIFY_API_KEY: FAKE_API_KEY, NOTIFY_TEMPLATE_ID: FAKE_TEMPLATE_ID, NOTIFY_BASE_URL: fake.url }
}
