// Administration: the index of admin tools and the organisation's settings.
import { canReadEmailLog } from '../email/email.policy.ts'
import type { FastifyInstance } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { canManagePeople } from '../accounts/accounts.policy.ts'
import { canReadAuditLog } from '../audit/audit.policy.ts'
import { canManageExample } from '../example/example.policy.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { NotFoundError } from '../platform/errors.ts'
import { formErrors, parseForm, saveVersioned, type FormErrors } from '../platform/forms.ts'
import type { Services } from '../services.ts'
import { canManageSettings } from './organisation.policy.ts'
import type { Organisation } from './organisation.types.ts'
import { PATHWAY_SHAPES, PHASES, SETTINGS_FIELDS, settingsSchema } from './organisation.schemas.ts'

export default async function organisationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { organisation } = services

  app.get('/admin', { config: { access: 'signed-in' } }, async (request, reply) => {
    const can = {
      settings: canManageSettings(request.user),
      people: canManagePeople(request.user),
      audit: canReadAuditLog(request.user),
      example: canManageExample(request.user),
      email: canReadEmailLog(request.user),
    }
    authorize(can.settings || can.people || can.audit)
    return reply.page('organisation/views/admin.njk', { pageTitle: 'Administration', can }, { nav: 'admin' })
  })

  const settingsForm = (values: Record<string, unknown>) => ({
    shapeItems: Object.entries(PATHWAY_SHAPES).map(([value, s]) => ({
      value,
      text: s.label,
      hint: { text: s.hint },
      checked: value === values.pathwayShape,
    })),
    phaseItems: Object.entries(PHASES).map(([value, text]) => ({ value, text, checked: value === values.phase })),
    publicItems: [
      {
        value: 'on',
        text: 'Yes, anyone can read the handbook at /handbook without signing in',
        checked: values.publicHandbook === 'on',
      },
      { value: 'off', text: 'No, only people who are signed in can read it', checked: values.publicHandbook === 'off' },
    ],
  })

  const asValues = (org: Organisation) => ({
    ...org,
    feedbackUrl: org.feedbackUrl ?? '',
    publicHandbook: org.publicHandbook ? 'on' : 'off',
  })

  app.get('/admin/settings', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canManageSettings(request.user))
    const org = await organisation.get()
    if (!org) throw new NotFoundError()
    const values = asValues(org)
    return reply.page(
      'organisation/views/settings.njk',
      { pageTitle: 'Settings', values, ...settingsForm(values) },
      { nav: 'admin' },
    )
  })

  app.post('/admin/settings', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user
    authorize(user !== null && canManageSettings(user))
    const values = request.body as Record<string, unknown>
    const again = (errors: FormErrors, status: number, extra: Record<string, unknown> = {}) =>
      reply.page(
        'organisation/views/settings.njk',
        { pageTitle: 'Settings', values, errors, ...settingsForm(values), ...extra },
        { status, nav: 'admin' },
      )
    return saveVersioned({
      form: parseForm(settingsSchema, request.body, SETTINGS_FIELDS),
      save: ({ version, publicHandbook, feedbackUrl, ...rest }) =>
        organisation.update(
          actorOf(user),
          { ...rest, feedbackUrl: feedbackUrl || null, publicHandbook: publicHandbook === 'on' },
          version,
        ),
      invalid: (errors, status) => again(errors, status),
      // Their version is shown beside the form, which keeps what was typed, now based on theirs.
      conflict: (latest: Organisation, _value, status) =>
        again(
          formErrors({
            name: 'Someone else changed the settings while you were editing. Their version is shown below. Check your changes, then save again',
          }),
          status,
          { latest: asValues(latest), values: { ...values, version: latest.version } },
        ),
      saved: () => {
        request.session.flash({ kind: 'success', heading: 'Settings saved' })
        return reply.seeOther('/admin/settings')
      },
    })
  })
}
