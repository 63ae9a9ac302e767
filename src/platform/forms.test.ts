import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ConflictError, ForbiddenError, StaleVersionError, ValidationError } from './errors.ts'
import {
  FormProblems,
  datePartsOf,
  formErrors,
  formText,
  parseForm,
  readChoice,
  readChoices,
  readDateInput,
  readRows,
  readText,
  saveVersioned,
  type FormErrors,
} from './forms.ts'

// A small versioned record and the page a handler would build around it: what the helper is given.
interface Note {
  title: string
  body: string
  version: number
}

const noteSchema = z.object({
  title: formText(z.string().min(1, { message: 'Enter a title' }).max(100, { message: 'Title is too long' })),
  body: formText(z.string().max(2000, { message: 'The note must be 2,000 characters or fewer' })),
  version: z.coerce.number().int(),
})
const FIELDS = ['title', 'body']

interface Page {
  kind: 'form'
  status: number
  errors: FormErrors
  values: Record<string, unknown>
  latest?: Note
}
type Answer = Page | { kind: 'redirect'; location: string }

/** A handler's steps for posting `body`, with a save that does whatever the test says. */
function post(body: Record<string, unknown>, save: (value: z.infer<typeof noteSchema>) => Promise<string>) {
  const page = (o: Omit<Page, 'kind'>): Answer => ({ kind: 'form', ...o })
  return {
    form: parseForm(noteSchema, body, FIELDS),
    save: vi.fn(save),
    invalid: (errors: FormErrors, status: number) => page({ errors, status, values: body }),
    conflict: (latest: Note, value: z.infer<typeof noteSchema>, status: number) =>
      page({
        errors: formErrors({ title: 'Someone else changed this note. Check both versions, then save again' }),
        status,
        values: { ...value, version: latest.version },
        latest,
      }),
    saved: vi.fn((id: string): Answer => ({ kind: 'redirect', location: `/notes/${id}` })),
  }
}

describe('saveVersioned', () => {
  it('shows invalid input again with status 400, the errors in page order and what was typed', async () => {
    const body = { title: '', body: 'x'.repeat(2001), version: '3' }
    const steps = post(body, async () => 'n1')
    const page = await saveVersioned(steps)
    expect(page).toEqual({
      kind: 'form',
      status: 400,
      values: body,
      errors: {
        list: [
          { text: 'Enter a title', href: '#title' },
          { text: 'The note must be 2,000 characters or fewer', href: '#body' },
        ],
        fields: {
          title: { text: 'Enter a title' },
          body: { text: 'The note must be 2,000 characters or fewer' },
        },
      },
    })
    expect(steps.save).not.toHaveBeenCalled()
    expect(steps.saved).not.toHaveBeenCalled()
  })

  it('shows a rule the service refused as invalid input, in the order of the fields given', async () => {
    const body = { title: 'Plan', body: 'Notes', version: '3' }
    const steps = post(body, async () => {
      throw new ValidationError({ body: 'Say what changed', title: 'That title is taken' })
    })
    const page = await saveVersioned({ ...steps, fields: FIELDS })
    expect(page).toMatchObject({ kind: 'form', status: 400, values: body })
    expect((page as Page).errors.list).toEqual([
      { text: 'That title is taken', href: '#title' },
      { text: 'Say what changed', href: '#body' },
    ])
  })

  it('leaves a refused rule to the error pages when the form names no fields', async () => {
    const steps = post({ title: 'Plan', body: '', version: '3' }, async () => {
      throw new ValidationError({ title: 'That title is taken' })
    })
    await expect(saveVersioned(steps)).rejects.toBeInstanceOf(ValidationError)
  })

  it('shows a save that lost the race with status 409: the latest record beside what was typed', async () => {
    const latest: Note = { title: 'Their title', body: 'Their words', version: 4 }
    const steps = post({ title: '  My title ', body: 'My words', version: '3' }, async () => {
      throw new StaleVersionError(latest)
    })
    // No `latest` step: the record the StaleVersionError carries is the one shown.
    const page = await saveVersioned(steps)
    expect(page).toEqual({
      kind: 'form',
      status: 409,
      // What they typed (as read), now based on the version saved since, so saving again is deliberate.
      values: { title: 'My title', body: 'My words', version: 4 },
      latest,
      errors: formErrors({ title: 'Someone else changed this note. Check both versions, then save again' }),
    })
    expect(steps.save).toHaveBeenCalledWith({ title: 'My title', body: 'My words', version: 3 })
    expect(steps.saved).not.toHaveBeenCalled()
  })

  it('lets a plain ConflictError through when nothing says what the latest record is', async () => {
    const steps = post({ title: 'Mine', body: '', version: '8' }, async () => {
      throw new ConflictError('This note has already been archived')
    })
    await expect(saveVersioned(steps)).rejects.toThrow('This note has already been archived')
    expect(steps.saved).not.toHaveBeenCalled()
  })

  it('can look up the latest record when the error does not carry it', async () => {
    const latest: Note = { title: 'Reloaded', body: '', version: 9 }
    const steps = post({ title: 'Mine', body: '', version: '8' }, async () => {
      throw new ConflictError()
    })
    const page = await saveVersioned({
      ...steps,
      latest: async err => (err instanceof ConflictError ? latest : undefined),
    })
    expect(page).toMatchObject({ status: 409, latest, values: { title: 'Mine', version: 9 } })
  })

  it('goes on once saved, with what the save returned and the value saved', async () => {
    const steps = post({ title: 'Plan', body: 'Notes', version: '3' }, async () => 'n1')
    const answer = await saveVersioned(steps)
    expect(answer).toEqual({ kind: 'redirect', location: '/notes/n1' })
    expect(steps.saved).toHaveBeenCalledWith('n1', { title: 'Plan', body: 'Notes', version: 3 })
  })

  it('lets the page answer other errors itself, and lets the rest through', async () => {
    const moved = new ConflictError('This note has been archived')
    const steps = post({ title: 'Plan', body: '', version: '3' }, async () => {
      throw moved
    })
    const otherwise = (err: unknown): Answer | undefined =>
      err === moved ? { kind: 'redirect', location: '/notes/archived' } : undefined
    // A ConflictError that `latest` does not recognise is not a lost race.
    expect(await saveVersioned({ ...steps, otherwise })).toEqual({ kind: 'redirect', location: '/notes/archived' })

    const forbidden = post({ title: 'Plan', body: '', version: '3' }, async () => {
      throw new ForbiddenError()
    })
    await expect(saveVersioned({ ...forbidden, otherwise })).rejects.toBeInstanceOf(ForbiddenError)
  })
})

