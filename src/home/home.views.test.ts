// The task list's presenter: which tasks the facts call for, their words and links, and above all
// their order (people waiting on you, then what is past its date, then what is due, then reviews,
// then things to look at; the oldest first within each).
import { describe, expect, it } from 'vitest'
import type { Cadence } from '../development/development.service.ts'
import type { Person } from '../people/people.types.ts'
import { anythingDue, dueCounts, type HomeFacts } from './home.service.ts'
import { homeTasks, orderTasks, professionSummary, taskListItem, type Task } from './home.views.ts'

const TODAY = '2026-11-24'

const facts = (over: Partial<HomeFacts> = {}): HomeFacts => ({
  today: TODAY,
  self: 'me',
  checkin: { open: null, lastAgreedAt: '2026-09-01T10:00:00.000Z', overdue: false },
  waiting: [],
  overdueReports: [],
  development: { today: TODAY, ownCadence: null, reportsOverdue: [], actions: [], goals: [] },
  suggestions: null,
  handbook: { overdue: [], feedback: { count: 0, oldestAt: null } },
  proposals: [],
  flagged: [],
  owned: { total: 0, checked: 0 },
  profession: null,
  newInstallation: false,
  ...over,
})

const person = (id: string, name: string) => ({ id, name }) as Person
const cadence = (over: Partial<Cadence>): Cadence => ({
  days: 28,
  lastHeldOn: null,
  nextDueOn: null,
  nextPlannedOn: null,
  status: 'none',
  daysOverdue: 0,
  ...over,
})

const task = (key: string, urgency: Task['urgency'], since: string, title = key): Task => ({
  key,
  title,
  href: `/${key}`,
  hint: '',
  urgency,
  since,
})

describe('orderTasks', () => {
  it('puts people waiting first, then overdue, due, review and attention, the oldest first in each', () => {
    const ordered = orderTasks([
      task('look', 'attention', ''),
      task('review', 'review', '2026-11-01'),
      task('late-new', 'overdue', '2026-11-20'),
      task('due', 'due', '2026-11-25'),
      task('waiting-new', 'waiting', '2026-11-23T09:00:00.000Z'),
      task('late-old', 'overdue', '2026-10-01'),
      task('waiting-old', 'waiting', '2026-11-02T09:00:00.000Z'),
    ])
    expect(ordered.map(t => t.key)).toEqual([
      'waiting-old',
      'waiting-new',
      'late-old',
      'late-new',
      'due',
      'review',
      'look',
    ])
  })

  it('puts "never" before any date, and breaks ties by title so the order never changes', () => {
    const ordered = orderTasks([
      task('b', 'overdue', '', 'Beta'),
      task('c', 'overdue', '2026-01-01', 'Alpha'),
      task('a', 'overdue', '', 'Alpha'),
    ])
    expect(ordered.map(t => t.key)).toEqual(['a', 'b', 'c'])
  })
})

