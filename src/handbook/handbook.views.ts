// The handbook's presenters: pure functions from what the service returns to what the templates
// show. Handlers load, authorize and call the service, then pass the result through one of these.
import type { FrameworkTerms } from '../framework/framework.terms.ts'
import { diffView } from '../platform/diff.ts'
import { pagination } from '../platform/pagination.ts'
import type { Page, PageSummary, Resource, Section } from './handbook.types.ts'
import { BLANK_RESOURCE_ROWS, RESOURCE_FORMATS } from './handbook.schemas.ts'
import type { ReviewOverview, StewardedItem, Stewardship, UsefulnessMonth } from './handbook.owners.ts'
import type { Feedback, Ownership } from './handbook.types.ts'
import type { ImportProblem } from './import/import.types.ts'
import type { DiffLine } from '../platform/diff.ts'
import type { ImportReport } from './import/report.ts'
import type { SuggestionReview } from './suggestions/suggestions.service.ts'
import type { HandbookImport, ImportProgress, StagedReport } from './handbook.uploads.ts'

/** What the reader may do on a page; templates get these flags, never role names. */
export interface PageAbilities {
  readonly edit: boolean
  readonly suggest: boolean
  readonly history: boolean
  readonly authors: boolean
  /** Name the owner and review date, and see how useful readers found the page. */
  readonly owners?: boolean
}

/** A page's role and skill tags with their names. */
export function tagsView(terms: Pick<FrameworkTerms, 'roleName' | 'skillName'>, page: Pick<Page, 'roles' | 'skills'>) {
  return {
    roles: page.roles.map(slug => ({ slug, name: terms.roleName(slug) })),
    skills: page.skills.map(slug => ({ slug, name: terms.skillName(slug) })),
  }
}

/** One page of the handbook, with links to the pages before and after it in reading order. */
export function pageView(
  terms: Pick<FrameworkTerms, 'roleName' | 'skillName'>,
  o: {
    page: Page
    section: Section
    previous: Pick<PageSummary, 'slug' | 'title'> | null | undefined
    next: Pick<PageSummary, 'slug' | 'title'> | null | undefined
    stewardship?: Stewardship | undefined
  },
  can: PageAbilities,
) {
  const { page, previous, next } = o
  const s = o.stewardship
  return {
    // Owners are named to signed-in readers only, like the people who changed the page.
    owner:
      s && can.authors
        ? {
            name: s.ownerName ?? s.ownerTeam,
            fromSection: s.ownerFrom === 'section',
            reviewBy: s.reviewBy,
          }
        : null,
    pageTitle: page.title,
    page,
    section: o.section,
    pager:
      previous || next
        ? {
            previous: previous ? { href: `/handbook/${previous.slug}`, labelText: previous.title } : undefined,
            next: next ? { href: `/handbook/${next.slug}`, labelText: next.title } : undefined,
          }
        : null,
    tags: tagsView(terms, page),
    reading: page.resources.filter(r => r.kind === 'reading'),
    training: page.resources.filter(r => r.kind === 'training'),
    can,
  }
}

/** The search page: the form, and the results with links to each page of them. */
export function searchView<R extends { page: number; pages: number }>(query: string, result: R | null) {
  const href = (n: number) => `/handbook/search?${new URLSearchParams({ q: query, page: String(n) }).toString()}`
  return {
    pageTitle: query ? `Search results for ‘${query}’` : 'Search the handbook',
    query,
    result,
    // Results run to a few pages at most, so every page is linked.
    pagination: result ? pagination({ page: result.page, pages: result.pages, href, around: Infinity }) : null,
  }
}

/**
 * Checkboxes for the current framework's roles, and for any role the page has that the framework
 * has since retired, so it is not dropped without anyone seeing.
 */
