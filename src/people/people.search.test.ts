// Finding people on both engines: by words of their name or email address (any case, wildcards
// taken as text), by line manager and account role, with the other filters, a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { PeopleRepository, searchWords } from './people.repository.ts'
import type { PeopleFilter, ProfileChanges } from './people.types.ts'

const repo = new PeopleRepository()
const AT = '2026-11-24T10:00:00.000Z'

const profile = (overrides: Partial<ProfileChanges> = {}): ProfileChanges => ({
  careerRole: 'product-manager',
  lineManagerId: null,
  associateOfId: null,
  businessArea: 'Benefits',
  group: 'Claims',
  dateIntoRole: '2024-01-01',
  headOfProfession: false,
  oneToOneCadenceDays: 28,
  ...overrides,
})

describe('searchWords', () => {
  it('splits a search into at most six lower-case words', () => {
    expect(searchWords('  Ada   LOVELACE ')).toEqual(['ada', 'lovelace'])
    expect(searchWords('a b c d e f g h')).toHaveLength(6)
    expect(searchWords('')).toEqual([])
  })
})

describe.each(DIALECTS)('finding people on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely
  const ids: Record<string, string> = {}
  const names = async (filter: PeopleFilter) => (await repo.listPage(db(), filter, 50, 0)).people.map(p => p.name)

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
    const add = async (key: string, name: string, email: string, role: 'member' | 'leader' = 'member') => {
      const user = await insertUser(db(), { name, email, role })
      ids[key] = user.id
    }
    await add('mo', 'Mo Manager', 'mo.manager@example.gov.uk', 'leader')
    await add('ada', 'Ada Lovelace', 'ada.l@example.gov.uk')
    await add('grace', 'Grace Hopper', 'g.hopper@tax.example.gov.uk')
    await add('odd', 'Percy 100%_Done', 'percy@example.gov.uk')
    await add('nobody', 'Ada Outsider', 'outsider@example.gov.uk')
    await repo.insertProfile(db(), ids.mo ?? '', profile({ careerRole: 'senior-product-manager' }), AT)
    await repo.insertProfile(db(), ids.ada ?? '', profile({ lineManagerId: ids.mo ?? null }), AT)
    await repo.insertProfile(
      db(),
      ids.grace ?? '',
      profile({ businessArea: 'Tax', lineManagerId: ids.mo ?? null, careerRole: 'associate-product-manager' }),
      AT,
    )
    await repo.insertProfile(db(), ids.odd ?? '', profile(), AT)
  })
  afterAll(() => testDb.destroy())

  it('finds people by any part of their name or email address, whatever the case', async () => {
    expect(await names({ q: 'ada' })).toEqual(['Ada Lovelace', 'Ada Outsider'])
    expect(await names({ q: 'LOVE' })).toEqual(['Ada Lovelace'])
    expect(await names({ q: 'tax.example' })).toEqual(['Grace Hopper'])
    // Every word must match, in the name or the email address.
    expect(await names({ q: 'ada lovelace' })).toEqual(['Ada Lovelace'])
    expect(await names({ q: 'ada hopper' })).toEqual([])
  })

  it('takes % and _ as themselves, not as wildcards', async () => {
    expect(await names({ q: '100%_' })).toEqual(['Percy 100%_Done'])
    expect(await names({ q: '%' })).toEqual(['Percy 100%_Done'])
    expect(await names({ q: '_' })).toEqual(['Percy 100%_Done'])
  })

  it('filters by line manager, account role, area and profile, together with a search', async () => {
    expect(await names({ lineManagerId: ids.mo ?? '' })).toEqual(['Ada Lovelace', 'Grace Hopper'])
    expect(await names({ lineManagerId: ids.mo ?? '', businessArea: 'Tax' })).toEqual(['Grace Hopper'])
    expect(await names({ lineManagerId: ids.mo ?? '', q: 'ada' })).toEqual(['Ada Lovelace'])
    expect(await names({ accountRole: 'leader' })).toEqual(['Mo Manager'])
    expect(await names({ withProfileOnly: true, q: 'ada' })).toEqual(['Ada Lovelace'])
    expect(await names({ withoutProfileOnly: true, q: 'ada' })).toEqual(['Ada Outsider'])
  })

  it('counts every match while reading one page', async () => {
    const page = await repo.listPage(db(), { q: 'example' }, 2, 2)
    expect(page.total).toBe(5)
    expect(page.people.map(p => p.name)).toEqual(['Grace Hopper', 'Mo Manager'])
  })

  it('offers as line managers only people who manage someone, in the area if one is given', async () => {
    expect((await repo.lineManagers(db(), undefined)).map(m => m.name)).toEqual(['Mo Manager'])
    expect((await repo.lineManagers(db(), 'Tax')).map(m => m.name)).toEqual(['Mo Manager'])
    expect(await repo.lineManagers(db(), 'Housing')).toEqual([])
  })
})
