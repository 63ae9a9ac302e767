// The handbook's services on both engines, wired as src/app.ts wires it: real repositories, a real
// audit service, and a clock the tests move.
import { rejection } from '../../../test/assert.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/dialects.ts'
import { handbookWorld, type HandbookWorld } from '../../../test/handbook-world.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import type { Page } from '../handbook.types.ts'

describe.each(DIALECTS)('handbook suggestions on %s', dialect => {
  let { testDb, handbook, editor, other, member, input, auditCount, versionCount, eventsFor } = {} as HandbookWorld
  beforeAll(async () => {
    ;({ testDb, handbook, editor, other, member, input, auditCount, versionCount, eventsFor } =
      await handbookWorld(dialect))
  })
  afterAll(() => testDb.destroy())

  describe('suggestions', () => {
    const body10 = Array.from({ length: 10 }, (_, i) => `Line ${i + 1}`).join('\n')
    const replaceLine = (text: string, n: number, by: string) =>
      text
        .split('\n')
        .map((line, i) => (i === n - 1 ? by : line))
        .join('\n')

    const newPage = (title: string) => handbook.createPage(editor, input({ title, summary: 'Summary', body: body10 }))
    const suggestOn = (page: Page, body: string, reason = 'Clearer') =>
      handbook.suggest(member, page.slug, { title: page.title, summary: page.summary, body, reason }, page.version)

    it('refuses a suggestion that changes nothing', async () => {
      const page = await newPage('Suggest nothing')
      const audits = await auditCount()

      const error = await rejection(suggestOn(page, page.body))

      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors).toHaveProperty('body')
      expect(await handbook.suggestionsBy(member.id)).not.toContainEqual(expect.objectContaining({ pageId: page.id }))
      expect(await auditCount()).toBe(audits)
    })

    it('proposes the suggestion as it is when the page has not changed', async () => {
      const page = await newPage('Suggest unchanged')
      const suggestion = await suggestOn(page, replaceLine(body10, 2, 'Line two, improved'))

      const review = await handbook.review(suggestion.id)

      expect(review.pageChangedSince).toBe(false)
      expect(review.proposedBody).toBe(suggestion.body)
      expect(review.diff.filter(d => d.kind !== 'same')).toEqual([
        { kind: 'removed', text: 'Line 2' },
        { kind: 'added', text: 'Line two, improved' },
      ])
      expect(await eventsFor(suggestion.id)).toEqual(['handbook.suggestion-made'])
      expect((await handbook.openSuggestions()).map(s => s.id)).toContain(suggestion.id)
    })

    it('combines the suggestion with changes made elsewhere in the page since', async () => {
      const page = await newPage('Suggest merged')
      const suggestion = await suggestOn(page, replaceLine(body10, 2, 'Line two, suggested'))
      await handbook.updatePage(
        editor,
        page.slug,
        input({ title: page.title, summary: page.summary, body: replaceLine(body10, 9, 'Line nine, edited') }),
        1,
      )

      const review = await handbook.review(suggestion.id)

      expect(review.pageChangedSince).toBe(true)
      expect(review.proposedBody).toContain('Line two, suggested')
      expect(review.proposedBody).toContain('Line nine, edited')
      expect(review.proposedBody?.split('\n')).toHaveLength(10)
    })

    it('cannot combine changes to the same lines', async () => {
      const page = await newPage('Suggest clash')
      const suggestion = await suggestOn(page, replaceLine(body10, 5, 'Line five, suggested'))
      await handbook.updatePage(
        editor,
        page.slug,
        input({ title: page.title, summary: page.summary, body: replaceLine(body10, 5, 'Line five, edited') }),
        1,
      )

      const review = await handbook.review(suggestion.id)

      expect(review.pageChangedSince).toBe(true)
      expect(review.proposedBody).toBeNull()
    })

    it('keeps an accepted change when a second suggestion changed the same paragraph (issue 10)', async () => {
      const page = await newPage('Two suggestions')
      const first = await suggestOn(page, replaceLine(body10, 4, 'Line four, first suggestion'))
      const second = await suggestOn(page, replaceLine(body10, 4, 'Line four, second suggestion'))
      const accepted = await handbook.acceptSuggestion(editor, first.id, first.body, page.version)

      const review = await handbook.review(second.id)

      // The combine-by-hand box holds both versions between markers, never the second alone.
      expect(review.conflicts).toBe(1)
      expect(review.proposedBody).toBeNull()
      expect(review.mergedBody.split('\n').slice(3, 8)).toEqual([
        '<<<<<<< The page now',
        'Line four, first suggestion',
        '=======',
        'Line four, second suggestion',
        '>>>>>>> The suggestion',
      ])
      // Saving the markers is refused; so is text that drops the accepted line, unless the editor says so.
      const withMarkers = await rejection(
        handbook.acceptSuggestion(editor, second.id, review.mergedBody, accepted.version),
      )
      expect((withMarkers as ValidationError).fieldErrors.body).toContain('conflict markers')
      const undoing = await rejection(handbook.acceptSuggestion(editor, second.id, second.body, accepted.version))
      expect((undoing as ValidationError).fieldErrors.body).toContain('Line four, first suggestion')
      expect((await handbook.page(page.slug)).version).toBe(accepted.version)

      const both = replaceLine(body10, 4, 'Line four, first suggestion, then the second')
      const saved = await handbook.acceptSuggestion(editor, second.id, both, accepted.version)
      expect(saved.body).toBe(both)
    })

    it('lets an editor undo a later change when they say they mean it', async () => {
      const page = await newPage('Undo on purpose')
      const first = await suggestOn(page, replaceLine(body10, 6, 'Line six, first'))
      const second = await suggestOn(page, replaceLine(body10, 6, 'Line six, second'))
      const accepted = await handbook.acceptSuggestion(editor, first.id, first.body, page.version)
      const saved = await handbook.acceptSuggestion(editor, second.id, second.body, accepted.version, {
        undoLaterChanges: true,
      })
      expect(saved.body).toBe(second.body)
    })

    it('accepts a suggestion as a new version credited to the person who suggested it', async () => {
      const page = await newPage('Suggest accepted')
      const suggestion = await suggestOn(page, replaceLine(body10, 3, 'Line three, better'))
      const review = await handbook.review(suggestion.id)

      const saved = await handbook.acceptSuggestion(editor, suggestion.id, review.proposedBody ?? '', page.version)

      expect(saved).toMatchObject({
        version: 2,
        body: suggestion.body,
        updatedBy: member.id,
        updatedByName: 'Mo Member',
      })
      const latest = (await handbook.history(page.slug)).versions[0]
      expect(latest).toMatchObject({
        version: 2,
        createdBy: member.id,
        createdByName: 'Mo Member',
        suggestionId: suggestion.id,
      })
      expect(latest?.changeNote).toContain('Mo Member')
      expect(latest?.changeNote).toContain('Ed Editor')
      expect(await handbook.suggestion(suggestion.id)).toMatchObject({
        status: 'accepted',
        decidedBy: editor.id,
        decidedByName: 'Ed Editor',
        resultingVersion: 2,
      })
      expect(await eventsFor(suggestion.id)).toEqual(['handbook.suggestion-accepted', 'handbook.suggestion-made'])
      expect(await eventsFor(page.id)).toEqual(['handbook.page-updated', 'handbook.page-created'])

      const audits = await auditCount()
      await expect(handbook.acceptSuggestion(editor, suggestion.id, suggestion.body, 2)).rejects.toBeInstanceOf(
        ConflictError,
      )
      expect(await handbook.page(page.slug)).toMatchObject({ version: 2 })
      expect(await auditCount()).toBe(audits)
    })

    it('records the reason when a suggestion is declined, and decides it only once', async () => {
      const page = await newPage('Suggest declined')
      const suggestion = await suggestOn(page, replaceLine(body10, 4, 'Line four, declined'))

      await handbook.declineSuggestion(other, suggestion.id, 'We cover this on another page')

      expect(await handbook.suggestion(suggestion.id)).toMatchObject({
        status: 'declined',
        decisionNote: 'We cover this on another page',
        decidedByName: 'Olu Other',
        resultingVersion: null,
      })
      expect(await handbook.page(page.slug)).toMatchObject({ version: 1, body: body10 })
      await expect(handbook.declineSuggestion(editor, suggestion.id, 'Again')).rejects.toBeInstanceOf(ConflictError)
      await expect(handbook.acceptSuggestion(editor, suggestion.id, suggestion.body, 1)).rejects.toBeInstanceOf(
        ConflictError,
      )
      expect(await handbook.page(page.slug)).toMatchObject({ version: 1, body: body10 })
      expect(await eventsFor(suggestion.id)).toEqual(['handbook.suggestion-declined', 'handbook.suggestion-made'])
      expect((await handbook.openSuggestions()).map(s => s.id)).not.toContain(suggestion.id)
      expect((await handbook.suggestionsBy(member.id)).map(s => s.id)).toContain(suggestion.id)
    })

    it('lets only one of an accept and a decline made at the same time take effect', async () => {
      const page = await newPage('Suggest race')
      const suggestion = await suggestOn(page, replaceLine(body10, 6, 'Line six, raced'))

      const [accepted, declined] = await Promise.allSettled([
        handbook.acceptSuggestion(editor, suggestion.id, suggestion.body, 1),
        handbook.declineSuggestion(other, suggestion.id, 'Not needed'),
      ])

      expect([accepted.status, declined.status].filter(s => s === 'fulfilled')).toHaveLength(1)
      const decided = await handbook.suggestion(suggestion.id)
      const current = await handbook.page(page.slug)
      if (decided.status === 'accepted') {
        expect(current).toMatchObject({ version: 2, body: suggestion.body })
      } else {
        expect(decided.status).toBe('declined')
        expect(current).toMatchObject({ version: 1, body: body10 })
        expect(await versionCount(page.slug)).toBe(1)
        expect(await eventsFor(page.id)).toEqual(['handbook.page-created'])
      }
    })
  })
})
