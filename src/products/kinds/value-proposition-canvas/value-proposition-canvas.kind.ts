// The value proposition canvas: the customer profile (their jobs, pains and gains) beside the
// value map (products and services, pain relievers, gain creators). Each reliever names the pains
// it answers and each creator the gains, so the canvas shows the fit and what is left unanswered.
import { z } from 'zod'
import { FormProblems, readChoices, type FormResult, type FormValues } from '../../../platform/forms.ts'
import {
  itemLines,
  itemSchema,
  itemValues,
  readItemRows,
  readItems,
  rowCount,
  type DocumentKind,
  type DocumentSection,
  type Item,
} from '../kind.ts'

const answeringSchema = itemSchema.extend({ answers: z.array(z.string().max(64)).max(50) })
export type AnsweringItem = z.infer<typeof answeringSchema>

const schema = z.object({
  jobs: z.array(itemSchema).max(50),
  pains: z.array(itemSchema).max(50),
  gains: z.array(itemSchema).max(50),
  products: z.array(itemSchema).max(50),
  relievers: z.array(answeringSchema).max(50),
  creators: z.array(answeringSchema).max(50),
})
export type ValuePropositionCanvas = z.infer<typeof schema>

/** The lists in page order, with their labels. */
export const LISTS = [
  { name: 'jobs', label: 'Customer jobs', hint: 'What users are trying to get done.' },
  { name: 'pains', label: 'Pains', hint: 'What annoys them, gets in the way or worries them.' },
  { name: 'gains', label: 'Gains', hint: 'What they want to happen, or would be pleased by.' },
  { name: 'products', label: 'Products and services', hint: 'What you offer them.' },
  { name: 'relievers', label: 'Pain relievers', hint: 'How what you offer eases a pain.' },
  { name: 'creators', label: 'Gain creators', hint: 'How what you offer brings a gain about.' },
] as const

type ListName = (typeof LISTS)[number]['name']
const labelOf = (name: ListName) => LISTS.find(l => l.name === name)?.label ?? name

/** Which pains and gains are answered, by what, and what answers nothing. */
export interface Fit {
  pains: { item: Item; by: Item[] }[]
  gains: { item: Item; by: Item[] }[]
  painsAnswered: number
  gainsAnswered: number
  /** Relievers and creators that answer no pain or gain. */
  unlinked: Item[]
}

export function fitOf(c: ValuePropositionCanvas): Fit {
  const answered = (targets: Item[], by: AnsweringItem[]) =>
    targets.map(item => ({
      item,
      by: by.filter(b => b.answers.includes(item.id)).map(b => ({ id: b.id, text: b.text })),
    }))
  const pains = answered(c.pains, c.relievers)
  const gains = answered(c.gains, c.creators)
  return {
    pains,
    gains,
    painsAnswered: pains.filter(p => p.by.length > 0).length,
    gainsAnswered: gains.filter(g => g.by.length > 0).length,
    unlinked: [...c.relievers, ...c.creators]
      .filter(i => i.answers.length === 0)
      .map(i => ({ id: i.id, text: i.text })),
  }
}

const EMPTY: ValuePropositionCanvas = { jobs: [], pains: [], gains: [], products: [], relievers: [], creators: [] }

export const valuePropositionCanvas: DocumentKind<ValuePropositionCanvas> = {
  slug: 'value-proposition-canvas',
  name: 'Value proposition canvas',
  purpose: 'Match what users need with what you offer, and see what is still unanswered.',
  guidance: [
    'Start with the customer profile: jobs, pains and gains, from research rather than opinion.',
    'Then say how what you offer relieves each pain and creates each gain. Pains and gains with nothing against them are gaps in the fit.',
    'Pains and gains you add now can be linked after you save.',
  ],
  schema,
  empty: EMPTY,
  templates: {
    form: 'products/kinds/value-proposition-canvas/form.njk',
    show: 'products/kinds/value-proposition-canvas/show.njk',
  },
  values(content) {
    const values: FormValues = {}
    for (const list of LISTS) Object.assign(values, itemValues(list.name, content[list.name]))
    content.relievers.forEach((r, n) => (values[`relievers-${n}-answers`] = r.answers))
    content.creators.forEach((c, n) => (values[`creators-${n}-answers`] = c.answers))
    return values
  },
  read(body, saved): FormResult<ValuePropositionCanvas> {
    const problems = new FormProblems()
    const read = (name: ListName) => readItems(body, name, saved[name], problems, labelOf(name))
    const [jobs, pains, gains, products] = [read('jobs'), read('pains'), read('gains'), read('products')]
    // A link holds only to a pain or gain that is still on the canvas.
    const answering = (name: 'relievers' | 'creators', targets: Item[]): AnsweringItem[] => {
      const ids = targets.map(t => t.id)
      return readItemRows(body, name, saved[name], problems, labelOf(name)).map(({ n, item }) => ({
        ...item,
        answers: readChoices(body, `${name}-${n}-answers`, ids).chosen.filter(id => ids.includes(id)),
      }))
    }
    const value = {
      jobs,
      pains,
      gains,
      products,
      relievers: answering('relievers', pains),
      creators: answering('creators', gains),
    }
    if (problems.empty && LISTS.every(l => value[l.name].length === 0))
      problems.add('jobs-0-text', 'Write at least one customer job, pain, gain or offer')
    return problems.result(
      LISTS.map(l => `${l.name}-0-text`),
      value,
      body,
    )
  },
  sections(content): DocumentSection[] {
    const lines = (name: ListName) => {
      if (name === 'relievers' || name === 'creators') {
        const targets = name === 'relievers' ? content.pains : content.gains
        return content[name]
          .map(i => {
            const answers = i.answers.map(id => targets.find(t => t.id === id)?.text).filter(Boolean)
            return `- ${i.text}${answers.length ? ` (answers: ${answers.join('; ')})` : ''}`
          })
          .join('\n')
      }
      return itemLines(content[name])
    }
    return LISTS.map(l => ({ heading: l.label, text: lines(l.name) }))
  },
  summary(content) {
    const fit = fitOf(content)
    const notes = [
      ...fit.pains.filter(p => p.by.length === 0).map(p => `No pain reliever answers: ${p.item.text}`),
      ...fit.gains.filter(g => g.by.length === 0).map(g => `No gain creator answers: ${g.item.text}`),
    ]
    return {
      lines: [
        `${content.jobs.length} customer jobs, ${content.pains.length} pains, ${content.gains.length} gains`,
        `Pains answered: ${fit.painsAnswered} of ${content.pains.length}`,
        `Gains answered: ${fit.gainsAnswered} of ${content.gains.length}`,
      ],
      notes,
    }
  },
  isEmpty: content => LISTS.every(l => content[l.name].length === 0),
  formView: (values, saved) => ({
    lists: LISTS,
    rowCounts: Object.fromEntries(LISTS.map(l => [l.name, rowCount(values, l.name)])),
    savedPains: saved.pains,
    savedGains: saved.gains,
  }),
  showView: content => ({ lists: LISTS, fit: fitOf(content) }),
}
