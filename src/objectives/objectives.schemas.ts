// The objective form: a title, what success looks like, the objective it supports, its key
// results (metrics) and the roadmap items that serve it. Every problem is reported at once, and
// what was typed is kept.
import { z } from 'zod'
import { FormProblems, formText, readChoice, readChoices, readText, type FormResult } from '../platform/forms.ts'
import { MAX_KEY_RESULTS } from './objectives.service.ts'
import type { ObjectiveInput } from './objectives.types.ts'

export const OBJECTIVE_FIELDS = ['title', 'description', 'parentId', 'metricIds', 'itemIds'] as const

const texts = z.object({
  title: formText(z.string().min(1, 'Enter the objective').max(200, 'The objective must be 200 characters or fewer')),
  description: formText(z.string().max(2000, 'Why it matters must be 2,000 characters or fewer')),
})

/** What the form offers: the ids of each list, to refuse anything else. */
export interface ObjectiveOptions {
  parentIds: readonly string[]
  metricIds: readonly string[]
  itemIds: readonly string[]
}

export function readObjective(body: unknown, options: ObjectiveOptions): FormResult<ObjectiveInput> {
  const problems = new FormProblems()
  const text = problems.parse(texts, body)
  const parent = readChoice(body, 'parentId', ['none', ...options.parentIds])
  if (parent === undefined && options.parentIds.length > 0)
    problems.add('parentId', 'Choose the objective it supports, or ‘None of these’')
  const metrics = readChoices(body, 'metricIds', options.metricIds)
  if (metrics.unknown.length) problems.add('metricIds', 'Choose metrics from the list')
  else if (metrics.chosen.length === 0) problems.add('metricIds', 'Choose at least one metric as a key result')
  else if (metrics.chosen.length > MAX_KEY_RESULTS)
    problems.add('metricIds', `Choose no more than ${MAX_KEY_RESULTS} key results`)
  const items = readChoices(body, 'itemIds', options.itemIds)
  if (items.unknown.length) problems.add('itemIds', 'Choose roadmap items from the list')
  const value: ObjectiveInput | undefined = text && {
    title: text.title,
    description: text.description,
    parentId: parent === undefined || parent === 'none' ? null : parent,
    metricIds: metrics.chosen,
    itemIds: items.chosen,
  }
  return problems.result(OBJECTIVE_FIELDS, value, body)
}

/** The version the form was opened at; -1 when it is missing or not a number (never matches). */
export function readVersion(body: unknown): number {
  const n = Number(readText(body, 'version', 12))
  return Number.isInteger(n) && n >= 0 ? n : -1
}