describe('homeTasks', () => {
  it('is empty when nothing needs the person', () => {
    expect(homeTasks(facts())).toEqual([])
  })

  it('leads an administrator of a new installation to adding people', () => {
    const [only] = homeTasks(facts({ newInstallation: true, checkin: null }))
    expect(only).toMatchObject({ key: 'add-people', href: '/people/import', urgency: 'due' })
  })

  it('asks the person to start a check-in when overdue, or to finish a draft', () => {
    const never = homeTasks(facts({ checkin: { open: null, lastAgreedAt: null, overdue: true } }))
    expect(never).toEqual([
      expect.objectContaining({ key: 'checkin-start', href: '/people/me/check-ins/new', urgency: 'overdue' }),
    ])
    expect(never[0]?.hint).toContain('You have not had a check-in yet')

    const draft = homeTasks(
      facts({
        checkin: {
          open: { id: 'c1', status: 'draft', createdAt: '2026-11-20T09:00:00.000Z' } as never,
          lastAgreedAt: '2026-09-01T10:00:00.000Z',
          overdue: false,
        },
      }),
    )
    expect(draft).toEqual([
      expect.objectContaining({ key: 'checkin-finish', href: '/people/me/check-ins/c1/self', urgency: 'due' }),
    ])
    // A check-in that is with the line manager needs nothing of the person.
    const sent = facts({
      checkin: { open: { id: 'c1', status: 'submitted' } as never, lastAgreedAt: null, overdue: true },
    })
    expect(homeTasks(sent)).toEqual([])
  })

  it("gives a line manager each report's check-in to review or agree, and groups overdue reports", () => {
    const tasks = homeTasks(
      facts({
        waiting: [
          {
            id: 'k2',
            personId: 'p2',
            name: 'Sam',
            status: 'reviewed',
            submittedAt: '2026-11-01T09:00:00.000Z',
            reviewedAt: '2026-11-10T09:00:00.000Z',
          },
          {
            id: 'k1',
            personId: 'p1',
            name: 'Pat',
            status: 'submitted',
            submittedAt: '2026-11-20T09:00:00.000Z',
            reviewedAt: null,
          },
        ],
        overdueReports: [
          { personId: 'p1', name: 'Pat', careerRole: 'product-manager', lastAgreedAt: null },
          { personId: 'p3', name: 'Ola', careerRole: 'product-manager', lastAgreedAt: null },
          { personId: 'p4', name: 'Kit', careerRole: 'product-manager', lastAgreedAt: '2026-01-01T09:00:00.000Z' },
        ],
      }),
    )
    expect(tasks.map(t => [t.title, t.href])).toEqual([
      ["Record the agreed levels of Sam's check-in", '/people/p2/check-ins/k2/agree'],
      ["Give your view of Pat's check-in", '/people/p1/check-ins/k1/review'],
      // Pat is already waiting on the manager, so only two are counted.
      ['2 people in your team are overdue a check-in', '/team'],
    ])
  })

  it('lists overdue 1:1s, due actions and goals past their date with links that do them', () => {
    const tasks = homeTasks(
      facts({
        development: {
          today: TODAY,
          ownCadence: cadence({ status: 'overdue', nextDueOn: '2026-11-10', lastHeldOn: '2026-10-13' }),
          reportsOverdue: [
            { person: person('p1', 'Pat'), cadence: cadence({ status: 'none' }) },
            { person: person('p2', 'Sam'), cadence: cadence({ status: 'overdue', nextDueOn: '2026-11-01' }) },
          ],
          actions: [
            {
              id: 'a1',
              meetingId: 'm1',
              personId: 'p1',
              personName: 'Pat',
              withName: 'Me',
              text: 'Share the research plan',
              dueOn: '2026-11-26',
            },
            {
              id: 'a2',
              meetingId: 'm2',
              personId: 'me',
              personName: 'Me',
              withName: 'Lee',
              text: 'Book the show and tell',
              dueOn: '2026-11-20',
            },
          ],
          goals: [{ id: 'g1', title: 'Run a discovery', dueOn: '2026-10-31' } as never],
        },
      }),
    )
    expect(tasks.map(t => [t.key, t.urgency, t.href])).toEqual([
      ['goal-g1', 'overdue', '/people/me/plan/goals/g1/edit'],
      ['one-to-one-p2', 'overdue', '/people/p2/one-to-ones/new'],
      ['one-to-one-own', 'overdue', '/people/me/one-to-ones/new'],
      ['action-a2', 'overdue', '/people/me/one-to-ones/m2'],
      ['one-to-one-p1', 'due', '/people/p1/one-to-ones/new'],
      ['action-a1', 'due', '/people/p1/one-to-ones/m1'],
    ])
    const action = tasks.find(t => t.key === 'action-a1')
    expect(action?.hint).toBe('An action from your 1:1 with Pat, due on 26 November 2026.')
  })

  it('groups many overdue 1:1s into one task linking to the list', () => {
    const reportsOverdue = ['a', 'b', 'c', 'd'].map((id, i) => ({
      person: person(id, id.toUpperCase()),
      cadence: i === 0 ? cadence({ status: 'overdue', nextDueOn: '2026-11-01' }) : cadence({ status: 'none' }),
    }))
    const tasks = homeTasks(
      facts({ development: { today: TODAY, ownCadence: null, reportsOverdue, actions: [], goals: [] } }),
    )
    expect(tasks).toEqual([
      expect.objectContaining({
        key: 'one-to-ones-reports',
        title: 'Hold 1:1s with 4 people',
        href: '/one-to-ones',
        hint: '1 overdue, 3 with no 1:1 yet.',
        urgency: 'overdue',
      }),
    ])
  })

  it('lists reviews for editors and heads of profession, then things owned with flags', () => {
    const tasks = homeTasks(
      facts({
        suggestions: { count: 3, oldestAt: '2026-11-02T09:00:00.000Z' },
        proposals: [
          { id: 'pr1', summary: 'Reword a level', proposedAt: '2026-11-01T09:00:00.000Z', proposedByName: 'Hope' },
        ],
        flagged: [
          {
            id: 't1',
            name: 'Apply for a licence',
            flags: [
              { text: 'There is no problem statement yet', href: '/x' },
              { text: 'No strategy review has been held yet', href: '/y' },
            ],
          },
        ],
      }),
    )
    expect(tasks.map(t => [t.title, t.href, t.urgency])).toEqual([
      ['Review the proposal: Reword a level', '/framework/proposals/pr1', 'review'],
      ['Review 3 suggested changes to the handbook', '/handbook/suggestions', 'review'],
      ['Look at the strategy of Apply for a licence', '/products/t1', 'attention'],
    ])
    expect(tasks[2]?.hint).toBe('There is no problem statement yet, and 1 other thing.')
  })
})

