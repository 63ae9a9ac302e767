// Presenters for working in the open: the publish form's rows (a field per part of the strategy,
// each with a box to hold it back and a reason), the publication's status, and the public page.
import { createHash } from 'node:crypto'
import { formatDate, formatDateTime } from '../platform/dates.ts'
import type { FormErrors } from '../platform/forms.ts'
import {
  FEEDBACK_SOMETHING_ELSE,
  FEEDBACK_WHOLE_ROADMAP,
  type Publication,
  type PublishableField,
  type PublishedProblem,
  type PublishedVersion,
  type Withheld,
} from './open.types.ts'

export const openHref = (slug: string) => `/open/${slug}`
export const publishHref = (productId: string, rest = '') => `/products/${productId}/publish${rest}`

const PREVIEW = 240

/** What the publish form was given: which fields to hold back, and why. */
export interface PublishForm {
  withhold: Map<string, string>
  values: Record<string, string | string[]>
  /** Whether the parts it was drawn from are the parts there are now (same keys, same text). */
  current: boolean
}

/** A short fingerprint of the parts a form offered: a form drawn from other parts must not publish. */
export const fieldsDigest = (fields: readonly PublishableField[]) =>
  createHash('sha256')
    .update(JSON.stringify(fields.map(f => [f.key, f.text])))
    .digest('base64url')
    .slice(0, 22)

/**
 * Reads the publish form against the parts there are now. Each row posts its part's key, so a
 * choice follows its part even when parts were added or removed since the form was drawn.
 */
export function readPublishForm(body: unknown, fields: readonly PublishableField[]): PublishForm {
  const posted = (body ?? {}) as Record<string, unknown>
  const text = (name: string, max: number) => {
    const value = posted[name]
    return typeof value === 'string' ? value.slice(0, max) : ''
  }
  const byKey = new Map<string, { held: boolean; reason: string }>()
  for (const name of Object.keys(posted)) {
    const row = /^key-(\d{1,4})$/.exec(name)?.[1]
    if (row === undefined) continue
    const key = text(name, 300)
    byKey.set(key, { held: text(`hold-${row}`, 300) === key, reason: text(`reason-${row}`, 2000) })
  }
  const withhold = new Map<string, string>()
  const values: Record<string, string | string[]> = {}
  fields.forEach((field, i) => {
    const row = byKey.get(field.key)
    values[`reason-${i}`] = row?.reason ?? ''
    if (row?.held) {
      values[`hold-${i}`] = field.key
      withhold.set(field.key, row.reason)
    }
  })
  return { withhold, values, current: text('digest', 100) === fieldsDigest(fields) }
}

/** The form's first values: each part held back last time is held back again, for the same reason. */
export function heldBefore(fields: readonly PublishableField[], withheld: readonly Withheld[]) {
  const reasons = new Map(withheld.map(w => [w.key, w.reason]))
  const values: Record<string, string> = {}
  fields.forEach((field, i) => {
    const reason = reasons.get(field.key)
    if (reason === undefined) return
    values[`hold-${i}`] = field.key
    values[`reason-${i}`] = reason
  })
  return values
}

/** The service's messages (by field key) as the form's errors (by row), every one at once. */
export function publishErrors(messages: Record<string, string>, fields: readonly PublishableField[]): FormErrors {
  const rowOf = new Map(fields.map((f, i) => [`reason-${f.key}`, `reason-${i}`]))
  const list: { text: string; href: string }[] = []
  const byField: Record<string, { text: string }> = {}
  for (const [key, text] of Object.entries(messages)) {
    const id = rowOf.get(key) ?? 'hold-0'
    list.push({ text, href: `#${id}` })
    byField[id] = { text }
  }
  return { list, fields: byField }
}

export function publishRows(fields: readonly PublishableField[], values: Record<string, string | string[]>) {
  return fields.map((f, i) => ({
    n: i,
    key: f.key,
    label: f.label,
    preview: f.text.length > PREVIEW ? `${f.text.slice(0, PREVIEW - 1)}…` : f.text,
    held: values[`hold-${i}`] === f.key,
    reason: String(values[`reason-${i}`] ?? ''),
  }))
}

export function publicationStatus(publication: Publication | undefined, latest: PublishedVersion | undefined) {
  if (!publication || !latest) return { state: 'never' as const, text: 'It has not been published.' }
  const when = formatDateTime(latest.publishedAt)
  if (publication.withdrawnAt)
    return {
      state: 'withdrawn' as const,
      text: `It was taken down on ${formatDateTime(publication.withdrawnAt)}. Version ${latest.number} was published on ${when}.`,
    }
  return {
    state: 'public' as const,
    text: `Version ${latest.number} has been public since ${when}, published by ${latest.publishedByName}.`,
    href: openHref(publication.slug),
  }
}

export function historyRows(versions: readonly PublishedVersion[]) {
  return versions.map(v => ({
    number: v.number,
    when: formatDateTime(v.publishedAt),
    by: v.publishedByName,
    shown: v.content.groups.reduce((n, g) => n + g.fields.length, 0),
    withheld: v.withheld,
  }))
}

export function publicPageView(version: PublishedVersion) {
  return {
    snapshot: version.content,
    publishedOn: formatDate(version.publishedAt.slice(0, 10)),
    heldBack: version.withheld.length,
  }
}

/**
 * The choice of what public feedback is about, as GOV.UK radios' items: each problem on the
 * published roadmap, then the whole roadmap or something else. Empty when the page shows no
 * problems on a roadmap (the form then asks only for the feedback).
 */
export function feedbackChoices(problems: readonly PublishedProblem[], selected: string) {
  if (problems.length === 0) return []
  const item = (value: string, text: string) => ({ value, text, checked: value === selected })
  return [
    ...problems.map(p => item(p.itemId, p.label)),
    { divider: 'or' },
    item(FEEDBACK_WHOLE_ROADMAP, 'The whole roadmap'),
    item(FEEDBACK_SOMETHING_ELSE, 'Something else'),
  ]
}