export function roleItems(terms: Pick<FrameworkTerms, 'roles' | 'roleName'>, selected: readonly string[]) {
  const slugs = terms.roles.map(r => r.slug)
  for (const slug of selected) if (!slugs.includes(slug)) slugs.push(slug)
  return slugs.map(slug => ({ value: slug, text: terms.roleName(slug), checked: selected.includes(slug) }))
}

/** Checkboxes for one group of skills, in the same way as roleItems. */
export function skillItems(
  terms: Pick<FrameworkTerms, 'skills' | 'skillName'>,
  selected: readonly string[],
  group: 'core' | 'leadership',
) {
  const slugs = terms.skills.filter(s => s.group === group).map(s => s.slug)
  const known = new Set(terms.skills.map(s => s.slug))
  if (group === 'core') for (const slug of selected) if (!known.has(slug)) slugs.push(slug)
  return slugs.map(slug => ({ value: slug, text: terms.skillName(slug), checked: selected.includes(slug) }))
}

/** Resource rows for the form: what is there plus blank rows to add more without JavaScript. */
export function resourceRows(resources: readonly (Resource & { index?: number })[]) {
  const rows = resources.map((r, i) => ({ ...r, index: r.index ?? i }))
  const next = rows.reduce((n, r) => Math.max(n, r.index + 1), 0)
  for (let i = 0; i < BLANK_RESOURCE_ROWS; i++)
    rows.push({ kind: 'reading', title: '', author: '', format: '', length: '', url: '', index: next + i })
  return rows
}

/** What the page form was given: the page's tags, resources and section, or what was typed. */
export interface PageFormInput {
  readonly roles: string[]
  readonly skills: string[]
  readonly resources: (Resource & { index?: number })[]
  readonly sectionId: string
}

/** The form that writes a new page or changes one, with a preview or a conflict when there is one. */
export function pageFormView(
  terms: FrameworkTerms,
  sections: readonly Pick<Section, 'id' | 'title'>[],
  o: {
    mode: 'new' | 'edit'
    page?: Page | undefined
    values: Record<string, unknown>
    input: PageFormInput
    errors?: unknown
    preview?: string | undefined
    conflict?: { latest: Page; diff: DiffLine[] } | undefined
  },
) {
  return {
    pageTitle: o.mode === 'new' ? 'New page' : `Edit ${o.page?.title ?? ''}`,
    mode: o.mode,
    page: o.page,
    values: o.values,
    errors: o.errors,
    preview: o.preview,
    conflict: o.conflict ? { ...o.conflict, view: diffView(o.conflict.diff) } : undefined,
    sectionItems: sections.map(s => ({ value: s.id, text: s.title, selected: s.id === o.input.sectionId })),
    roleItems: roleItems(terms, o.input.roles),
    coreSkillItems: skillItems(terms, o.input.skills, 'core'),
    leadershipSkillItems: skillItems(terms, o.input.skills, 'leadership'),
    resourceRows: resourceRows(o.input.resources),
    formats: RESOURCE_FORMATS,
  }
}

/**
 * A suggested change beside the page it would change; reviewers may accept or decline it while it
 * is open. The text offered for accepting is the suggestion merged with the page as it is now:
 * where both changed the same lines, both versions between conflict markers, so no accepted
 * change can be dropped unseen. The changes are shown in hunks, or the whole page when asked.
 */
export function suggestionView(review: SuggestionReview, mayReview: boolean, options: { whole?: boolean } = {}) {
  const href = `/handbook/suggestions/${review.suggestion.id}`
  return {
    pageTitle: `Suggested change to ${review.suggestion.pageTitle}`,
    ...review,
    diffView: diffView(review.diff, { whole: options.whole ?? false }),
    toggleHref: options.whole ? `${href}#changes` : `${href}?whole=yes#changes`,
    acceptBody: review.mergedBody,
    can: { review: mayReview && review.suggestion.status === 'open' },
  }
}

/** A section and the pages in it, in reading order, as the printable document shows them. */
export interface PrintPart {
  section: Section
  pages: Page[]
}

