// The home page's presenter: turns what needs a person (home.service.ts) into a task list, most
// urgent first, each task with the link that does it, and the short profession summary.
//
// Urgency, in order: people waiting on you (someone cannot go on until you act); things past
// their date; things due soon; things to review for others; things to look at. Within one
// urgency the oldest comes first.
import { daysBetween, formatDate } from '../platform/dates.ts'
import { plural } from '../platform/http/filters.ts'
import { ownOneToOneOverdue, reportsOverdueNotWaiting, type HomeFacts } from './home.service.ts'

export type Urgency = 'overdue' | 'waiting' | 'due' | 'review' | 'attention'

const URGENCY_ORDER: Record<Urgency, number> = { waiting: 0, overdue: 1, due: 2, review: 3, attention: 4 }

const STATUS: Record<Urgency, { text: string; classes: string }> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  waiting: { text: 'Waiting for you', classes: 'govuk-tag--yellow' },
  due: { text: 'To do', classes: 'govuk-tag--blue' },
  review: { text: 'To review', classes: 'govuk-tag--light-blue' },
  attention: { text: 'To look at', classes: 'govuk-tag--grey' },
}

export interface Task {
  /** Stable and unique on the page: for tests and anchors. */
  key: string
  title: string
  href: string
  hint: string
  urgency: Urgency
  /** When it became due or started waiting (ISO date or timestamp; '' for "never"): older first. */
  since: string
}

/** Most urgent first; then the oldest; then by title, so the order never wobbles. */
export function orderTasks(tasks: readonly Task[]): Task[] {
  return [...tasks].sort(
    (a, b) =>
      URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
      a.since.localeCompare(b.since) ||
      a.title.localeCompare(b.title) ||
      a.key.localeCompare(b.key),
  )
}

/** A task as govukTaskList takes it. */
export function taskListItem(task: Task) {
  const status = STATUS[task.urgency]
  return {
    title: { text: task.title },
    href: task.href,
    hint: task.hint ? { text: task.hint } : undefined,
    status: { tag: { text: status.text, classes: status.classes } },
    attributes: { 'data-testid': `task-${task.key}`, 'data-urgency': task.urgency },
  }
}

const shorten = (text: string, max = 90) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat
}

