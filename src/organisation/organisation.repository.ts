import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import type { Organisation, OrganisationChanges, Phase, PathwayShape } from './organisation.types.ts'

export const ORGANISATION_ID = 'organisation'

function toOrganisation(row: Database['organisation']): Organisation {
  return {
    name: row.name,
    logoText: row.logo_text,
    brandColour: row.brand_colour,
    pathwayShape: row.pathway_shape as PathwayShape,
    phase: row.phase as Phase,
    feedbackUrl: row.feedback_url,
    publicHandbook: row.public_handbook === 'on',
    version: row.version,
    updatedAt: row.updated_at,
  }
}

export class OrganisationRepository {
  async get(db: Kysely<Database>): Promise<Organisation | null> {
    const row = await db.selectFrom('organisation').selectAll().where('id', '=', ORGANISATION_ID).executeTakeFirst()
    return row ? toOrganisation(row) : null
  }

  async insert(db: Kysely<Database>, org: OrganisationChanges, at: string, by: string | null): Promise<void> {
    await db
      .insertInto('organisation')
      .values({
        id: ORGANISATION_ID,
        name: org.name,
        logo_text: org.logoText,
        brand_colour: org.brandColour,
        pathway_shape: org.pathwayShape,
        phase: org.phase,
        feedback_url: org.feedbackUrl,
        public_handbook: org.publicHandbook ? 'on' : 'off',
        version: 1,
        updated_at: at,
        updated_by: by,
      })
      .execute()
  }

  /** Saves only if nobody saved since expectedVersion was read; says whether it saved. */
  async update(
    db: Kysely<Database>,
    org: OrganisationChanges,
    expectedVersion: number,
    at: string,
    by: string | null,
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'organisation', ORGANISATION_ID, expectedVersion, {
      name: org.name,
      logo_text: org.logoText,
      brand_colour: org.brandColour,
      pathway_shape: org.pathwayShape,
      phase: org.phase,
      feedback_url: org.feedbackUrl,
      public_handbook: org.publicHandbook ? 'on' : 'off',
      updated_at: at,
      updated_by: by,
    })
    return saved !== undefined
  }
}