/**
 * Our own generated page HTML (markdown-it and the templates double-quote every attribute), with
 * its ids and in-page links made unique to the page, and links to pages in the same document
 * turned into links within it, so a printed or saved PDF can be followed from its contents.
 */
export function printableBody(html: string, slug: string, inDocument: ReadonlySet<string>): string {
  const prefix = `p-${slug}--`
  return html
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${prefix}${id}"`)
    .replace(/\shref="#([^"]+)"/g, (_m, id: string) => ` href="#${prefix}${id}"`)
    .replace(/\shref="\/handbook\/([a-z0-9-]{1,100})(?:#([^"]*))?"/g, (match, target: string, fragment?: string) => {
      if (!inDocument.has(target)) return match
      return fragment ? ` href="#p-${target}--${fragment}"` : ` href="#page-${target}"`
    })
}

/** The printable document of a section, or of the whole handbook with its sections. */
export function printView(
  parts: readonly PrintPart[],
  o: { whole: boolean; title: string; intro?: string; onlineBase?: string; crumbs: { text: string; href?: string }[] },
) {
  const kept = parts.filter(part => part.pages.length > 0)
  const slugs = new Set(kept.flatMap(part => part.pages.map(p => p.slug)))
  const pages = kept.flatMap(part => part.pages)
  return {
    pageTitle: o.whole ? `${o.title}: printable version` : `${o.title}: printable section`,
    title: o.title,
    intro: o.intro ?? '',
    whole: o.whole,
    onlineBase: o.onlineBase ?? '',
    crumbs: o.crumbs,
    pageCount: pages.length,
    lastChanged: pages.reduce((latest, p) => (p.updatedAt > latest ? p.updatedAt : latest), ''),
    parts: kept.map(part => ({
      section: part.section,
      pages: part.pages.map(p => ({ ...p, bodyHtml: printableBody(p.bodyHtml, p.slug, slugs) })),
    })),
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
/** "December 2026" from "2026-12". */
export const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`

/** The form naming a page's or section's owner and review date, with someone else's save when there was one. */
export function ownerFormView(
  subject: { kind: 'page' | 'section'; slug: string; title: string },
  own: Ownership | null,
  values: Record<string, unknown>,
  o: { errors?: unknown; latest?: Ownership | null; action: string },
) {
  const latest = o.latest
  return {
    pageTitle: `Owner and review date of ${subject.title}`,
    subject,
    own,
    values,
    errors: o.errors,
    action: o.action,
    back: subject.kind === 'page' ? `/handbook/${subject.slug}` : '/handbook/review',
    conflict:
      latest !== undefined
        ? {
            byName: latest?.updatedByName ?? 'Someone',
            owner: latest ? (latest.ownerName ?? latest.ownerTeam ?? 'no one') : 'no one',
            reviewBy: latest?.reviewBy ?? null,
          }
        : null,
    reviewDate: {
      day: values['reviewBy-day'] ?? '',
      month: values['reviewBy-month'] ?? '',
      year: values['reviewBy-year'] ?? '',
    },
  }
}

const itemHref = (i: StewardedItem) => (i.kind === 'page' ? `/handbook/${i.slug}` : `/handbook#section-${i.slug}`)
const stewardHref = (i: StewardedItem, action: 'owner' | 'reviewed') =>
  i.kind === 'page' ? `/handbook/${i.slug}/${action}` : `/handbook/sections/${i.slug}/${action}`

/** Rows of the review page: what each page or section is, who owns it and when it is due. */
function reviewRows(items: readonly StewardedItem[]) {
  return items.map(i => ({
    kind: i.kind === 'page' ? 'Page' : 'Section',
    title: i.title,
    href: itemHref(i),
    ownerHref: stewardHref(i, 'owner'),
    reviewedHref: stewardHref(i, 'reviewed'),
    section: i.section?.title ?? '',
    owner: i.stewardship.ownerName ?? i.stewardship.ownerTeam ?? '',
    ownerFromSection: i.stewardship.ownerFrom === 'section',
    reviewBy: i.stewardship.reviewBy,
  }))
}

/** What editors check: overdue for review, due soon, no owner, no review date. */
export function reviewView(overview: ReviewOverview) {
  return {
    pageTitle: 'Owners and reviews',
    today: overview.today,
    groups: [
      {
        id: 'overdue',
        title: 'Overdue for review',
        empty: 'Nothing is overdue for review.',
        rows: reviewRows(overview.overdue),
      },
      {
        id: 'due-soon',
        title: 'Due for review in the next 30 days',
        empty: 'Nothing is due for review in the next 30 days.',
        rows: reviewRows(overview.dueSoon),
      },
      {
        id: 'no-owner',
        title: 'Without an owner',
        empty: 'Every page and section has an owner.',
        rows: reviewRows(overview.withoutOwner),
      },
      {
        id: 'no-date',
        title: 'Without a review date',
        empty: 'Every page and section has a review date.',
        rows: reviewRows(overview.withoutDate),
      },
    ],
  }
}

/** The feedback queue: answers about the pages a person or team owns, or every answer for editors. */
export function feedbackQueueView(
  answers: readonly Feedback[],
  o: { editor: boolean; teams: readonly string[]; team: string | null; all: boolean },
) {
  const here = o.all
    ? '/handbook/feedback?all=yes'
    : o.team
      ? `/handbook/feedback?${new URLSearchParams({ team: o.team }).toString()}`
      : '/handbook/feedback'
  return {
    pageTitle: o.all ? 'Feedback on every page' : o.team ? `Feedback for ${o.team}` : 'Feedback on your pages',
    heading: o.all
      ? 'Feedback on every page'
      : o.team
        ? `Feedback on pages ${o.team} owns`
        : 'Feedback on pages you own',
    answers,
    newCount: answers.filter(a => a.status === 'new').length,
    editor: o.editor,
    here,
    choices: o.editor
      ? [
          { text: 'Pages you own', href: '/handbook/feedback', current: !o.all && !o.team },
          ...o.teams.map(team => ({
            text: `Pages ${team} owns`,
            href: `/handbook/feedback?${new URLSearchParams({ team }).toString()}`,
            current: o.team?.toLowerCase() === team.toLowerCase(),
          })),
          { text: 'Every page', href: '/handbook/feedback?all=yes', current: o.all },
        ]
      : [],
  }
}

/** How useful readers found a page, month by month: a table, and bars that say their numbers. */
export function usefulnessView(
  page: { slug: string; title: string },
  usefulness: { months: readonly UsefulnessMonth[]; yes: number; no: number },
  answers: readonly Feedback[],
) {
  const percent = (yes: number, no: number) => (yes + no === 0 ? null : Math.round((yes / (yes + no)) * 100))
  return {
    pageTitle: `How useful readers found ${page.title}`,
    page,
    total: {
      yes: usefulness.yes,
      no: usefulness.no,
      answers: usefulness.yes + usefulness.no,
      percent: percent(usefulness.yes, usefulness.no),
    },
    months: usefulness.months.map(m => ({
      ...m,
      name: monthName(m.month),
      answers: m.yes + m.no,
      percent: percent(m.yes, m.no) ?? 0,
    })),
    comments: answers.filter(a => a.comment !== ''),
  }
}

// ---- Importing a handbook in the browser ----

const SITE_NAMES: Record<StagedReport['site'], string> = {
  plain: 'Markdown files',
  jekyll: 'a Jekyll site',
  eleventy: 'an Eleventy site',
  docusaurus: 'a Docusaurus site',
}
const SEVERITY_TAGS: Record<ImportProblem['severity'], { text: string; classes: string }> = {
  error: { text: 'Error', classes: 'govuk-tag--red' },
  warning: { text: 'Warning', classes: 'govuk-tag--yellow' },
  note: { text: 'Note', classes: 'govuk-tag--grey' },
}
const OUTCOMES = [
  { key: 'created', heading: 'Pages to create', done: 'Pages created' },
  { key: 'updated', heading: 'Pages to update', done: 'Pages updated' },
  { key: 'unchanged', heading: 'Pages left as they are', done: 'Pages left as they were' },
  { key: 'refused', heading: 'Pages that will not be imported', done: 'Pages not imported' },
] as const

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

/** The import's problems grouped by file, each with its line and kind (the command line's report). */
export function problemGroups(problems: readonly ImportProblem[]) {
  const byFile = new Map<string, ImportProblem[]>()
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem])
  return [...byFile].map(([file, list]) => ({
    file,
    problems: list.map(problem => ({
      tag: SEVERITY_TAGS[problem.severity],
      where: problem.line === undefined ? '' : `Line ${problem.line}`,
      message: problem.message,
    })),
  }))
}

