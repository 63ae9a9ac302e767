// Presenters for service assessments: pure functions from what the service gives to what the
// templates show, the strategy page's part and the Markdown export. No policy, no database.
import { formatDate } from '../../platform/dates.ts'
import { datePartsOf, type FormErrors, type FormValues } from '../../platform/forms.ts'
import type { StrategyPart } from '../strategy.ts'
import { markdownLine, markdownText, type MarkdownSection } from '../strategy.markdown.ts'
import type { NextAssessment } from './assessments.service.ts'
import {
  ASSESSMENT_STAGES,
  POINT_STATUS_LABELS,
  POINT_STATUSES,
  STAGE_HINTS,
  STAGE_LABELS,
  STANDARD_POINTS,
  type Assessment,
  type EvidenceOption,
  type PointStatus,
} from './assessments.types.ts'

export const assessmentsHref = (productId: string, rest = '') => `/products/${productId}/assessments${rest}`
export const assessmentHref = (a: Pick<Assessment, 'id' | 'productId'>, rest = '') =>
  assessmentsHref(a.productId, `/${a.id}${rest}`)

const STATUS_TAG: Record<PointStatus, string> = {
  'not-started': 'govuk-tag--grey',
  'not-met': 'govuk-tag--red',
  'partly-met': 'govuk-tag--yellow',
  met: 'govuk-tag--green',
}

/** How many points are met, partly met, not met and not started. */
export function progress(a: Pick<Assessment, 'points'>) {
  const count = (s: PointStatus) => a.points.filter(p => p.status === s).length
  const met = count('met')
  const total = STANDARD_POINTS.length
  return {
    met,
    partlyMet: count('partly-met'),
    notMet: count('not-met'),
    notStarted: count('not-started'),
    total,
    text: `${met} of ${total} points met`,
    percent: Math.round((met / total) * 100),
  }
}

/** "End of alpha, 12 March 2027" or "Before live, no date yet". */
export function assessmentTitle(a: Pick<Assessment, 'stage' | 'assessOn'>): string {
  return `${STAGE_LABELS[a.stage]}, ${a.assessOn ? formatDate(a.assessOn) : 'no date yet'}`
}

export function stageItems(chosen: unknown) {
  return ASSESSMENT_STAGES.map(s => ({
    value: s,
    text: STAGE_LABELS[s],
    hint: { text: STAGE_HINTS[s] },
    checked: chosen === s,
  }))
}

/** What is due next, as the pages say it. */
export function nextView(productId: string, next: NextAssessment | null) {
  if (!next) return null
  return {
    label: STAGE_LABELS[next.stage],
    text: `The next assessment due is the ${STAGE_LABELS[next.stage].toLowerCase()} assessment.`,
    href: next.assessment ? assessmentHref(next.assessment) : assessmentsHref(productId, `/new?stage=${next.stage}`),
    linkText: next.assessment ? `Prepare for it: ${progress(next.assessment).text}` : 'Start preparing for it',
    started: next.assessment !== null,
  }
}

/** The list of a thing's assessments. */
export function listView(productId: string, assessments: readonly Assessment[], next: NextAssessment | null) {
  return {
    next: nextView(productId, next),
    rows: assessments.map(a => ({
      href: assessmentHref(a),
      title: assessmentTitle(a),
      progress: progress(a).text,
      updated: `Last changed ${formatDate(a.updatedAt)} by ${a.updatedByName}`,
    })),
  }
}

const evidenceLinks = (productId: string, slugs: readonly string[], options: readonly EvidenceOption[]) =>
  slugs.map(slug => {
    const option = options.find(o => o.slug === slug)
    return option
      ? { name: option.name, href: `/products/${productId}/${slug}`, missing: false }
      : { name: `${slug.replace(/-/g, ' ')} (no longer there)`, href: null, missing: true }
  })

/** One assessment: its progress and each point with its status, notes and evidence. */
export function assessmentView(a: Assessment, options: readonly EvidenceOption[]) {
  return {
    title: assessmentTitle(a),
    stageLabel: STAGE_LABELS[a.stage],
    progress: progress(a),
    points: STANDARD_POINTS.map((point, i) => {
      const record = a.points[i] ?? { status: 'not-started' as const, notes: '', evidence: [] }
      return {
        number: i + 1,
        name: point.name,
        hint: point.hint,
        status: record.status,
        statusLabel: POINT_STATUS_LABELS[record.status],
        tagClass: STATUS_TAG[record.status],
        notes: record.notes,
        evidence: evidenceLinks(a.productId, record.evidence, options),
      }
    }),
  }
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : [])