const daysAgo = (date: string, today: string) => {
  const days = daysBetween(date.slice(0, 10), today)
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${plural(days, 'day')} ago`
}

/** When more than this many reports need the same thing, they are one task linking to the list. */
const GROUP_AFTER = 3

/** Every task the facts call for, most urgent first. */
export function homeTasks(f: HomeFacts): Task[] {
  const tasks: Task[] = []
  const self = f.self
  const today = f.today

  if (f.newInstallation)
    tasks.push({
      key: 'add-people',
      title: 'Add the people of your profession',
      href: '/people/import',
      hint: 'Nobody has been added yet. Add everyone at once from a spreadsheet, or one at a time from Administration.',
      urgency: 'due',
      since: '',
    })

  // Their own check-in.
  const c = f.checkin
  if (c?.open?.status === 'draft')
    tasks.push({
      key: 'checkin-finish',
      title: 'Finish your check-in and send it to your line manager',
      href: `/people/${self}/check-ins/${c.open.id}/self`,
      hint: `You started it on ${formatDate(c.open.createdAt)}.`,
      urgency: c.overdue ? 'overdue' : 'due',
      since: c.open.createdAt,
    })
  else if (c && !c.open && c.overdue)
    tasks.push({
      key: 'checkin-start',
      title: 'Start your check-in',
      href: `/people/${self}/check-ins/new`,
      hint: c.lastAgreedAt
        ? `Your last check-in was agreed on ${formatDate(c.lastAgreedAt)}. One is due every 6 months.`
        : 'You have not had a check-in yet. It records where you are against your role.',
      urgency: 'overdue',
      since: c.lastAgreedAt ?? '',
    })

  // Agreed levels to confirm or query, and their line reports' queries (pathway.responses.ts).
  if (f.levelsToConfirm)
    tasks.push({
      key: 'levels-confirm',
      title: 'Confirm or query your agreed levels',
      href: `/people/${self}/check-ins/${f.levelsToConfirm.checkinId}`,
      hint: `Your line manager recorded them on ${formatDate(f.levelsToConfirm.agreedAt)}.`,
      urgency: 'due',
      since: f.levelsToConfirm.agreedAt,
    })
  for (const q of f.queries ?? [])
    tasks.push({
      key: `levels-query-${q.checkinId}`,
      title: `Answer ${q.name}'s query about their agreed levels`,
      href: `/people/${q.personId}/check-ins/${q.checkinId}/answer`,
      hint: `${q.name} queried them ${daysAgo(q.queriedAt || today, today)}.`,
      urgency: 'waiting',
      since: q.queriedAt,
    })
  // Feedback colleagues asked them for (src/feedback).
  for (const a of f.feedbackAsks ?? [])
    tasks.push({
      key: `feedback-${a.askId}`,
      title: `Give ${a.personName} feedback`,
      href: `/feedback/asks/${a.askId}`,
      hint: `${a.personName} asked you ${daysAgo(a.askedAt, today)}. You can also decline.`,
      urgency: 'waiting',
      since: a.askedAt,
    })

  // Their line reports' check-ins.
  for (const w of f.waiting) {
    const review = w.status === 'submitted'
    const since = (review ? w.submittedAt : w.reviewedAt) ?? w.submittedAt ?? ''
    tasks.push({
      key: `checkin-${review ? 'review' : 'agree'}-${w.id}`,
      title: review ? `Give your view of ${w.name}'s check-in` : `Record the agreed levels of ${w.name}'s check-in`,
      href: `/people/${w.personId}/check-ins/${w.id}/${review ? 'review' : 'agree'}`,
      hint: review
        ? `${w.name} sent it to you ${daysAgo(since || today, today)}.`
        : `You gave your view ${daysAgo(since || today, today)}. Agree the levels with ${w.name}, then record them.`,
      urgency: 'waiting',
      since,
    })
  }
  const overdueReports = reportsOverdueNotWaiting(f)
  if (overdueReports.length > 0)
    tasks.push({
      key: 'team-checkins-overdue',
      title:
        overdueReports.length === 1
          ? `${overdueReports[0]?.name ?? ''} is overdue a check-in`
          : `${plural(overdueReports.length, 'person', 'people')} in your team are overdue a check-in`,
      href: '/team',
      hint: 'Remind them to start one from their pathway.',
      urgency: 'attention',
      since: overdueReports[0]?.lastAgreedAt ?? '',
    })

  // 1:1s.
  const d = f.development
  if (ownOneToOneOverdue(d) && d.ownCadence)
    tasks.push({
      key: 'one-to-one-own',
      title: 'Your 1:1 is overdue',
      href: `/people/${self}/one-to-ones/new`,
      hint: `It was due on ${formatDate(d.ownCadence.nextDueOn)}. Record it once you have held it.`,
      urgency: 'overdue',
      since: d.ownCadence.nextDueOn ?? '',
    })
  if (d.reportsOverdue.length > GROUP_AFTER) {
    const late = d.reportsOverdue.filter(r => r.cadence.status === 'overdue').length
    tasks.push({
      key: 'one-to-ones-reports',
      title: `Hold 1:1s with ${plural(d.reportsOverdue.length, 'person', 'people')}`,
      href: '/one-to-ones',
      hint: [
        late ? `${late.toLocaleString('en-GB')} overdue` : '',
        d.reportsOverdue.length > late
          ? `${(d.reportsOverdue.length - late).toLocaleString('en-GB')} with no 1:1 yet`
          : '',
      ]
        .filter(Boolean)
        .join(', ')
        .concat('.'),
      urgency: late > 0 ? 'overdue' : 'due',
      since: d.reportsOverdue.map(r => r.cadence.nextDueOn ?? '').sort()[0] ?? '',
    })
  } else
    for (const r of d.reportsOverdue)
      tasks.push({
        key: `one-to-one-${r.person.id}`,
        title:
          r.cadence.status === 'overdue'
            ? `Your 1:1 with ${r.person.name} is overdue`
            : `Hold a first 1:1 with ${r.person.name}`,
        href: `/people/${r.person.id}/one-to-ones/new`,
        hint:
          r.cadence.status === 'overdue'
            ? `It was due on ${formatDate(r.cadence.nextDueOn)}.`
            : `No 1:1 with ${r.person.name} is recorded yet.`,
        urgency: r.cadence.status === 'overdue' ? 'overdue' : 'due',
        since: r.cadence.nextDueOn ?? '',
      })
  for (const a of d.actions) {
    const late = a.dueOn < today
    const other = a.personId === self ? a.withName : a.personName
    tasks.push({
      key: `action-${a.id}`,
      title: shorten(a.text),
      href: `/people/${a.personId}/one-to-ones/${a.meetingId}`,
      hint: `An action from your 1:1 with ${other}, due ${a.dueOn === today ? 'today' : `on ${formatDate(a.dueOn)}`}.`,
      urgency: late ? 'overdue' : 'due',
      since: a.dueOn,
    })
  }
  for (const g of d.goals)
    tasks.push({
      key: `goal-${g.id}`,
      title: `Update your goal: ${shorten(g.title)}`,
      href: `/people/${self}/plan/goals/${g.id}/edit`,
      hint: `Its date was ${formatDate(g.dueOn)}. Mark it done, or give it a new date.`,
      urgency: 'overdue',
      since: g.dueOn,
    })

  // Reviews for others.
  if (f.suggestions && f.suggestions.count > 0)
    tasks.push({
      key: 'suggestions',
      title: `Review ${plural(f.suggestions.count, 'suggested change')} to the handbook`,
      href: '/handbook/suggestions',
      hint: f.suggestions.oldestAt ? `The oldest was made on ${formatDate(f.suggestions.oldestAt)}.` : '',
      urgency: 'review',
      since: f.suggestions.oldestAt ?? '',
    })
  for (const item of f.handbook.overdue)
    tasks.push({
      key: `handbook-review-${item.id}`,
      title:
        item.kind === 'page'
          ? `Review the handbook page “${shorten(item.title)}”`
          : `Review the handbook section “${shorten(item.title)}”`,
      href:
        item.kind === 'page'
          ? `/handbook/${encodeURIComponent(item.slug)}/reviewed`
          : `/handbook/sections/${encodeURIComponent(item.slug)}/reviewed`,
      hint: `You own it. It was due for review by ${formatDate(item.stewardship.reviewBy)}: check it is still right and up to date.`,
      urgency: 'overdue',
      since: item.stewardship.reviewBy ?? '',
    })
  if (f.handbook.feedback.count > 0)
    tasks.push({
      key: 'handbook-feedback',
      title: `Read ${plural(f.handbook.feedback.count, 'answer')} from readers of pages you own`,
      href: '/handbook/feedback',
      hint: f.handbook.feedback.oldestAt ? `The oldest came on ${formatDate(f.handbook.feedback.oldestAt)}.` : '',
      urgency: 'review',
      since: f.handbook.feedback.oldestAt ?? '',
    })
  for (const p of f.proposals)
    tasks.push({
      key: `proposal-${p.id}`,
      title: `Review the proposal: ${shorten(p.summary)}`,
      href: `/framework/proposals/${p.id}`,
      hint: `${p.proposedByName} proposed it on ${formatDate(p.proposedAt)}.`,
      urgency: 'review',
      since: p.proposedAt,
    })

  // Things they own.
  for (const t of f.flagged)
    tasks.push({
      key: `strategy-${t.id}`,
      title: `Look at the strategy of ${t.name}`,
      href: `/products/${t.id}`,
      hint:
        t.flags.length === 1
          ? `${t.flags[0]?.text ?? ''}.`
          : `${t.flags[0]?.text ?? ''}, and ${plural(t.flags.length - 1, 'other thing')}.`,
      urgency: 'attention',
      since: '',
    })

  return orderTasks(tasks)
}

