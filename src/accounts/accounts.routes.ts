// Signing in and out, setting a password from a one-time link, your own account, and the
// administrators' list of people.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../platform/auth/authorize.ts'
import { ROLES, ROLE_HINTS, ROLE_LABELS, type CurrentUser } from '../platform/auth/roles.ts'
import { safeReturnPath } from '../platform/auth/session.ts'
import { ConflictError, ValidationError, staleRecord } from '../platform/errors.ts'
import { formErrors, parseForm } from '../platform/forms.ts'
import { hashToken } from '../platform/ids.ts'
import type { Services } from '../services.ts'
import type { User } from './accounts.types.ts'
import { actorOf } from './accounts.service.ts'
import { canManageOwnAccount, canManagePeople } from './accounts.policy.ts'
import { adminPeopleView } from './accounts.views.ts'
import {
  ADD_PERSON_FIELDS,
  EDIT_PERSON_FIELDS,
  addPersonSchema,
  changePasswordSchema,
  editPersonSchema,
  peopleListQueryJsonSchema,
  peopleListQuerySchema,
  setPasswordSchema,
  signInSchema,
} from './accounts.schemas.ts'

const SIGN_IN_FAILED = 'Enter a correct email address and password'

/** What a paused sign-in tells the person: when they can try again, in whole minutes. */
function pausedMessage(until: string, now: Date): string {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000))
  return `You have entered a wrong password too many times. Wait ${minutes === 1 ? '1 minute' : `${minutes} minutes`}, then try again`
}

function signedIn(request: FastifyRequest): CurrentUser {
  authorize(request.user !== null)
  return request.user
}

