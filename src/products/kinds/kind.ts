// What every kind of strategy document is: the one mechanism (stored as versioned JSON, with
// history, a readable diff of any two versions, restore and conflict detection) asks each kind
// only for what differs: its content's schema, how to read its form, its templates, its text by
// section (for diffs, Markdown and print) and its summary for the strategy page. A kind is one
// folder under src/products/kinds/ and one line in kinds/index.ts.
import { z } from 'zod'
import { FormProblems, formValues, readText, type FormResult, type FormValues } from '../../platform/forms.ts'
import { newId } from '../../platform/ids.ts'
import type { ProductMember } from '../products.types.ts'

/** A titled part of a document, as plain text: what diffs, Markdown and print show. */
export interface DocumentSection {
  heading: string
  text: string
}

/** What the strategy page shows of a document. */
export interface DocumentSummary {
  /** Short lines of what it says (already plain text). */
  lines: string[]
  /** Things a reader should notice, such as a pain nothing answers. */
  notes?: string[]
}

/** Anything a kind's form needs beyond its content: the people who can be named in it. */
export interface FormContext {
  people: readonly { id: string; name: string }[]
}

export interface DocumentKind<T = unknown> {
  /** Its address on a thing's strategy, as in /products/:id/<slug>. */
  readonly slug: string
  /** Its name, in sentence case. */
  readonly name: string
  /** Its name inside a sentence, when that is not simply its name in lower case (a proper noun). */
  readonly nameInSentence?: string
  /** One sentence on what it is for, shown before it is written. */
  readonly purpose: string
  /** Guidance shown above the form: a few short paragraphs. */
  readonly guidance: readonly string[]
  readonly schema: z.ZodType<T>
  readonly empty: T
  /** Its templates, relative to src/. The form template gets `values` and `errors`; show gets `content`. */
  readonly templates: { readonly form: string; readonly show: string }
  /** The form's values for a saved document (to fill the form). */
  values(content: T): FormValues
  /** Reads the posted form. `saved` is the content the form was opened on (for row ids). */
  read(body: unknown, saved: T, context: FormContext): FormResult<T>
  /** Its text by section, in page order. */
  sections(content: T, context?: FormContext): DocumentSection[]
  summary(content: T): DocumentSummary
  isEmpty(content: T): boolean
  /** The people in Valuekit the document names as the thing's team (the team onion). */
  members?(content: T): ProductMember[]
  /** Whether the form needs the list of people. */
  readonly needsPeople?: boolean
  /** More for the form template: rows to show, choices. */
  formView?(values: FormValues, saved: T, context: FormContext): Record<string, unknown>
  /** More for the show template, such as the canvas's fit. */
  showView?(content: T): Record<string, unknown>
  /**
   * A text format the document can be read from and downloaded as (a Wardley map's), which
   * gives it two more pages: import (paste the text) and download.
   */
  readonly text?: DocumentText<T>
}

export interface DocumentText<T> {
  /** The format's name, as in "Import from <label>". */
  readonly label: string
  /** The downloaded file's ending, after the thing's name. */
  readonly extension: string
  /** Shown under the box the text is pasted into. */
  readonly hint: string
  /** Reads pasted text; `saved` is the content now (so kept items keep their ids). */
  parse(text: string, saved: T): { ok: true; content: T } | { ok: false; problems: string[] }
  format(content: T): string
}

// ---- Kinds made of text sections -------------------------------------------------------------

export interface TextField {
  readonly name: string
  readonly label: string
  readonly hint: string
  /** Characters allowed. */
  readonly max?: number
  readonly required?: boolean
}

type TextContent<F extends readonly TextField[]> = Record<F[number]['name'], string>

/**
 * A kind whose content is a few named texts, such as a problem statement or a vision board. Its
 * folder supplies the fields, wording and templates; reading, sections and summary come from here.
 */
