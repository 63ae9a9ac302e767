import { describe, expect, it } from 'vitest'
import { goalPrefillHref, isSafeSourceUrl, parseGoalForm, readGoalPrefill } from './development.schemas.ts'

describe('links to suggested resources', () => {
  it('allows https and handbook pages only', () => {
    expect(isSafeSourceUrl('https://www.gov.uk/service-manual')).toBe(true)
    expect(isSafeSourceUrl('/handbook/scrum')).toBe(true)
    expect(isSafeSourceUrl('/handbook/scrum#the-sprint')).toBe(true)
    for (const bad of [
      'http://example.com',
      'javascript:alert(1)',
      '//evil.example',
      '/handbook/../admin',
      '/admin/people',
      'https://user:pass@example.com',
      'https://example.com/"onmouseover=x',
      'data:text/html,hi',
    ])
      expect(isSafeSourceUrl(bad), bad).toBe(false)
  })

  it('prefills only known skills and safe links, and round-trips through the link builder', () => {
    const href = goalPrefillHref('person-1', {
      skill: 'product-management',
      title: 'Read ‘Scrum’',
      sourceTitle: 'Scrum',
      sourceUrl: '/handbook/scrum',
    })
    const query = Object.fromEntries(new URL(href, 'https://valuekit.test').searchParams)
    expect(readGoalPrefill(query, ['product-management'])).toEqual({
      title: 'Read ‘Scrum’',
      skills: ['product-management'],
      skill: 'product-management',
      sourceTitle: 'Scrum',
      sourceUrl: '/handbook/scrum',
    })
    expect(readGoalPrefill({ ...query, skill: 'retired-skill', sourceUrl: 'javascript:x' }, [])).toEqual({
      title: 'Read ‘Scrum’',
      skills: [],
      skill: null,
      sourceTitle: null,
      sourceUrl: null,
    })
    expect(readGoalPrefill({ title: ['One', 'Two'], sourceUrl: 'https://example.com/a' }, []).sourceTitle).toBe(
      'https://example.com/a',
    )
  })
})

describe('the goal form', () => {
  const body = {
    title: '  Lead a discovery ',
    measure: 'Shared what we learned',
    'dueOn-day': '1',
    'dueOn-month': '2',
    'dueOn-year': '2027',
    skills: 'product-management',
  }

  it('reads a new goal, trimming text and taking a single skill as a list', () => {
    const form = parseGoalForm(body, { skills: ['product-management'], today: '2026-11-24', mode: 'new' })
    expect(form.value).toMatchObject({
      title: 'Lead a discovery',
      dueOn: '2027-02-01',
      skills: ['product-management'],
      status: 'not-started',
      version: null,
    })
  })

  it('refuses a new goal due in the past, and an edit without its version or status', () => {
    const past = parseGoalForm(
      { ...body, 'dueOn-year': '2025' },
      { skills: ['product-management'], today: '2026-11-24', mode: 'new' },
    )
    expect(past.errors?.fields.dueOn?.text).toBe('The date the goal is due by must be today or in the future')
    const edit = parseGoalForm(body, { skills: ['product-management'], today: '2026-11-24', mode: 'edit' })
    expect(edit.ok).toBe(false)
    expect(edit.errors?.list.map(e => e.text)).toEqual([
      'Select the status of the goal',
      'The form is out of date. Reload the page and try again',
    ])
  })
})
