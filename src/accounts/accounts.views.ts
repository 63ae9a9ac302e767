// The administrators' list of people: the search and filters with the chosen ones selected, the
// rows, and its pages.
import { ROLES, ROLE_LABELS } from '../platform/auth/roles.ts'
import { pagination } from '../platform/pagination.ts'
import type { AccountChoice, Person } from '../people/people.types.ts'
import type { PeopleListQuery } from './accounts.schemas.ts'

const option = (value: string, text: string, selected: string) => ({ value, text, selected: value === selected })

/** The address of one page of the list, keeping its search and filters. */
export function peopleListHref(query: Omit<PeopleListQuery, 'page'>, page: number): string {
  const p = new URLSearchParams()
  for (const key of ['q', 'role', 'area', 'manager'] as const) if (query[key]) p.set(key, query[key])
  if (page > 1) p.set('page', String(page))
  const s = p.toString()
  return `/admin/people${s ? `?${s}` : ''}`
}

const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  invited: { text: 'Invited', classes: 'govuk-tag--yellow' },
  active: { text: 'Active', classes: 'govuk-tag--green' },
  disabled: { text: 'Disabled', classes: 'govuk-tag--grey' },
}

export function adminPeopleView(o: {
  query: PeopleListQuery
  result: { people: Person[]; total: number; page: number; pages: number }
  areas: readonly string[]
  managers: readonly AccountChoice[]
}) {
  const { query, result } = o
  const sameName = (m: AccountChoice) => o.managers.filter(x => x.name === m.name).length > 1
  return {
    pageTitle: 'People',
    query,
    total: result.total,
    people: result.people.map(p => ({
      id: p.id,
      name: p.name,
      email: p.email,
      roleLabel: (ROLE_LABELS as Record<string, string>)[p.accountRole] ?? p.accountRole,
      status: STATUS_TAGS[p.accountStatus] ?? { text: p.accountStatus, classes: 'govuk-tag--grey' },
    })),
    roleItems: [option('', 'All roles', query.role), ...ROLES.map(r => option(r, ROLE_LABELS[r], query.role))],
    areaItems: [option('', 'All areas', query.area), ...o.areas.map(a => option(a, a, query.area))],
    managerItems: [
      option('', 'Anyone', query.manager),
      ...o.managers.map(m => option(m.id, sameName(m) ? `${m.name} (${m.email})` : m.name, query.manager)),
    ],
    filtered: Boolean(query.q || query.role || query.area || query.manager),
    pagination: pagination({
      page: result.page,
      pages: result.pages,
      href: n => peopleListHref(query, n),
      around: 1,
    }),
  }
}
