// updateVersioned on both engines: a save from the version still stored changes one row and bumps
// its version; a save from an older version, or of a row that is not there, changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { newId } from '../platform/ids.ts'
import type { Database } from './schema.ts'
import type { Kysely } from 'kysely'
import { updateVersioned } from './versioned.ts'

const at = '2026-12-04T10:00:00.000Z'

describe.each(DIALECTS)('updateVersioned on %s', dialect => {
  let testDb: TestDb
  let db: Kysely<Database>

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
    db = testDb.db.kysely
  })
  afterAll(() => testDb.destroy())

  const versionOf = async (id: string) =>
    (await db.selectFrom('users').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

  it('saves from the version stored: one row changes, its version goes up by one, and the row comes back', async () => {
    const user = await insertUser(db, { name: 'Ada Before' })
    const version = await versionOf(user.id)
    const saved = await updateVersioned(db, 'users', user.id, version, { name: 'Ada After', updated_at: at })
    expect(saved).toMatchObject({ id: user.id, name: 'Ada After', updated_at: at, version: version + 1 })
    expect(saved?.email).toBe(user.email)
    expect(await versionOf(user.id)).toBe(version + 1)
  })

  it('writes nothing and gives undefined when someone saved first', async () => {
    const user = await insertUser(db, { name: 'Bo Original' })
    const version = await versionOf(user.id)
    expect(await updateVersioned(db, 'users', user.id, version, { name: 'Bo First' })).toBeDefined()
    const stale = await updateVersioned(db, 'users', user.id, version, { name: 'Bo Second' })
    expect(stale).toBeUndefined()
    const row = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ name: 'Bo First', version: version + 1 })
  })

  it('gives undefined for a row that is not there', async () => {
    expect(await updateVersioned(db, 'users', newId(), 1, { name: 'Nobody' })).toBeUndefined()
  })

  it('names a row by its own key column where the table has one (people by user_id)', async () => {
    const user = await insertUser(db)
    await db
      .insertInto('people')
      .values({
        user_id: user.id,
        career_role: 'pm',
        line_manager_id: null,
        associate_of_id: null,
        business_area: 'Tax',
        group_name: '',
        date_into_role: null,
        head_of_profession: 'no',
        one_to_one_cadence_days: 30,
        updated_at: at,
        version: 1,
      })
      .execute()
    const saved = await updateVersioned(db, 'people', user.id, 1, { business_area: 'Borders' })
    expect(saved).toMatchObject({ user_id: user.id, business_area: 'Borders', version: 2 })
    expect(await updateVersioned(db, 'people', user.id, 1, { business_area: 'Health' })).toBeUndefined()
  })

  it('changes nothing when a further condition no longer holds, even at the right version', async () => {
    const user = await insertUser(db, { status: 'active' })
    const version = await versionOf(user.id)
    const refused = await updateVersioned(db, 'users', user.id, version, { name: 'Cy' }, { status: ['invited'] })
    expect(refused).toBeUndefined()
    expect(await versionOf(user.id)).toBe(version)
    const saved = await updateVersioned(
      db,
      'users',
      user.id,
      version,
      { name: 'Cy' },
      { status: ['invited', 'active'] },
    )
    expect(saved).toMatchObject({ name: 'Cy', version: version + 1 })
  })

  it('works inside a transaction, and a transaction rolled back keeps the old version', async () => {
    const user = await insertUser(db, { name: 'Di' })
    const version = await versionOf(user.id)
    await expect(
      db.transaction().execute(async trx => {
        expect(await updateVersioned(trx, 'users', user.id, version, { name: 'Di Changed' })).toBeDefined()
        throw new Error('undo')
      }),
    ).rejects.toThrow('undo')
    expect(await versionOf(user.id)).toBe(version)
  })
})