export default async function accountsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { accounts, sessions, config, people } = services

  const roleItems = (selected?: string) =>
    ROLES.map(r => ({ value: r, text: ROLE_LABELS[r], hint: { text: ROLE_HINTS[r] }, checked: r === selected }))

  // ---- Signing in and out -------------------------------------------------------------------

  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const returnTo = safeReturnPath(query.returnTo)
    if (request.user) return reply.seeOther(returnTo ?? '/')
    if (returnTo) request.session.set('returnTo', returnTo)
    return reply.page('accounts/views/sign-in.njk', {
      pageTitle: 'Sign in',
      values: {},
      resume: Boolean(request.session.data.pending),
      ended: request.sessionEnded ?? request.session.data.ended?.reason ?? null,
    })
  })

  app.post(
    '/sign-in',
    { config: { access: 'public', rateLimit: { max: services.signInRateLimit, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const parsed = parseForm(signInSchema, request.body, ['email', 'password'])
      if (!parsed.ok) {
        return reply.page(
          'accounts/views/sign-in.njk',
          { pageTitle: 'Sign in', errors: parsed.errors, values: request.body },
          { status: 400 },
        )
      }
      const result = await accounts.signIn(parsed.value.email, parsed.value.password, request.ip)
      if (!result.ok) {
        request.log.warn({ event: 'sign-in-failed', reason: result.reason }, 'Sign-in failed')
        if (result.reason === 'paused' && result.started) {
          request.log.warn(
            {
              event: 'sign-in-paused',
              userId: result.userId,
              failures: result.failures,
              until: result.until,
              address: request.ip,
            },
            'Sign-in paused for one account from one address',
          )
        }
        const message = result.reason === 'paused' ? pausedMessage(result.until, services.clock()) : SIGN_IN_FAILED
        const errors = formErrors({ email: message })
        return reply.page(
          'accounts/views/sign-in.njk',
          { pageTitle: 'Sign in', errors, values: { email: parsed.value.email } },
          { status: 401 },
        )
      }
      await sessions.start(request, reply, result.user)
      request.log.info({ event: 'sign-in', userId: result.user.id }, 'Signed in')
      if (request.session.data.pending) return reply.seeOther('/resume')
      const returnTo = safeReturnPath(request.session.take('returnTo')) ?? safeReturnPath(parsed.value.returnTo)
      return reply.seeOther(returnTo ?? '/')
    },
  )

  app.get('/resume', { config: { access: 'signed-in' } }, async (request, reply) => {
    const pending = request.session.data.pending
    // Only the person whose session ran out is offered what they sent (sessions.start keeps it
    // for nobody else; this holds even if a session somehow carried someone else's).
    if (!pending || pending.userId !== request.user?.id) return reply.seeOther('/')
    const fields = Object.entries(pending.fields).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map(v => ({ name, value: v })),
    )
    return reply.page('accounts/views/resume.njk', { pageTitle: 'Continue where you left off', pending, fields })
  })

  app.post('/resume/discard', { config: { access: 'signed-in' } }, async (request, reply) => {
    request.session.take('pending')
    request.session.flash({
      kind: 'important',
      heading: 'We have thrown away what you sent before you were signed out',
    })
    return reply.seeOther('/')
  })

  app.get('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (!request.user) return reply.page('accounts/views/signed-out.njk', { pageTitle: 'You are signed out' })
    return reply.page('accounts/views/sign-out.njk', { pageTitle: 'Sign out' })
  })

  // Signing out on purpose ends the session and throws away anything it held, a kept form
  // included. Someone already signed out keeps their session (and its form token), but not a form
  // kept from the session that ran out.
  app.post('/sign-out', { config: { access: 'public', viewer: false } }, async (request, reply) => {
    if (request.user) {
      request.log.info({ event: 'sign-out', userId: request.user.id }, 'Signed out')
      await sessions.end(request, reply)
    } else {
      request.session.take('pending')
      request.session.take('ended')
    }
    return reply.seeOther('/sign-out')
  })

  // Called by the time-out warning's script: 204 when the session was extended, 401 when it has
  // already ended (so the script sends the person to sign in rather than pretending).
  app.post('/session/extend', { config: { access: 'public', viewer: false } }, async (request, reply) => {
    if (!request.user || !(await sessions.extend(request))) return reply.code(401).send()
    return reply.code(204).send()
  })

  // ---- Set a password from a one-time link ----------------------------------------------------

  app.get<{ Params: { token: string } }>(
    '/set-password/:token',
    {
      config: { access: 'public' },
      // The token is in the path: keep this request out of the info-level request log.
      logLevel: 'warn',
      schema: { params: { type: 'object', properties: { token: { type: 'string', maxLength: 100 } } } },
    },
    async (request, reply) => {
      // The token leaves the address bar at once: it is kept (hashed) in the session instead.
      request.session.set('tokenHash', { purpose: 'set-password', hash: hashToken(request.params.token) })
      return reply.seeOther('/set-password')
    },
  )

  const setPasswordPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const held = request.session.data.tokenHash
    const user = held?.purpose === 'set-password' ? await accounts.userForSetPasswordToken(held.hash) : null
    if (!user)
      return reply.page('accounts/views/link-expired.njk', { pageTitle: 'This link has expired' }, { status: 404 })
    return reply.page(
      'accounts/views/set-password.njk',
      { pageTitle: 'Set your password', person: user, ...extra },
      { status },
    )
  }

  app.get('/set-password', { config: { access: 'public' } }, async (request, reply) => setPasswordPage(request, reply))

  app.post('/set-password', { config: { access: 'public' } }, async (request, reply) => {
    const held = request.session.data.tokenHash
    const parsed = parseForm(setPasswordSchema, request.body, ['password', 'confirmPassword'])
    if (!parsed.ok) return setPasswordPage(request, reply, { errors: parsed.errors }, 400)
    if (!held || held.purpose !== 'set-password') return setPasswordPage(request, reply)
    try {
      const user = await accounts.setPasswordWithToken(held.hash, parsed.value.password)
      request.session.take('tokenHash')
      await sessions.start(request, reply, user)
      request.session.flash({ kind: 'success', heading: 'Your password is set', text: 'You are signed in.' })
      return reply.seeOther('/')
    } catch (err) {
      if (err instanceof ValidationError)
        return setPasswordPage(request, reply, { errors: formErrors(err.fieldErrors, ['password']) }, 400)
      throw err
    }
  })

  // ---- Your account -----------------------------------------------------------------------------

  app.get('/account', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = signedIn(request)
    authorize(canManageOwnAccount(user))
    const record = await accounts.get(user.id)
    return reply.page(
      'accounts/views/account.njk',
      { pageTitle: 'Your account', person: record, roleLabel: ROLE_LABELS[record.role] },
      { nav: 'account' },
    )
  })

  app.get('/account/password', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canManageOwnAccount(signedIn(request)))
    return reply.page('accounts/views/change-password.njk', { pageTitle: 'Change your password' })
  })

  app.post('/account/password', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = signedIn(request)
    authorize(canManageOwnAccount(user))
    const order = ['currentPassword', 'newPassword', 'confirmPassword']
    const parsed = parseForm(changePasswordSchema, request.body, order)
    if (!parsed.ok)
      return reply.page(
        'accounts/views/change-password.njk',
        { pageTitle: 'Change your password', errors: parsed.errors },
        { status: 400 },
      )
    try {
      await accounts.changePassword(user, parsed.value.currentPassword, parsed.value.newPassword, request.session.id)
    } catch (err) {
      if (err instanceof ValidationError) {
        return reply.page(
          'accounts/views/change-password.njk',
          { pageTitle: 'Change your password', errors: formErrors(err.fieldErrors, order) },
          { status: 400 },
        )
      }
      throw err
    }
    request.session.flash({
      kind: 'success',
      heading: 'Your password has been changed',
      text: 'We have signed you out everywhere else.',
    })
    return reply.seeOther('/account')
  })

  // ---- People (administrators) ------------------------------------------------------------------

  app.get(
    '/admin/people',
    { config: { access: 'signed-in' }, schema: { querystring: peopleListQueryJsonSchema } },
    async (request, reply) => {
      authorize(canManagePeople(request.user))
      const query = peopleListQuerySchema.parse(request.query ?? {})
      const [result, areas, managers] = await Promise.all([
        people.listPage(
          {
            q: query.q || undefined,
            accountRole: query.role || undefined,
            businessArea: query.area || undefined,
            lineManagerId: query.manager || undefined,
          },
          query.page,
        ),
        people.areas(),
        people.lineManagers(),
      ])
      const areaNames = [...new Set(areas.map(a => a.businessArea).filter(a => a !== ''))]
      const emailOn = services.email.enabled
      return reply.page(
        'accounts/views/people.njk',
        {
          ...adminPeopleView({ query, result, areas: areaNames, managers }),
          emailOn,
          waiting: emailOn ? await accounts.countWaiting() : 0,
        },
        { nav: 'admin' },
      )
    },
  )

  // Email every account that has not set a password an invitation, in one step (after an import).
  app.post('/admin/people/invite', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = signedIn(request)
    authorize(canManagePeople(user))
    try {
      const invited = await accounts.inviteEveryoneWaiting(actorOf(user))
      request.session.flash(
        invited > 0
          ? {
              kind: 'success',
              heading: `We are emailing ${invited === 1 ? '1 person' : `${invited.toLocaleString('en-GB')} people`} a link to set their password`,
              text: 'See what was sent on the Email page in Administration.',
            }
          : { kind: 'important', heading: 'Everyone has set a password already: there is nobody to invite' },
      )
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err
      request.session.flash({ kind: 'important', heading: err.message })
    }
    return reply.seeOther('/admin/people')
  })

  app.get('/admin/people/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canManagePeople(request.user))
    return reply.page(
      'accounts/views/add-person.njk',
      { pageTitle: 'Add a person', values: {}, roleItems: roleItems('member') },
      { nav: 'admin' },
    )
  })

  app.post('/admin/people/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = signedIn(request)
    authorize(canManagePeople(user))
    const values = request.body as Record<string, unknown>
    const parsed = parseForm(addPersonSchema, request.body, ADD_PERSON_FIELDS)
    const again = (errors: ReturnType<typeof formErrors>) =>
      reply.page(
        'accounts/views/add-person.njk',
        { pageTitle: 'Add a person', errors, values, roleItems: roleItems(String(values.role ?? '')) },
        { status: 400, nav: 'admin' },
      )
    if (!parsed.ok) return again(parsed.errors)
    try {
      const { user: person, token } = await accounts.addPerson(actorOf(user), parsed.value)
      request.session.set('passwordLink', {
        userId: person.id,
        link: `${config.baseUrl}/set-password/${token}`,
        added: true,
      })
      return reply.seeOther(`/admin/people/${person.id}/link`)
    } catch (err) {
      if (err instanceof ValidationError) return again(formErrors(err.fieldErrors, ADD_PERSON_FIELDS))
      throw err
    }
  })

  const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] } as const

  app.get<{ Params: { id: string } }>(
    '/admin/people/:id',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      authorize(canManagePeople(request.user))
      const person = await accounts.get(request.params.id)
      const emailOn = services.email.enabled
      const invitation = emailOn ? await services.email.latestFor(person.id, 'invitation') : null
      return reply.page(
        'accounts/views/edit-person.njk',
        {
          pageTitle: `Change ${person.name}`,
          person,
          values: person,
          roleItems: roleItems(person.role),
          emailOn,
          invitation: invitation && {
            status: invitation.status,
            createdAt: invitation.createdAt,
            sentAt: invitation.sentAt,
          },
        },
        { nav: 'admin' },
      )
    },
  )

  app.post<{ Params: { id: string } }>(
    '/admin/people/:id',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      const user = signedIn(request)
      authorize(canManagePeople(user))
      const person = await accounts.get(request.params.id)
      const values = request.body as Record<string, unknown>
      const again = (errors: ReturnType<typeof formErrors>, status = 400, conflict = false) =>
        reply.page(
          'accounts/views/edit-person.njk',
          {
            pageTitle: `Change ${person.name}`,
            person,
            values,
            errors,
            conflict,
            roleItems: roleItems(String(values.role ?? '')),
          },
          { status, nav: 'admin' },
        )
      const parsed = parseForm(editPersonSchema, request.body, EDIT_PERSON_FIELDS)
      if (!parsed.ok) return again(parsed.errors)
      try {
        const { version, ...changes } = parsed.value
        await accounts.updatePerson(actorOf(user), person.id, changes, version)
      } catch (err) {
        if (err instanceof ValidationError) return again(formErrors(err.fieldErrors, EDIT_PERSON_FIELDS))
        const fresh = staleRecord<User>(err)
        if (fresh) {
          return reply.page(
            'accounts/views/edit-person.njk',
            {
              pageTitle: `Change ${fresh.name}`,
              person: fresh,
              values: { ...values, version: fresh.version },
              conflict: true,
              latest: fresh,
              roleItems: roleItems(String(values.role ?? '')),
              errors: formErrors({
                name: 'Someone else changed this person while you were editing. Check their latest details below, then save again',
              }),
            },
            { status: 409, nav: 'admin' },
          )
        }
        throw err
      }
      request.session.flash({ kind: 'success', heading: `${parsed.value.name} has been updated` })
      return reply.seeOther('/admin/people')
    },
  )

  app.post<{ Params: { id: string } }>(
    '/admin/people/:id/password-link',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      const user = signedIn(request)
      authorize(canManagePeople(user))
      const person = await accounts.get(request.params.id)
      const token = await accounts.issueSetPasswordLink(actorOf(user), person.id)
      request.session.set('passwordLink', {
        userId: person.id,
        link: `${config.baseUrl}/set-password/${token}`,
        added: false,
      })
      return reply.seeOther(`/admin/people/${person.id}/link`)
    },
  )

  // Emails them a new set-password link (email must be on); the old link stops working.
  app.post<{ Params: { id: string } }>(
    '/admin/people/:id/invite',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      const user = signedIn(request)
      authorize(canManagePeople(user))
      const person = await accounts.get(request.params.id)
      try {
        await accounts.inviteByEmail(actorOf(user), person.id)
        request.session.flash({
          kind: 'success',
          heading: `We are emailing ${person.name} a link to set their password`,
          text: `It goes to ${person.email}. Any link they had before has stopped working.`,
        })
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err
        request.session.flash({ kind: 'important', heading: err.message })
      }
      return reply.seeOther(`/admin/people/${person.id}`)
    },
  )

  // The link is shown once, straight after it is made; it is not kept anywhere it can be read again.
  app.get<{ Params: { id: string } }>(
    '/admin/people/:id/link',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      authorize(canManagePeople(request.user))
      const person = await accounts.get(request.params.id)
      const held = request.session.data.passwordLink
      if (!held || held.userId !== person.id) return reply.seeOther(`/admin/people/${person.id}`)
      request.session.take('passwordLink')
      return reply.page(
        'accounts/views/password-link.njk',
        { pageTitle: 'Give them their link', person, link: held.link, added: held.added },
        { nav: 'admin' },
      )
    },
  )
}
