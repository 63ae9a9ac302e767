// The worked example's administration pages: /admin/example says whether it is loaded and what it
// holds, and loads it; /admin/example/remove asks before removing it. Each form carries a
// `confirm` value of its own, so a post that did not come from the form (or came from the other
// form) changes nothing.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { readText, type FormErrors } from '../platform/forms.ts'
import type { Services } from '../services.ts'
import { canManageExample } from './example.policy.ts'
import { ExampleRefusedError } from './example.service.ts'
import { loadedMessage, removedMessage, statusRows, thingsInWords, whatLoadingAdds } from './example.views.ts'

/** One problem for the error summary, linked to the button or the status line it is about. */
const oneProblem = (target: string, text: string): FormErrors => ({ list: [{ text, href: `#${target}` }], fields: {} })

export default async function exampleRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { example } = services

  const examplePage = async (reply: FastifyReply, errors?: FormErrors, status = 200) => {
    const state = await example.status()
    return reply.page(
      'example/views/example.njk',
      { pageTitle: 'Worked example', state, rows: statusRows(state), adds: whatLoadingAdds(), errors },
      { nav: 'admin', status },
    )
  }

  app.get('/admin/example', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canManageExample(request.user))
    return examplePage(reply)
  })

  app.post('/admin/example/load', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user
    authorize(user !== null && canManageExample(user))
    if (readText(request.body, 'confirm') !== 'load')
      return examplePage(
        reply,
        oneProblem('example-status', 'Use the button on this page to load the worked example'),
        400,
      )
    try {
      const summary = await example.load(actorOf(user))
      request.session.flash({ kind: 'success', heading: 'Worked example loaded', text: loadedMessage(summary) })
      return reply.seeOther('/admin/example')
    } catch (err) {
      if (err instanceof ExampleRefusedError) return examplePage(reply, oneProblem('example-status', err.message), 409)
      throw err
    }
  })

  app.get('/admin/example/remove', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canManageExample(request.user))
    const state = await example.status()
    if (!state.loaded) return reply.seeOther('/admin/example')
    return removePage(reply, state)
  })

  const removePage = (
    reply: FastifyReply,
    state: Awaited<ReturnType<typeof example.status>>,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      'example/views/remove.njk',
      { pageTitle: 'Remove the worked example', state, things: thingsInWords(state.things), errors },
      { nav: 'admin', status },
    )

  app.post('/admin/example/remove', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user
    authorize(user !== null && canManageExample(user))
    const state = await example.status()
    if (readText(request.body, 'confirm') !== 'remove') {
      const problem = 'Use the button on this page to remove the worked example'
      return state.loaded
        ? removePage(reply, state, oneProblem('remove', problem), 400)
        : examplePage(reply, oneProblem('example-status', problem), 400)
    }
    if (!state.loaded) return reply.seeOther('/admin/example')
    const summary = await example.remove(actorOf(user))
    request.session.flash({ kind: 'success', heading: 'Worked example removed', text: removedMessage(summary) })
    return reply.seeOther('/admin/example')
  })
}
