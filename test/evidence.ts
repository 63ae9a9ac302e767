// Helpers for the evidence pack's tests: a person's viewer, and a check-in taken all the way to
// agreed through the pathway's own service (the person's evidence, their line manager's levels).
import type { Level } from '../src/framework/framework.bundled.ts'
import type { Role } from '../src/platform/auth/roles.ts'
import type { Viewer } from '../src/platform/auth/viewer.ts'
import type { Services } from '../src/services.ts'

export async function viewerFor(services: Pick<Services, 'people'>, id: string): Promise<Viewer> {
  const person = await services.people.get(id)
  const viewer = await services.people.viewer({
    id,
    name: person.name,
    email: person.email,
    role: person.accountRole as Role,
  })
  if (!viewer) throw new Error(`No viewer for ${id}`)
  return viewer
}

/**
 * The person sends a check-in with this evidence (every skill at `level`, evidence where given),
 * and their line manager reviews it and agrees every skill at `agreed` (or `level`). Returns the
 * check-in's id; `agree: false` leaves it with the line manager.
 */
export async function sentCheckin(
  services: Pick<Services, 'people' | 'pathway'>,
  personId: string,
  o: { level: Level; evidence: Record<string, string>; agreed?: Partial<Record<string, Level>>; agree?: boolean },
): Promise<string> {
  const { pathway } = services
  const person = await viewerFor(services, personId)
  const draft = await pathway.startCheckin(person, personId)
  const { skills } = await pathway.checkin(personId, draft.id)
  const ratings = Object.fromEntries(
    skills.map(s => [s.skill.slug, { level: o.level, evidence: o.evidence[s.skill.slug] ?? '' }]),
  )
  const sent = await pathway.saveSelf(person, personId, draft.id, { ratings }, draft.version, true)
  if (o.agree === false) return draft.id
  const managerId = sent.person.lineManagerId
  if (!managerId) throw new Error('The person has no line manager')
  const manager = await viewerFor(services, managerId)
  const levels = Object.fromEntries(
    skills.map(s => [s.skill.slug, { level: o.agreed?.[s.skill.slug] ?? o.level, note: '' }]),
  )
  const reviewed = await pathway.saveReview(manager, personId, draft.id, { ratings: levels }, sent.checkin.version)
  await pathway.agree(manager, personId, draft.id, { ratings: levels, note: '' }, reviewed.checkin.version)
  return draft.id
}