/** The form's values for a saved assessment. */
export function checklistValues(a: Assessment): FormValues {
  const values: FormValues = { stage: a.stage, version: String(a.version) }
  const parts = datePartsOf(a.assessOn)
  values['assessOn-day'] = parts.day
  values['assessOn-month'] = parts.month
  values['assessOn-year'] = parts.year
  a.points.forEach((p, i) => {
    values[`point-${i + 1}-status`] = p.status
    values[`point-${i + 1}-notes`] = p.notes
    values[`point-${i + 1}-evidence`] = p.evidence
  })
  return values
}

/** The checklist form: each point's radios, notes and evidence checkboxes, as typed. */
export function checklistFormView(values: FormValues, options: readonly EvidenceOption[], errors?: FormErrors) {
  const text = (name: string) => (typeof values[name] === 'string' ? String(values[name]) : '')
  return {
    values,
    errors,
    stageItems: stageItems(values.stage),
    assessOn: { day: text('assessOn-day'), month: text('assessOn-month'), year: text('assessOn-year') },
    hasEvidence: options.length > 0,
    points: STANDARD_POINTS.map((point, i) => {
      const n = i + 1
      const chosen = list(values[`point-${n}-evidence`])
      // Evidence chosen before that no longer exists stays offered, so saving does not lose it.
      const gone = chosen.filter(slug => !options.some(o => o.slug === slug))
      return {
        number: n,
        name: point.name,
        hint: point.hint,
        statusName: `point-${n}-status`,
        notesName: `point-${n}-notes`,
        evidenceName: `point-${n}-evidence`,
        notes: text(`point-${n}-notes`),
        statusItems: POINT_STATUSES.map(s => ({
          value: s,
          text: POINT_STATUS_LABELS[s],
          checked: (text(`point-${n}-status`) || 'not-started') === s,
        })),
        evidenceItems: [
          ...options.map(o => ({ value: o.slug, text: o.name, checked: chosen.includes(o.slug) })),
          ...gone.map(slug => ({ value: slug, text: `${slug.replace(/-/g, ' ')} (no longer there)`, checked: true })),
        ],
        errors: {
          status: errors?.fields[`point-${n}-status`],
          notes: errors?.fields[`point-${n}-notes`],
          evidence: errors?.fields[`point-${n}-evidence`],
        },
      }
    }),
  }
}

/** The points whose status differs between the saved assessment and what was typed: for a conflict. */
export function differences(latest: Assessment, yours: Pick<Assessment, 'points'>) {
  return STANDARD_POINTS.flatMap((point, i) => {
    const theirs = latest.points[i]
    const mine = yours.points[i]
    if (!theirs || !mine || (theirs.status === mine.status && theirs.notes === mine.notes)) return []
    return [
      {
        number: i + 1,
        name: point.name,
        theirs: POINT_STATUS_LABELS[theirs.status],
        theirNotes: theirs.notes,
        yours: POINT_STATUS_LABELS[mine.status],
      },
    ]
  })
}

/** The assessments' part of the strategy page (services only). */
export function assessmentsPart(
  productId: string,
  assessments: readonly Assessment[],
  next: NextAssessment | null,
): StrategyPart {
  const latest = assessments[0]
  const nextNote = nextView(productId, next)
  return {
    slug: 'assessments',
    name: 'Service assessments',
    purpose: 'Get ready for each assessment against the 14 points of the Service Standard.',
    href: assessmentsHref(productId),
    empty: assessments.length === 0,
    lines: assessments.slice(0, 3).map(a => `${assessmentTitle(a)}: ${progress(a).text}`),
    notes: nextNote ? [nextNote.text] : [],
    updatedAt: latest?.updatedAt ?? null,
    updatedByName: latest?.updatedByName ?? null,
  }
}

/** The assessments as Markdown, for the strategy's export. */
export function assessmentsMarkdown(
  assessments: readonly Assessment[],
  options: readonly EvidenceOption[],
): MarkdownSection {
  const out: string[] = []
  if (assessments.length === 0) out.push('None yet.')
  for (const a of assessments) {
    out.push(`### ${assessmentTitle(a)}`, '', `${progress(a).text}.`, '')
    STANDARD_POINTS.forEach((point, i) => {
      const record = a.points[i]
      if (!record) return
      out.push(`${i + 1}. **${point.name}:** ${POINT_STATUS_LABELS[record.status]}`)
      if (record.notes) out.push('', markdownText(record.notes).replace(/^/gm, '   '), '')
      const evidence = record.evidence.map(slug => options.find(o => o.slug === slug)?.name ?? slug)
      if (evidence.length) out.push(`   Evidence: ${markdownLine(evidence.join(', '))}`)
    })
    out.push('', `_Version ${a.version}, last changed by ${a.updatedByName} on ${a.updatedAt.slice(0, 10)}._`, '')
  }
  return { heading: 'Service assessments', lines: out }
}
