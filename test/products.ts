// Set-up shared by the route tests of the products capability: a set-up installation whose
// members are added by name, things added through /products/new (or straight through the
// service, when a test needs the thing itself), and the text of a page's error summary.
import type { ProfileChanges } from '../src/people/people.types.ts'
import { SYSTEM_ACTOR } from '../src/platform/auth/roles.ts'
import type { NewProduct, Product } from '../src/products/products.types.ts'
import {
  $,
  addPersonWithId,
  buildTestApp,
  formFields,
  saveTestProfile,
  setUpInstallation,
  type Agent,
  type TestContext,
} from './build-test-app.ts'

/** A member added through the admin pages: their signed-in agent, name, email and account id. */
export type Named = Agent & { name: string; email: string; id: string }

/** The text of a page's error summary (empty when there is none). */
export const errorSummary = (html: string) => $(html)('.govuk-error-summary').text()

export interface ProductWorld {
  ctx: TestContext
  /** The administrator who set the installation up. */
  admin: Agent
  /** Adds a member by name, signed in, with a first profile (see saveTestProfile) when one is given. */
  member(name: string, profile?: Partial<ProfileChanges>): Promise<Named>
}

/** A fresh app on SQLite, set up through its set-up page, ready for members to be added. */
export async function productWorld(): Promise<ProductWorld> {
  const ctx = await buildTestApp()
  const admin = await setUpInstallation(ctx)
  return {
    ctx,
    admin,
    async member(name, profile) {
      const person = await addPersonWithId(ctx, admin, 'member', name)
      if (profile) await saveTestProfile(ctx, person.id, profile)
      return person
    },
  }
}

type ThingFields = { name: string; purpose: string } & Record<string, string | string[]>

/**
 * Adds a thing through /products/new as `agent`: the form's own fields, then a service in beta
 * and growth owned by the agent (when it has an id), then `fields` over them. Throws unless it is
 * saved; returns the thing's path (`/products/<id>`) and id.
 */
export async function addThing(agent: Agent & { id?: string }, fields: ThingFields) {
  const form = await agent.get('/products/new')
  const saved = await agent.post('/products/new', {
    ...formFields(form.body, '/products/new'),
    kind: 'service',
    phase: 'beta',
    stage: 'growth',
    ...(agent.id ? { ownerId: agent.id } : {}),
    ...fields,
  })
  if (saved.statusCode !== 303)
    throw new Error(`Adding a thing failed with ${saved.statusCode}: ${errorSummary(saved.body)}`)
  const path = String(saved.headers.location)
  return { path, id: path.split('/').pop() ?? '' }
}

/**
 * Creates a thing straight through the products service, for tests that need the Product itself:
 * a service in beta and growth with no owner, team, group, area, parent or uses, unless `fields`
 * say otherwise.
 */
export function createThing(
  ctx: TestContext,
  fields: Pick<NewProduct, 'name' | 'purpose'> & Partial<NewProduct>,
): Promise<Product> {
  return ctx.app.services.products.create(SYSTEM_ACTOR, {
    kind: 'service',
    ownerId: null,
    team: '',
    group: '',
    area: '',
    parentId: null,
    uses: [],
    phase: 'beta',
    stage: 'growth',
    ...fields,
  })
}
