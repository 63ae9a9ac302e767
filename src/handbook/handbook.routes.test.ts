import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, Agent, addPerson, buildTestApp, setUpInstallation, type TestContext } from '../../test/build-test-app.ts'

describe('handbook pages', () => {
  let ctx: TestContext
  let admin: Agent
  let member: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    member = await addPerson(ctx, admin, 'member', 'Mo Member')
  })
  afterAll(() => ctx.close())

  it('lists the starter handbook by section on the contents page', async () => {
    const res = await member.get('/handbook')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('h1').text()).toBe('Handbook')
    expect(page('h3.govuk-heading-m').length).toBe(5)
    expect(page('main a[href^="/handbook/"]').length).toBeGreaterThanOrEqual(30)
  })

  it('shows a page with breadcrumbs, on-this-page, resources, tags and who changed it', async () => {
    const res = await member.get('/handbook/scrum')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('h1').text()).toBe('Scrum')
    expect(page('.govuk-breadcrumbs').text()).toContain('Associate product manager')
    expect(page('nav[aria-labelledby="on-this-page"] li').length).toBeGreaterThan(1)
    expect(page('#resources').length).toBe(1)
    expect(page('[data-testid="last-changed"]').text()).toContain('Ada Admin')
    expect(page('.govuk-pagination__prev, .govuk-pagination__next').length).toBe(2)
  })
})
