import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation } from '../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../test/dialects.ts'
import { buildPageInput, insertSection, insertUser } from '../../test/factories.ts'
import { AuditRepository } from '../audit/audit.repository.ts'
import type { Actor } from '../platform/auth/roles.ts'
import { ConflictError, StaleVersionError } from '../platform/errors.ts'
import type { HandbookOwners } from './handbook.owners.ts'
import type { Page, Section } from './handbook.types.ts'
import type { HandbookService } from './handbook.service.ts'

type Person = Actor & { id: string; name: string }

describe.each(DIALECTS)('handbook owners and feedback on %s', dialect => {
  let testDb: TestDb
  let handbook: HandbookService
  let owners: HandbookOwners
  let now = new Date('2026-12-07T10:00:00.000Z')
  const clock = () => {
    now = new Date(now.getTime() + 1)
    return new Date(now)
  }
  let editor: Person
  let owner: Person
  let section: Section
  let other: Section
  let first: Page
  let second: Page
  let third: Page
  const eventsFor = async (subjectId: string) =>
    (await new AuditRepository().list(testDb.db.kysely, {}, 100_000, 0)).events
      .filter(e => e.subjectId === subjectId)
      .map(e => [e.action, e.actorName, e.summary])

  beforeAll(async () => {
    const built = await buildTestServices({ dialect, clock })
    testDb = built.testDb
    ;({ handbook, handbookOwners: owners } = built.services)
    await installOrganisation(built)
    editor = await insertUser(built.db, { name: 'Ed Editor', role: 'editor' })
    owner = await insertUser(built.db, { name: 'Olive Owner', role: 'member' })
    section = await insertSection(built.db, { title: 'Owned section', position: 1 })
    other = await insertSection(built.db, { title: 'Unowned section', position: 2 })
    const page = (title: string, sectionId: string) =>
      handbook.createPage(editor, buildPageInput({ title, sectionId, body: `Text of ${title}.` }))
    first = await page('First owned page', section.id)
    second = await page('Second page', section.id)
    third = await page('Third page', other.id)
  })
  afterAll(() => testDb.destroy())

  it('names owners and review dates, with pages taking their section’s when they have none', async () => {
    const revision = await handbook.revision()
    const set = await owners.set(
      editor,
      { kind: 'section', id: section.id, title: section.title },
      { ownerUserId: null, ownerTeam: 'Standards team', reviewBy: '2027-06-01' },
      0,
    )
    expect(set).toMatchObject({ kind: 'section', ownerTeam: 'Standards team', reviewBy: '2027-06-01', version: 1 })
    await owners.set(
      editor,
      { kind: 'page', id: first.id, title: first.title },
      { ownerUserId: owner.id, ownerTeam: null, reviewBy: '2026-12-01' },
      0,
    )
    expect(await handbook.revision()).toBe(revision + 2)
    expect(await owners.forPage(first)).toMatchObject({
      ownerName: 'Olive Owner',
      ownerFrom: 'own',
      reviewBy: '2026-12-01',
      reviewFrom: 'own',
    })
    expect(await owners.forPage(second)).toMatchObject({
      ownerTeam: 'Standards team',
      ownerFrom: 'section',
      reviewBy: '2027-06-01',
      reviewFrom: 'section',
    })
    expect(await eventsFor(first.id)).toContainEqual([
      'handbook.page-owner-set',
      'Ed Editor',
      'Set the owner of "First owned page" to a person, to review by 2026-12-01',
    ])
  })

  it('refuses a save made from an old version, carrying the owner as it is now', async () => {
    const subject = { kind: 'page' as const, id: second.id, title: second.title }
    await owners.set(editor, subject, { ownerUserId: null, ownerTeam: 'Team A', reviewBy: null }, 0)
    const stale = await owners
      .set(editor, subject, { ownerUserId: null, ownerTeam: 'Team B', reviewBy: null }, 0)
      .catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(StaleVersionError)
    expect((stale as StaleVersionError<{ ownerTeam: string }>).latest).toMatchObject({ ownerTeam: 'Team A' })
    const saved = await owners.set(editor, subject, { ownerUserId: null, ownerTeam: 'Team B', reviewBy: null }, 1)
    expect(saved).toMatchObject({ ownerTeam: 'Team B', version: 2 })
    await expect(
      owners.set(editor, subject, { ownerUserId: null, ownerTeam: 'Team C', reviewBy: null }, 1),
    ).rejects.toBeInstanceOf(StaleVersionError)
  })

  it('shows editors what is overdue for review and what has no owner', async () => {
    const overview = await owners.overview()
    expect(overview.today).toBe('2026-12-07')
    expect(overview.overdue.map(i => i.title)).toEqual(['First owned page'])
    expect(overview.withoutOwner.map(i => i.title)).toEqual(expect.arrayContaining(['Unowned section', 'Third page']))
    expect(overview.withoutOwner.map(i => i.title)).not.toContain('Second page')
    expect(overview.withoutDate.map(i => i.title)).toContain('Third page')
  })

  it('keeps answers without who gave them, sends them to the owner’s queue and counts them by month', async () => {
    await owners.give(first, { useful: true, comment: '' })
    now = new Date('2027-01-15T10:00:00.000Z')
    await owners.give(first, { useful: false, comment: 'The example is out of date.' })
    await owners.give(first, { useful: true, comment: '' })
    await owners.give(third, { useful: false, comment: 'Not about my team.' })

    const mine = await owners.queue({ userId: owner.id })
    expect(mine.map(f => [f.pageTitle, f.useful, f.comment])).toEqual([
      ['First owned page', true, ''],
      ['First owned page', false, 'The example is out of date.'],
      ['First owned page', true, ''],
    ])
    expect(await owners.queue({ team: 'team b' })).toEqual([])
    expect((await owners.queue({ all: true })).map(f => f.pageTitle)).toContain('Third page')
    expect(await owners.teams()).toEqual(['Standards team', 'Team B'])

    expect(await owners.usefulness(first.id)).toEqual({
      months: [
        { month: '2026-12', yes: 1, no: 0 },
        { month: '2027-01', yes: 1, no: 1 },
      ],
      yes: 2,
      no: 1,
    })
    const given = await eventsFor(mine[1]?.id ?? '')
    expect(given).toEqual([['handbook.feedback-given', 'A reader', 'Said "First owned page" was not useful']])

    const answer = await owners.feedback(mine[1]?.id ?? '')
    await owners.markDone(owner, answer)
    expect(await owners.feedback(answer.id)).toMatchObject({ status: 'done', doneByName: 'Olive Owner' })
    await expect(owners.markDone(editor, answer)).rejects.toBeInstanceOf(ConflictError)
  })
})