describe('form readers', () => {
  it('reads text as typed: the first of a repeated key, trimmed, empty when missing', () => {
    expect(readText({ name: '  Ada \r\nLovelace ' }, 'name')).toBe('Ada \nLovelace')
    expect(readText({ name: ['first', 'second'] }, 'name')).toBe('first')
    expect(readText({}, 'name')).toBe('')
    expect(readText(null, 'name')).toBe('')
    expect(readText({ name: 'abcdef' }, 'name', 3)).toBe('abc')
  })

  it('reads one choice only when it is offered', () => {
    const colours = ['red', 'green'] as const
    expect(readChoice({ colour: 'green' }, 'colour', colours)).toBe('green')
    expect(readChoice({ colour: 'blue' }, 'colour', colours)).toBeUndefined()
    expect(readChoice({ colour: ['red', 'green'] }, 'colour', colours)).toBe('red')
  })

  it('reads checkboxes once each, and names any value that was not offered', () => {
    expect(readChoices({ skills: ['a', 'b', 'a', ''] }, 'skills')).toEqual({ chosen: ['a', 'b'], unknown: [] })
    expect(readChoices({ skills: 'a' }, 'skills', ['a'])).toEqual({ chosen: ['a'], unknown: [] })
    expect(readChoices({ skills: ['a', 'x'] }, 'skills', ['a'])).toEqual({ chosen: ['a', 'x'], unknown: ['x'] })
    expect(readChoices({}, 'skills').chosen).toEqual([])
  })

  it('reads repeated rows that have something in them, keeping their numbers', () => {
    const body = {
      'links-0-title': 'First',
      'links-0-url': 'https://example.com',
      'links-1-title': ' ',
      'links-2-url': 'https://example.org',
      'links-9-title': 'Beyond the limit',
    }
    expect(readRows(body, 'links', ['title', 'url'], 5)).toEqual([
      { index: 0, row: { title: 'First', url: 'https://example.com' } },
      { index: 2, row: { title: '', url: 'https://example.org' } },
    ])
  })
})

