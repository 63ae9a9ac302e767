import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { NotFoundError, ValidationError } from '../platform/errors.ts'
import { formErrors, parseForm, type FormErrors } from '../platform/forms.ts'
import { hashToken } from '../platform/ids.ts'
import { PATHWAY_SHAPES } from '../organisation/organisation.schemas.ts'
import type { Services } from '../services.ts'
import { canRunSetup } from './setup.policy.ts'
import { SETUP_FIELDS, setupSchema } from './setup.schemas.ts'
import { SETUP_PURPOSE } from './setup.service.ts'

export default async function setupRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { setup, sessions } = services

  const heldToken = (request: FastifyRequest): string | null => {
    const held = request.session.data.tokenHash
    return held?.purpose === SETUP_PURPOSE ? held.hash : null
  }

  const shapeItems = (selected: unknown) =>
    Object.entries(PATHWAY_SHAPES).map(([value, s]) => ({
      value,
      text: s.label,
      hint: { text: s.hint },
      checked: value === selected,
    }))

  const frameworkItems = (selected: unknown) => [
    {
      value: '2025',
      text: 'The 2025 framework (recommended)',
      hint: { text: 'The Government Digital and Data capability framework as revised in February 2025: nine skills.' },
      checked: selected !== '2017',
    },
    {
      value: '2017',
      text: 'The 2017 framework',
      hint: { text: 'The earlier product and service management skills. You can move to the 2025 framework later.' },
      checked: selected === '2017',
    },
  ]

  const form = (reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors, status = 200) =>
    reply.page(
      'setup/views/setup.njk',
      {
        pageTitle: 'Set up Valuekit',
        values,
        errors,
        shapeItems: shapeItems(values.pathwayShape),
        frameworkItems: frameworkItems(values.framework),
        leadershipItems: [
          {
            value: 'yes',
            text: 'Include the six leadership capabilities',
            hint: {
              text: 'Business strategy, digital transformation, teaching, mentoring, coaching and facilitating, expected from senior product manager upwards.',
            },
            checked: values.leadership === 'yes',
          },
        ],
        exampleItems: [
          {
            value: 'yes',
            text: 'Load a worked example to explore Valuekit',
            hint: {
              text: 'A fictional department of about 50 product people, with their services, strategies, objectives, user insight, check-ins and development plans. It is marked as example data, and you can remove it in one step from Administration.',
            },
            checked: values.example === 'yes',
          },
        ],
      },
      { status },
    )

  app.get<{ Params: { token: string } }>(
    '/setup/:token',
    {
      config: { access: 'public' },
      // The token is in the path: keep this request out of the info-level request log.
      logLevel: 'warn',
      schema: { params: { type: 'object', properties: { token: { type: 'string', maxLength: 100 } } } },
    },
    async (request, reply) => {
      // Keep the token (hashed) in the session and take it out of the address bar.
      request.session.set('tokenHash', { purpose: SETUP_PURPOSE, hash: hashToken(request.params.token) })
      return reply.seeOther('/setup')
    },
  )

  app.get('/setup', { config: { access: 'public' } }, async (request, reply) => {
    if (!(await setup.needsSetup())) return reply.seeOther('/')
    const token = heldToken(request)
    authorize(canRunSetup(token !== null && (await setup.isLiveToken(token))), 'No live set-up link')
    return form(reply, { brandColour: '#1d70b8', pathwayShape: 'enterprise', framework: '2025' })
  })

  app.post('/setup', { config: { access: 'public' } }, async (request, reply) => {
    const token = heldToken(request)
    authorize(canRunSetup(token !== null && (await setup.isLiveToken(token))), 'No live set-up link')
    const values = { ...(request.body as Record<string, unknown>), password: '', confirmPassword: '' }
    const parsed = parseForm(setupSchema, request.body, SETUP_FIELDS)
    if (!parsed.ok) return form(reply, values, parsed.errors, 400)
    try {
      const user = await setup.complete(token as string, parsed.value)
      request.session.take('tokenHash')
      await sessions.start(request, reply, user)
      request.log.info({ event: 'setup-complete', userId: user.id }, 'Installation set up')
      if (parsed.value.example) {
        try {
          await services.example.load(actorOf(user))
          request.session.flash({
            kind: 'success',
            heading: 'Valuekit is set up, with the worked example',
            text: 'Look around to see Valuekit working. When you are ready to add your own people, remove the example from Administration.',
          })
        } catch (err) {
          // Set-up itself succeeded: say so, and how to try the example again.
          request.log.error({ err, event: 'example-load-failed' }, 'The worked example could not be loaded')
          request.session.flash({
            kind: 'important',
            heading: 'Valuekit is set up, but the worked example could not be loaded',
            text: 'You can try again from Administration, under Worked example.',
          })
        }
        return reply.seeOther('/')
      }
      request.session.flash({
        kind: 'success',
        heading: 'Valuekit is set up',
        text: 'Your handbook is ready. Next, add the people in your profession.',
      })
      return reply.seeOther('/')
    } catch (err) {
      if (err instanceof ValidationError) return form(reply, values, formErrors(err.fieldErrors, SETUP_FIELDS), 400)
      if (err instanceof NotFoundError) authorize(false, err.message)
      throw err
    }
  })
}
