// Presenters for evidence packs: pure functions from what the service returns to what the
// templates show. They take the viewer's `can` flags from the handler and ask nothing else.
import { LEVEL_NAMES, type Level } from '../framework/framework.bundled.ts'
import { formatDate } from '../platform/dates.ts'
import type { FormValues } from '../platform/forms.ts'
import {
  MAX_EXAMPLES,
  STAR_MAX,
  STAR_PARTS,
  starFieldName,
  type PackSkillView,
  type PackView,
  type WrittenEvidence,
} from './evidence.service.ts'
import type { Pack, PackSkill, SharedPack, StarExample } from './evidence.types.ts'

export const packHref = (id: string, rest = '') => `/evidence/${id}${rest}`
export const skillHref = (packId: string, skillSlug: string) => packHref(packId, `/edit/${skillSlug}`)

export const levelText = (level: Level | null, none = 'No agreed level yet'): string =>
  level ? LEVEL_NAMES[level] : none

/** The gap between where the person is and where the role expects them, in words. */
export function gapText(row: Pick<PackSkillView, 'expected' | 'agreed' | 'gap'>): string {
  if (!row.expected) return 'Not expected for this role'
  if (!row.agreed || row.gap === null) return 'Not known until you have an agreed level'
  if (row.gap === 0) return 'Meets the expected level'
  return row.gap === 1 ? '1 level below' : `${row.gap} levels below`
}

const whole = (e: StarExample): boolean => STAR_PARTS.every(p => e[p.name] !== '')
const hasExample = (saved: PackSkill | null): boolean => saved !== null && whole(saved)

/** Every whole example of a saved skill, the first one first. */
const examplesOf = (saved: PackSkill | null): StarExample[] =>
  saved ? [saved, ...(saved.more ?? [])].filter(whole) : []

/** Whether a skill has anything in it yet: for the task list. */
export function skillStatus(row: PackSkillView): 'Not started' | 'Evidence added' {
  return row.picked.length > 0 || examplesOf(row.saved).length > 0 ? 'Evidence added' : 'Not started'
}

/** A skill of the pack as it is read (on screen and in print). */
export function skillSection(row: PackSkillView) {
  const saved = row.saved
  const examples = examplesOf(saved)
  return {
    slug: row.skill.slug,
    name: row.skill.name,
    gist: row.skill.gist,
    levels: [
      { key: { text: 'Expected for the role' }, value: { text: levelText(row.expected, 'Not expected') } },
      { key: { text: 'Agreed level' }, value: { text: levelText(row.agreed) } },
      { key: { text: 'Gap' }, value: { text: gapText(row) } },
    ],
    picked: row.picked.map(e => ({ when: `From the check-in sent on ${formatDate(e.writtenAt)}`, text: e.text })),
    example: saved && hasExample(saved) ? STAR_PARTS.map(p => ({ label: p.label, text: saved[p.name] })) : null,
    /** Every whole example, each headed "Example" (one) or "Example 1", "Example 2"… (more). */
    examples: examples.map((e, i) => ({
      heading: examples.length === 1 ? 'Example' : `Example ${i + 1}`,
      parts: STAR_PARTS.map(p => ({ label: p.label, text: e[p.name] })),
    })),
    empty: row.picked.length === 0 && examples.length === 0,
  }
}

/** The pack's page, its printable copy and its task list of skills. */
export function packPage(view: PackView, can: { edit: boolean }) {
  const sections = view.skills.map(skillSection)
  return {
    title: `Evidence for ${view.roleName}`,
    ownerName: view.owner.name,
    lastChanged: view.pack.updatedAt,
    roleCurrent: view.roleCurrent,
    hasAgreed: view.hasAgreed,
    frameworkVersion: view.frameworkVersion,
    sections,
    summary: {
      skills: sections.length,
      withEvidence: sections.filter(s => !s.empty).length,
      meeting: view.skills.filter(s => s.gap === 0).length,
    },
    tasks: view.skills.map(row => {
      const status = skillStatus(row)
      return {
        title: { text: row.skill.name },
        href: skillHref(view.pack.id, row.skill.slug),
        status:
          status === 'Not started'
            ? { tag: { text: 'Not started', classes: 'govuk-tag--blue' } }
            : { text: 'Evidence added' },
      }
    }),
    can,
    hrefs: {
      pack: packHref(view.pack.id),
      edit: packHref(view.pack.id, '/edit'),
      share: packHref(view.pack.id, '/share'),
      print: packHref(view.pack.id, '/print'),
      download: packHref(view.pack.id, '/download'),
      delete: packHref(view.pack.id, '/delete'),
    },
  }
}