describe('GOV.UK date input reader', () => {
  const date = (day: string, month: string, year: string) => ({ 'due-day': day, 'due-month': month, 'due-year': year })
  const rules = { label: 'The date the goal is due by' }

  it('reads a real date into ISO, and an empty optional one as null', () => {
    expect(readDateInput(date('7', '03', '2027'), 'due', rules)).toMatchObject({ ok: true, value: '2027-03-07' })
    expect(readDateInput(date('29', '2', '2028'), 'due', rules)).toMatchObject({ ok: true, value: '2028-02-29' })
    expect(readDateInput(date('', '', ''), 'due', { ...rules, required: false })).toMatchObject({
      ok: true,
      value: null,
    })
  })

  it('gives the design system’s messages and marks the boxes that are wrong', () => {
    const read = (d: Record<string, string>, r: Parameters<typeof readDateInput>[2] = rules) =>
      readDateInput(d, 'due', r)
    expect(read(date('', '', ''))).toMatchObject({
      ok: false,
      message: 'Enter the date the goal is due by',
      bad: ['day', 'month', 'year'],
    })
    expect(read(date('', '', ''), { label: 'The due date', enter: 'the date the action is due by' })).toMatchObject({
      message: 'Enter the date the action is due by',
    })
    expect(read(date('1', '', ''))).toMatchObject({
      message: 'The date the goal is due by must include a month and year',
      bad: ['month', 'year'],
    })
    expect(read(date('1', '', '2027'))).toMatchObject({
      message: 'The date the goal is due by must include a month',
      bad: ['month'],
    })
    expect(read(date('1', '2', '27'))).toMatchObject({ message: 'Year must include 4 numbers', bad: ['year'] })
    expect(read(date('29', '2', '2027'))).toMatchObject({ message: 'The date the goal is due by must be a real date' })
    expect(read(date('1', 'two', '2027'))).toMatchObject({ message: 'The date the goal is due by must be a real date' })
    expect(read(date('001', '2', '2027'))).toMatchObject({ ok: false })
  })

  it('checks the caller’s limits in order once the date is real', () => {
    const limits = [
      {
        min: '2000-01-01',
        max: '2100-12-31',
        message: 'Must be between the years 2000 and 2100',
        parts: ['year'] as const,
      },
      { min: '2026-12-04', message: 'Must be today or in the future' },
    ]
    expect(readDateInput(date('1', '1', '1999'), 'due', { ...rules, limits })).toMatchObject({
      message: 'Must be between the years 2000 and 2100',
      bad: ['year'],
    })
    expect(readDateInput(date('3', '12', '2026'), 'due', { ...rules, limits })).toMatchObject({
      message: 'Must be today or in the future',
      bad: ['day', 'month', 'year'],
    })
    expect(readDateInput(date('4', '12', '2026'), 'due', { ...rules, limits })).toMatchObject({
      ok: true,
      value: '2026-12-04',
    })
  })

  it('keeps what was typed and round-trips ISO dates through the boxes', () => {
    expect(readDateInput(date(' 31 ', 'x', '2027'), 'due', rules).parts).toEqual({
      day: '31',
      month: 'x',
      year: '2027',
    })
    expect(datePartsOf('2027-03-07')).toEqual({ day: '7', month: '3', year: '2027' })
    expect(datePartsOf(null)).toEqual({ day: '', month: '', year: '' })
  })
})

describe('FormResult', () => {
  const schema = z.object({ title: formText(z.string().min(1, { message: 'Enter a title' })) })

  it('gives the value and the typed values when the form is good', () => {
    expect(parseForm(schema, { title: ' Hi ' }, ['title'])).toEqual({
      ok: true,
      value: { title: 'Hi' },
      values: { title: ' Hi ' },
    })
  })

  it('collects every problem at once, in page order, linking a date to its first wrong box', () => {
    const body = { title: '', 'due-day': '1', 'due-month': '', 'due-year': '' }
    const problems = new FormProblems()
    const data = problems.parse(schema, body)
    const due = problems.date('due', readDateInput(body, 'due', { label: 'The due date' }))
    problems.add('title', 'A second message for the title is not shown')
    const result = problems.result(['due', 'title'], data && due ? { ...data, due } : undefined, body)
    expect(result.ok).toBe(false)
    expect(result.errors?.list).toEqual([
      { text: 'The due date must include a month and year', href: '#due-month' },
      { text: 'Enter a title', href: '#title' },
    ])
    expect(result.errors?.fields.title).toEqual({ text: 'Enter a title' })
    expect(result.errors?.dates).toEqual({ due: ['month', 'year'] })
    expect(result.values).toBe(body)
  })

  it('is not ok when nothing was made, even with no messages', () => {
    const result = new FormProblems().result([], undefined, {})
    expect(result.ok).toBe(false)
    expect(result.errors?.list).toHaveLength(1)
  })
})
