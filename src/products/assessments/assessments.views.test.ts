// The assessment presenters: progress, titles, the checklist form as typed, conflicts, the
// strategy page's part and the Markdown export.
import { describe, expect, it } from 'vitest'
import { emptyPoints, type Assessment } from './assessments.types.ts'
import {
  assessmentsMarkdown,
  assessmentsPart,
  assessmentTitle,
  assessmentView,
  checklistFormView,
  checklistValues,
  differences,
  listView,
  progress,
} from './assessments.views.ts'

const make = (o: Partial<Assessment> = {}): Assessment => ({
  id: 'a1',
  productId: 'p1',
  stage: 'end-of-alpha',
  assessOn: '2027-03-12',
  points: emptyPoints(),
  createdAt: '2026-11-24T10:00:00.000Z',
  createdByName: 'Ann',
  updatedAt: '2026-11-25T10:00:00.000Z',
  updatedByName: 'Bob',
  version: 3,
  ...o,
})

const withPoints = () => {
  const points = emptyPoints()
  points[0] = { status: 'met', notes: 'We spoke to 12 people\n# not a heading', evidence: ['problem-statement'] }
  points[1] = { status: 'partly-met', notes: '', evidence: ['gone-part'] }
  points[2] = { status: 'not-met', notes: '', evidence: [] }
  return points
}
const options = [{ slug: 'problem-statement', name: 'Problem statement' }]

describe('assessment presenters', () => {
  it('count progress and name an assessment by its stage and date', () => {
    const a = make({ points: withPoints() })
    expect(progress(a)).toMatchObject({ met: 1, partlyMet: 1, notMet: 1, notStarted: 11, total: 14 })
    expect(progress(a).text).toBe('1 of 14 points met')
    expect(assessmentTitle(a)).toBe('End of alpha, 12 March 2027')
    expect(assessmentTitle(make({ stage: 'before-live', assessOn: null }))).toBe('Before live, no date yet')
  })

  it('show each point with its status and evidence, marking evidence that has gone', () => {
    const view = assessmentView(make({ points: withPoints() }), options)
    expect(view.points).toHaveLength(14)
    expect(view.points[0]).toMatchObject({
      number: 1,
      name: 'Understand users and their needs',
      statusLabel: 'Met',
      tagClass: 'govuk-tag--green',
      evidence: [{ name: 'Problem statement', href: '/products/p1/problem-statement', missing: false }],
    })
    expect(view.points[1]?.evidence).toEqual([{ name: 'gone part (no longer there)', href: null, missing: true }])
  })

  it('fill the checklist from a saved assessment and keep what was typed', () => {
    const values = checklistValues(make({ points: withPoints() }))
    expect(values).toMatchObject({ stage: 'end-of-alpha', version: '3', 'assessOn-day': '12', 'assessOn-month': '3' })
    const form = checklistFormView({ ...values, 'point-3-notes': 'Typed' }, options)
    expect(form.points[0]?.statusItems.find(i => i.checked)?.value).toBe('met')
    expect(form.points[0]?.evidenceItems).toEqual([
      { value: 'problem-statement', text: 'Problem statement', checked: true },
    ])
    // Evidence chosen earlier that no longer exists stays offered and ticked, so a save keeps it.
    expect(form.points[1]?.evidenceItems).toContainEqual({
      value: 'gone-part',
      text: 'gone part (no longer there)',
      checked: true,
    })
    expect(form.points[2]?.notes).toBe('Typed')
    expect(form.points[13]?.statusItems.find(i => i.checked)?.value).toBe('not-started')
    expect(form.stageItems.find(i => i.checked)?.value).toBe('end-of-alpha')
  })

  it('list the points that differ in a conflict', () => {
    const theirs = make({ points: withPoints() })
    const mine = { points: emptyPoints() }
    expect(differences(theirs, mine).map(d => [d.number, d.theirs, d.yours])).toEqual([
      [1, 'Met', 'Not started'],
      [2, 'Partly met', 'Not started'],
      [3, 'Not met', 'Not started'],
    ])
  })

  it('give the list and the strategy part, with the next one due', () => {
    const next = { stage: 'end-of-alpha' as const, assessment: null }
    const list = listView('p1', [make()], next)
    expect(list.next?.href).toBe('/products/p1/assessments/new?stage=end-of-alpha')
    expect(list.rows[0]).toMatchObject({ href: '/products/p1/assessments/a1', progress: '0 of 14 points met' })
    const part = assessmentsPart('p1', [make({ points: withPoints() })], next)
    expect(part).toMatchObject({ slug: 'assessments', empty: false, href: '/products/p1/assessments' })
    expect(part.lines).toEqual(['End of alpha, 12 March 2027: 1 of 14 points met'])
    expect(part.notes).toEqual(['The next assessment due is the end of alpha assessment.'])
    expect(assessmentsPart('p1', [], null)).toMatchObject({ empty: true, notes: [] })
  })

  it('write Markdown with typed text kept as text', () => {
    const section = assessmentsMarkdown([make({ points: withPoints() })], options)
    expect(section.heading).toBe('Service assessments')
    const md = section.lines.join('\n')
    expect(md).toContain('### End of alpha, 12 March 2027')
    expect(md).toContain('1. **Understand users and their needs:** Met')
    expect(md).toContain('   \\# not a heading')
    expect(md).toContain('Evidence: Problem statement')
    expect(assessmentsMarkdown([], options).lines).toContain('None yet.')
  })
})
