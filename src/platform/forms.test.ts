import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ConflictError, ForbiddenError, StaleVersionError, ValidationError } from './errors.ts'
import { formErrors, formText, parseForm, saveVersioned, type FormErrors } from './forms.ts'

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
