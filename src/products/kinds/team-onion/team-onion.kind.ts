// The team onion: who works on the thing, from the inside out. The core team delivers it;
// collaborators bring specialist help and assurance when needed; supporters are kept informed,
// bring wider priorities and clear blockers. People in Valuekit are chosen by name (those in the
// core team may then change the thing's strategy); people outside it are named in words.
import { z } from 'zod'
import { FormProblems, readText, type FormResult, type FormValues } from '../../../platform/forms.ts'
import { newId } from '../../../platform/ids.ts'
import { TEAM_LAYERS, type ProductMember, type TeamLayer } from '../../products.types.ts'
import { MAX_ITEMS, rowCount, type DocumentKind, type FormContext } from '../kind.ts'

const memberSchema = z.object({
  id: z.string().max(64),
  personId: z.string().max(64).nullable(),
  name: z.string().max(200),
  role: z.string().max(200),
})
export type OnionMember = z.infer<typeof memberSchema>

const schema = z.object({
  core: z.array(memberSchema).max(MAX_ITEMS),
  collaborators: z.array(memberSchema).max(MAX_ITEMS),
  supporters: z.array(memberSchema).max(MAX_ITEMS),
})
export type TeamOnion = z.infer<typeof schema>

export const LAYERS: readonly { name: TeamLayer; label: string; hint: string }[] = [
  { name: 'core', label: 'Core team', hint: 'The people who deliver the thing day to day.' },
  {
    name: 'collaborators',
    label: 'Collaborators',
    hint: 'Specialists who give help or assurance when it is needed, such as security or legal.',
  },
  {
    name: 'supporters',
    label: 'Supporters',
    hint: 'People kept informed, who bring wider priorities and clear blockers.',
  },
]

const nameOf = (m: OnionMember, context?: FormContext) =>
  (m.personId && context?.people.find(p => p.id === m.personId)?.name) || m.name

export const teamOnion: DocumentKind<TeamOnion> = {
  slug: 'team-onion',
  name: 'Team onion',
  purpose: 'Show who delivers the thing, who helps and who needs to know.',
  guidance: [
    'Choose people who use Valuekit from the list. People in the core team can change this strategy.',
    'For anyone else, write their name or team and what they bring.',
  ],
  schema,
  empty: { core: [], collaborators: [], supporters: [] },
  needsPeople: true,
  templates: { form: 'products/kinds/team-onion/form.njk', show: 'products/kinds/team-onion/show.njk' },
  values(content) {
    const values: FormValues = {}
    for (const layer of TEAM_LAYERS)
      content[layer].forEach((m, n) => {
        values[`${layer}-${n}-id`] = m.id
        values[`${layer}-${n}-person`] = m.personId ?? ''
        values[`${layer}-${n}-name`] = m.personId ? '' : m.name
        values[`${layer}-${n}-role`] = m.role
      })
    return values
  },
  read(body, saved, context): FormResult<TeamOnion> {
    const problems = new FormProblems()
    const people = new Map(context.people.map(p => [p.id, p.name]))
    const values = (body ?? {}) as FormValues
    const seen = new Set<string>()
    const value = { core: [], collaborators: [], supporters: [] } as TeamOnion
    for (const layer of TEAM_LAYERS) {
      const known = new Set(saved[layer].map(m => m.id))
      for (let n = 0; n < rowCount(values, layer, 0); n++) {
        const key = `${layer}-${n}`
        const personId = readText(body, `${key}-person`, 64)
        const name = readText(body, `${key}-name`, 1000)
        const role = readText(body, `${key}-role`, 1000)
        if (!personId && !name && !role) continue
        if (personId && !people.has(personId)) {
          problems.add(`${key}-person`, 'Choose someone from the list')
          continue
        }
        if (!personId && !name) problems.add(`${key}-name`, 'Choose a person or write a name')
        if (name.length > 200) problems.add(`${key}-name`, 'Name must be 200 characters or fewer')
        if (role.length > 200) problems.add(`${key}-role`, 'What they bring must be 200 characters or fewer')
        if (personId && seen.has(personId))
          problems.add(`${key}-person`, `${people.get(personId)} is already on the onion once`)
        if (personId) seen.add(personId)
        const posted = readText(body, `${key}-id`, 64)
        value[layer].push({
          id: known.has(posted) ? posted : newId(),
          personId: personId || null,
          name: personId ? (people.get(personId) ?? '') : name.slice(0, 200),
          role: role.slice(0, 200),
        })
      }
      if (value[layer].length > MAX_ITEMS) problems.add(`${layer}-0-person`, `No more than ${MAX_ITEMS} in one layer`)
    }
    if (problems.empty && TEAM_LAYERS.every(l => value[l].length === 0))
      problems.add('core-0-person', 'Add at least one person to the team')
    return problems.result(
      TEAM_LAYERS.flatMap(l => [`${l}-0-person`, `${l}-0-name`]),
      value,
      body,
    )
  },
  sections: (content, context) =>
    LAYERS.map(l => ({
      heading: l.label,
      text: content[l.name].map(m => `- ${nameOf(m, context)}${m.role ? `: ${m.role}` : ''}`).join('\n'),
    })),
  summary: content => ({
    lines: LAYERS.filter(l => content[l.name].length > 0).map(
      l => `${l.label}: ${content[l.name].map(m => m.name).join(', ')}`,
    ),
  }),
  isEmpty: content => TEAM_LAYERS.every(l => content[l].length === 0),
  members: (content): ProductMember[] =>
    TEAM_LAYERS.flatMap(layer =>
      content[layer].filter(m => m.personId).map(m => ({ personId: m.personId ?? '', layer })),
    ),
  formView: (values, _saved, context) => ({
    layers: LAYERS,
    rowCounts: Object.fromEntries(TEAM_LAYERS.map(l => [l, rowCount(values, l)])),
    people: context.people,
  }),
  showView: () => ({ layers: LAYERS }),
}