/** Counts and lists of what an import did or would do. */
export function importOutcomeView(report: ImportReport, done = false) {
  const heading = (key: (typeof OUTCOMES)[number]['key']) => {
    const outcome = OUTCOMES.find(o => o.key === key) ?? OUTCOMES[0]
    return done ? outcome.done : outcome.heading
  }
  const errors = report.problems.filter(problem => problem.severity === 'error').length
  const warnings = report.problems.filter(problem => problem.severity === 'warning').length
  const notes = report.problems.length - errors - warnings
  return {
    counts: [
      { key: heading('created'), value: report.pagesCreated },
      { key: heading('updated'), value: report.pagesUpdated },
      { key: heading('unchanged'), value: report.pagesUnchanged },
      { key: 'New sections', value: report.sectionsCreated },
      { key: 'New images', value: report.imagesStored },
    ],
    problemSummary:
      report.problems.length === 0
        ? 'No problems were found.'
        : `${count(errors, 'error')}, ${count(warnings, 'warning')} and ${count(notes, 'note')}.`,
    problemGroups: problemGroups(report.problems),
    outcomes: OUTCOMES.map(({ key }) => ({
      key,
      heading: heading(key),
      pages: (report.pages ?? []).filter(page => page.outcome === key),
    })).filter(group => group.pages.length > 0),
  }
}