/** The check-in evidence a person can pick for a skill, as checkboxes. */
export function evidenceItems(offered: readonly WrittenEvidence[], picked: readonly string[]) {
  const chosen = new Set(picked)
  return offered.map(e => ({
    value: e.checkinId,
    text: `From your check-in sent on ${formatDate(e.writtenAt)}`,
    hint: { text: e.text },
    checked: chosen.has(e.checkinId),
  }))
}

/** The skill form's values from what is saved (or empty before the first save). */
export function skillValues(saved: PackSkill | null): FormValues {
  return {
    picked: saved?.picked ?? [],
    situation: saved?.situation ?? '',
    task: saved?.task ?? '',
    action: saved?.action ?? '',
    result: saved?.result ?? '',
    ...Object.fromEntries(
      (saved?.more ?? []).flatMap((e, i) => STAR_PARTS.map(p => [starFieldName(p.name, i + 2), e[p.name]])),
    ),
    version: String(saved?.version ?? 0),
  }
}

/** What was posted for the picks, as a list, whatever shape it came in. */
export function pickedValues(values: FormValues): string[] {
  const raw = values.picked
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string')
}

/** The four parts of the STAR example, each a GOV.UK character count. */
export function starFields(values: FormValues) {
  return STAR_PARTS.map(p => ({
    name: p.name,
    label: p.label,
    hint: p.hint,
    value: typeof values[p.name] === 'string' ? values[p.name] : '',
    maxlength: STAR_MAX,
  }))
}

/**
 * The further examples' slots on the skill form (numbered from 2): every slot up to the last one
 * with anything in it, keeping their places so each error stays by its field, then one empty slot
 * to add another, while there is room and once the first example is whole.
 */
export function moreExampleSlots(values: FormValues) {
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : '')
  let last = 1
  for (let slot = 2; slot <= MAX_EXAMPLES; slot++)
    if (STAR_PARTS.some(p => text(starFieldName(p.name, slot)) !== '')) last = slot
  // Room for another only once the first example is whole: a first-time form shows one example.
  const firstWhole = STAR_PARTS.every(p => text(p.name) !== '')
  const count = Math.min(MAX_EXAMPLES, firstWhole || last > 1 ? last + 1 : 1)
  const slots = []
  for (let slot = 2; slot <= count; slot++)
    slots.push({
      slot,
      legend: `Example ${slot} (optional)`,
      fields: STAR_PARTS.map(p => ({
        name: starFieldName(p.name, slot),
        label: p.label,
        hint: p.hint,
        value: text(starFieldName(p.name, slot)),
        maxlength: STAR_MAX,
      })),
    })
  return slots
}

/** The roles a pack can be for, as radios, the suggested one checked unless another was chosen. */
export function roleItems(
  roles: readonly { slug: string; name: string }[],
  o: { suggested: string | null; chosen: string | undefined; existing: readonly string[] },
) {
  const checked = o.chosen ?? o.suggested ?? undefined
  return roles.map(r => ({
    value: r.slug,
    text: r.name,
    hint: r.slug === o.suggested ? { text: 'The next role in your pathway' } : undefined,
    checked: r.slug === checked,
    ...(o.existing.includes(r.slug)
      ? { hint: { text: 'You have a pack for this role already: you will go to it' } }
      : {}),
  }))
}

/** The list of packs: the viewer's own, then those shared with them. */
export function listPage(
  list: { own: (Pack & { roleName: string })[]; shared: (SharedPack & { roleName: string })[] },
  can: { make: boolean },
) {
  return {
    own: list.own.map(p => ({
      href: packHref(p.id),
      title: `Evidence for ${p.roleName}`,
      changed: `Last changed on ${formatDate(p.updatedAt)}`,
    })),
    shared: list.shared.map(p => ({
      href: packHref(p.id),
      title: `${p.ownerName}: evidence for ${p.roleName}`,
      changed: `Shared with you on ${formatDate(p.sharedAt)}`,
    })),
    can,
  }
}
