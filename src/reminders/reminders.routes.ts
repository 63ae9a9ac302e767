// Reminder emails: each person chooses, for themselves, a weekly email of what needs them (and its
// day), or none. Under their account, so the page never names anyone else.
import type { FastifyInstance } from 'fastify'
import { authorize } from '../platform/auth/authorize.ts'
import type { Services } from '../services.ts'
import { canChooseReminders } from './reminders.policy.ts'
import { readSettingsForm } from './reminders.schemas.ts'
import { settingsView } from './reminders.views.ts'

export default async function remindersRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { reminders } = services

  app.get('/account/email', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user
    authorize(user !== null && canChooseReminders(user))
    const saved = await reminders.settings(user.id)
    return reply.page(
      'reminders/views/settings.njk',
      { pageTitle: 'Reminder emails', view: settingsView(saved), emailOn: reminders.emailOn },
      { nav: 'account' },
    )
  })

  app.post('/account/email', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user
    authorize(user !== null && canChooseReminders(user))
    const form = readSettingsForm(request.body)
    if (!form.ok) {
      const saved = await reminders.settings(user.id)
      return reply.page(
        'reminders/views/settings.njk',
        {
          pageTitle: 'Reminder emails',
          view: settingsView(saved, form.values),
          emailOn: reminders.emailOn,
          errors: form.errors,
        },
        { nav: 'account', status: 400 },
      )
    }
    await reminders.save({ id: user.id, name: user.name }, form.value)
    request.session.flash({
      kind: 'success',
      heading: form.value.frequency === 'off' ? 'We will not send you reminder emails' : 'Your reminder emails are set',
    })
    return reply.seeOther('/account/email')
  })
}