/** The report page: the dry run's report and a question for each page whose address is taken. */
export function importReportView(
  staged: HandbookImport,
  values: Record<string, string>,
  errors: { fields: Record<string, { text: string }> } | undefined,
) {
  const { report } = staged.staged
  return {
    id: staged.id,
    fileName: staged.fileName,
    siteName: SITE_NAMES[staged.staged.site],
    ...importOutcomeView(report),
    questions: staged.staged.questions.map((question, index) => {
      const choice = values[`address-${index}`] ?? 'offered'
      return {
        index,
        ...question,
        choice,
        slug: values[`slug-${index}`] ?? '',
        addressError: errors?.fields[`address-${index}`],
        slugError: errors?.fields[`slug-${index}`],
      }
    }),
  }
}

/** The progress page: where the import is, and once done what it did. */
export function importProgressView(found: HandbookImport, progress: ImportProgress | null) {
  const finished = found.status === 'done' || found.status === 'failed'
  let statusText: string
  if (found.status === 'done') statusText = 'The handbook has been imported.'
  else if (found.status === 'failed') statusText = 'The import failed.'
  else if (found.status === 'waiting' || progress === null || progress.total === 0)
    statusText = found.status === 'waiting' ? 'Waiting to start.' : 'Importing.'
  else
    statusText =
      progress.phase === 'reading'
        ? `Reading page ${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')}.`
        : `Importing page ${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')}.`
  const imported = (found.result?.pages ?? []).filter(page => page.outcome !== 'refused')
  return {
    id: found.id,
    status: found.status,
    finished,
    statusText,
    failure: found.failure,
    result: found.result ? importOutcomeView(found.result, true) : null,
    importedPages: imported,
  }
}
