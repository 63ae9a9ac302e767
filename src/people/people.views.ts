// The people pages' presenters: pure functions from what the service returns to what the
// templates show (the list with its filters, a profile, and the profile form's choices).
import type { FrameworkTerms } from '../framework/framework.terms.ts'
import { formatDate } from '../platform/http/filters.ts'
import { pagination } from '../platform/pagination.ts'
import type { AccountChoice, HistoryView, Person } from './people.types.ts'
import type { ListQuery } from './people.schemas.ts'
import { ASSOCIATE_ROLE, defaultCadenceDays, type ProfileInput } from './people.service.ts'

type RoleNames = Pick<FrameworkTerms, 'roleName'>

const option = (value: string, text: string, selected: string) => ({ value, text, selected: value === selected })

/** A line manager's name, with their email address when someone else has the same name. */
const managerLabel = (m: AccountChoice, all: readonly AccountChoice[]) =>
  all.filter(o => o.name === m.name).length > 1 ? `${m.name} (${m.email})` : m.name

/** The address of one page of the list, keeping its search and filters. */
export function listHref(
  query: Pick<ListQuery, 'role' | 'area' | 'group'> & Partial<Pick<ListQuery, 'q' | 'manager'>>,
  showAccounts: boolean,
  page: number,
) {
  const p = new URLSearchParams()
  if (showAccounts) p.set('show', 'accounts')
  if (query.q) p.set('q', query.q)
  if (!showAccounts)
    for (const [k, v] of [
      ['role', query.role],
      ['area', query.area],
      ['group', query.group],
      ['manager', query.manager],
    ] as const)
      if (v) p.set(k, v)
  if (page > 1) p.set('page', String(page))
  const s = p.toString()
  return `/people${s ? `?${s}` : ''}`
}

/** The list of people: their roles by name, the filters with the chosen ones selected, and its pages. */
export function listView(
  terms: Pick<FrameworkTerms, 'roles' | 'roleName'>,
  o: {
    query: ListQuery
    showAccounts: boolean
    result: { people: Person[]; page: number; pages: number; total: number }
    areas: readonly { businessArea: string; group: string }[]
    /** The line managers the filter offers. */
    managers?: readonly AccountChoice[]
  },
) {
  const { query, showAccounts, result } = o
  const areaNames = [...new Set(o.areas.map(a => a.businessArea).filter(a => a !== ''))]
  const groupNames = [...new Set(o.areas.map(a => a.group).filter(g => g !== ''))].sort()
  return {
    pageTitle: showAccounts ? 'Accounts not in the profession' : 'People',
    showAccounts,
    query,
    result,
    people: result.people.map(p => ({ ...p, careerRoleName: p.careerRole ? terms.roleName(p.careerRole) : '' })),
    roleItems: [option('', 'All roles', query.role), ...terms.roles.map(r => option(r.slug, r.name, query.role))],
    areaItems: [option('', 'All areas', query.area), ...areaNames.map(a => option(a, a, query.area))],
    groupItems: [option('', 'All groups', query.group), ...groupNames.map(g => option(g, g, query.group))],
    managerItems: [
      option('', 'Anyone', query.manager),
      ...(o.managers ?? []).map(m => option(m.id, managerLabel(m, o.managers ?? []), query.manager)),
    ],
    filtered: Boolean(query.q) || (!showAccounts && Boolean(query.role || query.area || query.group || query.manager)),
    pagination: pagination({
      page: result.page,
      pages: result.pages,
      href: n => listHref(query, showAccounts, n),
      around: 1,
    }),
  }
}

const CHANGE_LABELS: Record<string, string> = {
  joined: 'Joined the profession',
  promotion: 'Promoted',
  'role change': 'Changed role',
  move: 'Moved',
  'new line manager': 'New line manager',
}

/** A person's profile and the history of their role (for the history list), with roles by name. */
export function profileView(
  terms: RoleNames,
  person: Person,
  history: readonly HistoryView[],
  can: { manage: boolean; list: boolean },
) {
  return {
    pageTitle: person.name,
    person,
    careerRoleName: person.careerRole ? terms.roleName(person.careerRole) : '',
    history: history.map(h => ({
      title: `${CHANGE_LABELS[h.change] ?? h.change}: ${terms.roleName(h.careerRole)}`,
      byline: `recorded by ${h.recordedByName}`,
      datetime: h.fromDate,
      dateText: formatDate(h.fromDate),
      lines: [
        `Business area: ${h.businessArea || 'none'}`,
        `Group: ${h.group || 'none'}`,
        `Line manager: ${h.lineManagerName ?? 'none'}`,
      ],
    })),
    can,
  }
}

/**
 * The roles a person can be given: the current framework's, and the one they hold if it has been
 * retired since, so saving other changes does not force a new role on them.
 */
export function rolesFor(terms: Pick<FrameworkTerms, 'roles'>, person: Person): string[] {
  const roles = terms.roles.map(role => role.slug)
  if (person.hasProfile && person.careerRole && !roles.includes(person.careerRole)) roles.push(person.careerRole)
  return roles
}

/**
 * A drop-down of people to choose from, leaving out the person themselves; an address typed
 * earlier that is not in the list stays chosen.
 */
export function choiceItems(list: readonly AccountChoice[], selected: string, none: string, exceptId: string) {
  const items = [{ value: '', text: none, selected: selected === '' }]
  for (const c of list)
    if (c.id !== exceptId)
      items.push({ value: c.email, text: `${c.name} (${c.email})`, selected: c.email === selected })
  if (selected !== '' && !items.some(i => i.value === selected))
    items.push({ value: selected, text: selected, selected: true })
  return items
}

/** One side of a conflict, in words. */
export function describeInput(terms: RoleNames, input: ProfileInput): Record<string, string> {
  return {
    careerRole: input.careerRole ? terms.roleName(input.careerRole) : 'None',
    lineManager: input.lineManagerEmail || 'None',
    associateOf: input.careerRole === ASSOCIATE_ROLE ? input.associateOfEmail || 'None' : 'None',
    businessArea: input.businessArea || 'None',
    group: input.group || 'None',
    dateIntoRole: input.dateIntoRole ? formatDate(input.dateIntoRole) : 'Not known',
    cadenceDays: String(input.cadenceDays ?? defaultCadenceDays(input.careerRole)),
  }
}
