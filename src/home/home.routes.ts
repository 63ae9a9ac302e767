// The home page: for someone signed in, what needs them now (a task list, most urgent first), a
// profession summary for leaders and heads of profession, and their usual links. For anyone else:
// the not-set-up page before set-up, the open handbook's front page, or the sign-in page.
import type { FastifyInstance } from 'fastify'
import { authorize } from '../platform/auth/authorize.ts'
import { requireViewer } from '../platform/auth/viewer.ts'
import type { Services } from '../services.ts'
import { canSeeHome } from './home.policy.ts'
import { homeTasks, professionSummary, taskListItem } from './home.views.ts'

export default async function homeRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { setup, handbook, organisation, home } = services

  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    if (!request.user) {
      if (await setup.needsSetup())
        return reply.page('home/views/not-set-up.njk', { pageTitle: 'Valuekit is not set up yet' })
      const org = await organisation.get()
      if (!org?.publicHandbook) return reply.seeOther('/sign-in')
      return reply.page('home/views/public-home.njk', { pageTitle: 'Home' }, { nav: 'home' })
    }
    const viewer = requireViewer(request)
    authorize(canSeeHome(viewer))
    const [facts, mySuggestions] = await Promise.all([home.facts(viewer), handbook.suggestionsBy(viewer.user.id)])
    const tasks = homeTasks(facts)
    return reply.page(
      'home/views/home.njk',
      {
        pageTitle: 'Home',
        tasks: tasks.map(taskListItem),
        taskCount: tasks.length,
        profession: professionSummary(facts),
        owned: facts.owned,
        mySuggestions: mySuggestions.slice(0, 5),
        moreSuggestions: mySuggestions.length > 5,
        profile: viewer,
      },
      { nav: 'home' },
    )
  })
}