export function textKind<const F extends readonly TextField[]>(spec: {
  slug: string
  name: string
  purpose: string
  guidance: readonly string[]
  fields: F
  /** The fields the strategy page shows, in order (all by default). */
  summaryFields?: readonly F[number]['name'][]
  templates: { form: string; show: string }
}): DocumentKind<TextContent<F>> & { readonly fields: F } {
  const names = spec.fields.map(f => f.name) as F[number]['name'][]
  const shape = Object.fromEntries(spec.fields.map(f => [f.name, z.string().max(f.max ?? 5000)]))
  const schema = z.object(shape) as unknown as z.ZodType<TextContent<F>>
  const empty = Object.fromEntries(names.map(n => [n, ''])) as TextContent<F>
  const labelOf = (name: string) => spec.fields.find(f => f.name === name)?.label ?? name
  return {
    slug: spec.slug,
    name: spec.name,
    purpose: spec.purpose,
    guidance: spec.guidance,
    fields: spec.fields,
    schema,
    empty,
    templates: spec.templates,
    values: content => ({ ...content }),
    read(body) {
      const problems = new FormProblems()
      const value = {} as Record<string, string>
      for (const f of spec.fields) {
        const text = readText(body, f.name)
        const max = f.max ?? 5000
        if (f.required && text === '') problems.add(f.name, `Enter ${f.label.replace(/\?$/, '').toLowerCase()}`)
        else if (text.length > max)
          problems.add(
            f.name,
            `${f.label.replace(/\?$/, '')} must be ${max.toLocaleString('en-GB')} characters or fewer`,
          )
        value[f.name] = text
      }
      if (problems.empty && Object.values(value).every(v => v === ''))
        problems.add(spec.fields[0]?.name ?? 'form', `Write at least one part of the ${spec.name.toLowerCase()}`)
      return problems.result(names, value as TextContent<F>, body)
    },
    sections: content => spec.fields.map(f => ({ heading: f.label, text: content[f.name as F[number]['name']] ?? '' })),
    summary: content => ({
      lines: (spec.summaryFields ?? names)
        .map(n => ({ n, text: content[n] ?? '' }))
        .filter(x => x.text !== '')
        .map(x => `${labelOf(x.n)} ${x.text}`),
    }),
    isEmpty: content => names.every(n => (content[n] ?? '') === ''),
  }
}

// ---- Lists of items with stable ids ------------------------------------------------------------

/** An item of a list in a document: its id stays the same when its text changes, so links hold. */
export interface Item {
  id: string
  text: string
}

export const itemSchema = z.object({ id: z.string().max(64), text: z.string().max(1000) })

/** How many empty rows a list's form offers below what is saved, to add to without JavaScript. */
export const SPARE_ROWS = 3
/** The most items one list may hold. */
export const MAX_ITEMS = 50

/** Form values for a list: `<list>-<n>-text` and `<list>-<n>-id`. */
export function itemValues(list: string, items: readonly Item[]): FormValues {
  const values: FormValues = {}
  items.forEach((item, n) => {
    values[`${list}-${n}-id`] = item.id
    values[`${list}-${n}-text`] = item.text
  })
  return values
}

/** How many rows of a list the form should show: what was saved or typed, and spare ones. */
export function rowCount(values: FormValues, list: string, extra = SPARE_ROWS): number {
  let last = -1
  for (const key of Object.keys(values)) {
    const match = new RegExp(`^${list}-(\\d+)-`).exec(key)
    if (match) last = Math.max(last, Number(match[1]))
  }
  return Math.min(MAX_ITEMS + extra, last + 1 + extra)
}

/**
 * Reads a list's rows: each row with text becomes an item, keeping its id when the id was one of
 * the saved items' (so text can change without breaking links), or taking a new one.
 */
export function readItems(
  body: unknown,
  list: string,
  saved: readonly Item[],
  problems: FormProblems,
  label: string,
): Item[] {
  return readItemRows(body, list, saved, problems, label).map(r => r.item)
}

/** As readItems, with the number of the row each item came from (for fields beside it). */
export function readItemRows(
  body: unknown,
  list: string,
  saved: readonly Item[],
  problems: FormProblems,
  label: string,
): { n: number; item: Item }[] {
  const known = new Set(saved.map(i => i.id))
  const values = formValues(body)
  const rows: { n: number; item: Item }[] = []
  const count = rowCount(values, list, 0)
  for (let n = 0; n < count; n++) {
    const text = readText(body, `${list}-${n}-text`, 5000)
    if (text === '') continue
    if (text.length > 1000) problems.add(`${list}-${n}-text`, `${label} must be 1,000 characters or fewer`)
    const posted = readText(body, `${list}-${n}-id`, 64)
    rows.push({ n, item: { id: known.has(posted) ? posted : newId(), text: text.slice(0, 1000) } })
  }
  if (rows.length > MAX_ITEMS) problems.add(`${list}-0-text`, `${label}: no more than ${MAX_ITEMS} items`)
  return rows.slice(0, MAX_ITEMS)
}

/** A list as lines of text, for sections and diffs. */
export const itemLines = (items: readonly Item[]): string => items.map(i => `- ${i.text}`).join('\n')

/** A kind's name inside a sentence: "Write the Wardley map", "Write the problem statement". */
export const kindInSentence = (kind: Pick<DocumentKind, 'name' | 'nameInSentence'>): string =>
  kind.nameInSentence ?? kind.name.toLowerCase()
