import { z } from 'zod'
import { formList, formText, readRows } from '../platform/forms.ts'
import type { Resource } from './handbook.types.ts'

export const MAX_BODY = 200_000
export const RESOURCE_FORMATS = ['Book', 'Article', 'Guide', 'Video', 'Course', 'Podcast', 'Website'] as const
export const MAX_RESOURCES = 30
/** Empty resource rows offered on the edit page, so more can be added without JavaScript. */
export const BLANK_RESOURCE_ROWS = 2

const title = formText(
  z.string().min(1, { message: 'Enter a title' }).max(150, { message: 'Title must be 150 characters or fewer' }),
)
const summary = formText(z.string().max(300, { message: 'Summary must be 300 characters or fewer' }))
const body = formText(
  z
    .string()
    .min(1, { message: 'Enter the page text' })
    .max(MAX_BODY, { message: `Page text must be ${MAX_BODY.toLocaleString('en-GB')} characters or fewer` }),
)

export const pageFormSchema = z.object({
  title,
  summary,
  sectionId: formText(z.string().min(1, { message: 'Select a section' }).max(64)),
  body,
  // Checked against the current framework by the service.
  roles: formList,
  skills: formList,
  changeNote: formText(z.string().max(200, { message: 'Description of your change must be 200 characters or fewer' })),
  baseVersion: formText(
    z.string().regex(/^\d+$/, { message: 'The form is out of date. Reload the page and try again' }),
  )
    .transform(Number)
    .optional(),
  action: formText(z.string().max(20)).optional(),
})

export const PAGE_FIELDS = ['title', 'summary', 'sectionId', 'body', 'roles', 'skills']

export const suggestFormSchema = z.object({
  title,
  summary,
  body,
  reason: formText(
    z
      .string()
      .min(1, { message: 'Say why you suggest this change' })
      .max(1000, { message: 'Reason must be 1,000 characters or fewer' }),
  ),
  baseVersion: formText(
    z.string().regex(/^\d+$/, { message: 'The form is out of date. Reload the page and try again' }),
  ).transform(Number),
  action: formText(z.string().max(20)).optional(),
})

export const SUGGEST_FIELDS = ['title', 'summary', 'body', 'reason']

/** A preview needs only the text: the reason is asked for when the suggestion is sent. */
export const suggestPreviewSchema = suggestFormSchema.extend({
  reason: formText(z.string().max(1000, { message: 'Reason must be 1,000 characters or fewer' })),
})

export const declineSchema = z.object({
  reason: formText(
    z
      .string()
      .min(1, { message: 'Tell the person why you are declining their suggestion' })
      .max(1000, { message: 'Reason must be 1,000 characters or fewer' }),
  ),
})

export const acceptSchema = z.object({
  body,
  pageVersion: formText(z.string().regex(/^\d+$/)).transform(Number),
  /** The editor confirms the text may undo changes made since the suggestion was sent. */
  undoLaterChanges: formText(z.enum(['yes', ''])).transform(v => v === 'yes'),
})

export const sectionSchema = z.object({
  title: formText(
    z
      .string()
      .min(1, { message: 'Enter a section title' })
      .max(120, { message: 'Section title must be 120 characters or fewer' }),
  ),
  summary: formText(z.string().max(300, { message: 'Summary must be 300 characters or fewer' })),
})

export const directionSchema = z.object({
  direction: formText(z.enum(['up', 'down'], { message: 'Choose up or down' })),
})

export const versionSchema = z.object({ baseVersion: formText(z.string().regex(/^\d+$/)).transform(Number) })

const RESOURCE_ROW_FIELDS = ['kind', 'title', 'author', 'format', 'length', 'url'] as const

const resourceRow = z.object({
  kind: z.enum(['reading', 'training']),
  title: z.string().max(200, { message: 'Resource title must be 200 characters or fewer' }),
  author: z.string().max(200, { message: 'Author or provider must be 200 characters or fewer' }),
  format: z.string().max(40),
  length: z.string().max(60, { message: 'Length must be 60 characters or fewer' }),
  url: z.string().max(1000, { message: 'Link must be 1,000 characters or fewer' }),
})

export interface ResourceRows {
  resources: Resource[]
  rows: (Resource & { index: number })[]
  errors: Record<string, string>
}

/** Reads the numbered resource rows of the edit form; a row with no title and no link is blank. */
export function parseResourceRows(bodyValue: unknown): ResourceRows {
  const resources: Resource[] = []
  const rows: (Resource & { index: number })[] = []
  const errors: Record<string, string> = {}
  const posted = readRows(bodyValue, 'resources', RESOURCE_ROW_FIELDS, MAX_RESOURCES + BLANK_RESOURCE_ROWS)
  for (const { index: i, row } of posted) {
    const raw = { ...row, kind: row.kind === 'training' ? 'training' : 'reading' } as Resource
    if (!raw.title && !raw.url && !raw.author && !raw.length) continue
    rows.push({ ...raw, index: i })
    const parsed = resourceRow.safeParse(raw)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      errors[`resources-${i}-${String(issue?.path[0] ?? 'title')}`] = issue?.message ?? 'Check this resource'
      continue
    }
    if (!raw.title) errors[`resources-${i}-title`] = `Enter a title for resource ${rows.length}`
    if (!/^https?:\/\/[^\s]+$/.test(raw.url))
      errors[`resources-${i}-url`] =
        `Enter the link for resource ${rows.length} as a full web address starting with https://`
    if (raw.format && !(RESOURCE_FORMATS as readonly string[]).includes(raw.format))
      errors[`resources-${i}-format`] = 'Select a format from the list'
    resources.push(parsed.data as Resource)
  }
  if (resources.length > MAX_RESOURCES) errors['resources-0-title'] = `A page can list up to ${MAX_RESOURCES} resources`
  return { resources, rows, errors }
}