export interface ProfessionSummaryView {
  heading: string
  rows: {
    key: { text: string }
    value: { text: string }
    actions: { items: { href: string; text: string; visuallyHiddenText: string }[] }
  }[]
}

/** The leaders' and heads of profession's summary, as a GOV.UK summary list with links to the views. */
export function professionSummary(f: HomeFacts): ProfessionSummaryView | null {
  const s = f.profession
  if (!s) return null
  const area = s.scopeArea === null ? 'the profession' : s.scopeArea === '__none__' ? 'your business area' : s.scopeArea
  const q = s.quarter
  const moves = [
    q.joined ? plural(q.joined, 'joined', 'joined') : '',
    q.promoted ? plural(q.promoted, 'promotion') : '',
    q.changedRole ? plural(q.changedRole, 'change of role', 'changes of role') : '',
    q.moved ? plural(q.moved, 'move') : '',
  ].filter(Boolean)
  const row = (key: string, value: string, href: string, link: string) => ({
    key: { text: key },
    value: { text: value },
    actions: { items: [{ href, text: link, visuallyHiddenText: key.toLowerCase() }] },
  })
  return {
    heading: s.scopeArea === null ? 'The profession' : `The profession in ${area}`,
    rows: [
      row('People', plural(s.people, 'person', 'people'), '/profession/capability', 'See levels'),
      row('Check-ins overdue', plural(s.overdue, 'person', 'people'), '/profession/capability#overdue', 'See who'),
      row(
        'Below expectation',
        `${plural(s.belowExpectation, 'person', 'people')} below their role in at least one skill`,
        '/profession/capability#people',
        'See where',
      ),
      row('Movement this quarter', moves.length ? moves.join(', ') : 'None yet', '/profession/pathway', 'See movement'),
    ],
  }
}