describe('taskListItem', () => {
  it('gives govukTaskList a title, link, hint and a coloured status', () => {
    const item = taskListItem(task('x', 'overdue', '', 'Do it'))
    expect(item).toMatchObject({
      title: { text: 'Do it' },
      href: '/x',
      status: { tag: { text: 'Overdue', classes: 'govuk-tag--red' } },
    })
    expect(item.hint).toBeUndefined()
  })
})

describe('professionSummary', () => {
  it('is only for those who see the profession, and links each figure to its view', () => {
    expect(professionSummary(facts())).toBeNull()
    const view = professionSummary(
      facts({
        profession: {
          scopeArea: 'Licensing',
          people: 12,
          overdue: 1,
          belowExpectation: 4,
          quarter: { label: 'October to December 2026', joined: 2, promoted: 1, changedRole: 0, moved: 0 },
        },
      }),
    )
    expect(view?.heading).toBe('The profession in Licensing')
    expect(view?.rows.map(r => [r.key.text, r.value.text, r.actions.items[0]?.href])).toEqual([
      ['People', '12 people', '/profession/capability'],
      ['Check-ins overdue', '1 person', '/profession/capability#overdue'],
      ['Below expectation', '4 people below their role in at least one skill', '/profession/capability#people'],
      ['Movement this quarter', '2 joined, 1 promotion', '/profession/pathway'],
    ])
  })
})

describe('handbook pages a person owns', () => {
  const stewardship = (reviewBy: string) => ({
    ownerUserId: 'me',
    ownerName: 'Me',
    ownerTeam: null,
    reviewBy,
    ownerFrom: 'own' as const,
    reviewFrom: 'own' as const,
  })
  it('asks them to review what is past its date, oldest first, and to read waiting answers', () => {
    const tasks = homeTasks(
      facts({
        handbook: {
          overdue: [
            {
              kind: 'page',
              id: 'p1',
              slug: 'user-research',
              title: 'User research',
              section: null,
              stewardship: stewardship('2026-10-01'),
              overdue: true,
            },
            {
              kind: 'section',
              id: 's1',
              slug: 'roles',
              title: 'Roles',
              section: null,
              stewardship: stewardship('2026-09-01'),
              overdue: true,
            },
          ],
          feedback: { count: 3, oldestAt: '2026-11-01T09:00:00.000Z' },
        },
      }),
    )
    expect(tasks.map(t => [t.key, t.href, t.urgency])).toEqual([
      ['handbook-review-s1', '/handbook/sections/roles/reviewed', 'overdue'],
      ['handbook-review-p1', '/handbook/user-research/reviewed', 'overdue'],
      ['handbook-feedback', '/handbook/feedback', 'review'],
    ])
    expect(tasks[1]?.title).toBe('Review the handbook page “User research”')
    expect(tasks[2]?.title).toBe('Read 3 answers from readers of pages you own')
  })
})

describe('what a reminder digest counts', () => {
  it('counts by the task list’s rules, and nothing when nothing is due', () => {
    expect(anythingDue(dueCounts(facts()))).toBe(false)
    const counts = dueCounts(
      facts({
        checkin: { open: null, lastAgreedAt: null, overdue: true },
        development: {
          today: TODAY,
          ownCadence: cadence({ status: 'overdue', nextDueOn: '2026-11-01' }),
          reportsOverdue: [
            { person: person('a', 'A'), cadence: cadence({ status: 'overdue', nextDueOn: '2026-11-02' }) },
            { person: person('b', 'B'), cadence: cadence({ status: 'none' }) },
          ],
          actions: [
            { dueOn: '2026-11-20' },
            { dueOn: '2026-11-24' },
            { dueOn: '2026-11-28' },
          ] as HomeFacts['development']['actions'],
          goals: [],
        },
      }),
    )
    expect(counts).toEqual({
      ownCheckin: 'start',
      checkinsWaiting: 0,
      reportsOverdue: 0,
      ownOneToOneOverdue: true,
      oneToOnesOverdue: 1,
      firstOneToOnes: 1,
      actionsDue: 2,
      actionsOverdue: 1,
    })
    expect(anythingDue(counts)).toBe(true)
  })
})
