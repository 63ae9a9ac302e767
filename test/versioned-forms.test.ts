// Every versioned form answers a save that lost the race in the same way: status 409, the error
// summary, what the person typed kept in the form, the latest saved version shown, and the form
// now based on that version so that sending it again is a deliberate choice. The goal, 1:1,
// check-in, profile, account, settings and page-editing forms are held to this beside their own
// routes; these are the handbook's other two: accepting a suggestion and deleting a page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, Agent, addPerson, buildTestApp, formFields, setUpInstallation, type TestContext } from './build-test-app.ts'

describe('versioned handbook forms after someone else saved the page', () => {
  let ctx: TestContext
  let editor: Agent
  let other: Agent
  let member: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    const admin = await setUpInstallation(ctx)
    editor = await addPerson(ctx, admin, 'editor', 'Eve Editor')
    other = await addPerson(ctx, admin, 'editor', 'Oscar Other')
    member = await addPerson(ctx, admin, 'member', 'Mia Member')
  })
  afterAll(() => ctx.close())

  /** Someone else saves a new version of the page, adding a line of their own. */
  async function otherSaves(slug: string, line: string) {
    const fields = formFields((await other.get(`/handbook/${slug}/edit`)).body, `/handbook/${slug}/edit`)
    const saved = await other.post(`/handbook/${slug}/edit`, {
      ...fields,
      body: `${String(fields.body)}\n\n${line}`,
      action: 'save',
    })
    expect(saved.statusCode).toBe(303)
  }

  it('accepting a suggestion: 409, the text the reviewer typed kept, the form based on the latest page', async () => {
    const suggest = formFields((await member.get('/handbook/saying-no/suggest')).body, '/handbook/saying-no/suggest')
    const sent = await member.post('/handbook/saying-no/suggest', {
      ...suggest,
      body: `${String(suggest.body)}\n\nA suggested line.`,
      reason: 'It was missing.',
      action: 'send',
    })
    expect(sent.statusCode).toBe(303)
    const url = sent.headers.location as string
    const review = formFields((await editor.get(url)).body, `${url}/accept`)
    const openedAt = Number(review.pageVersion)

    await otherSaves('saying-no', 'Their later line.')
    const typed = `${String(review.body)}\n\nThe reviewer's correction.`
    const stale = await editor.post(`${url}/accept`, { ...review, body: typed })

    expect(stale.statusCode).toBe(409)
    const page = $(stale.body)
    expect(page('title').text()).toMatch(/^Error: /)
    expect(page('.govuk-error-summary').text()).toContain('Oscar Other changed the page while you were reviewing')
    expect(page('textarea[name="body"]').text()).toBe(typed)
    expect(page('input[name="pageVersion"]').attr('value')).toBe(String(openedAt + 1))
    expect(page('main').text()).toContain('Their later line.')
    // Nothing was written, and the suggestion is still open.
    expect($((await member.get('/handbook/saying-no')).body)('.app-prose').text()).not.toContain('A suggested line.')

    // Sent again as it stands, it would undo their later line: refused until it is kept, or the
    // editor says they mean to remove it.
    const again = await editor.post(`${url}/accept`, formFields(stale.body, `${url}/accept`))
    expect(again.statusCode).toBe(400)
    expect($(again.body)('main').text()).toContain('Their later line.')
    const kept = await editor.post(`${url}/accept`, {
      ...formFields(again.body, `${url}/accept`),
      body: `${typed}\n\nTheir later line.`,
    })
    expect(kept.statusCode).toBe(303)
    const text = $((await member.get('/handbook/saying-no')).body)('.app-prose').text()
    expect(text).toContain("The reviewer's correction.")
  })

  it('deleting a page: 409, the latest version shown, and the page kept until the editor confirms again', async () => {
    const confirm = formFields(
      (await editor.get('/handbook/metrics-and-hypotheses/delete')).body,
      '/handbook/metrics-and-hypotheses/delete',
    )
    await otherSaves('metrics-and-hypotheses', 'Their late addition.')
    const stale = await editor.post('/handbook/metrics-and-hypotheses/delete', confirm)

    expect(stale.statusCode).toBe(409)
    const page = $(stale.body)
    expect(page('main').text()).toContain('The page changed since you opened it')
    expect(page('main').text()).toContain('saved by Oscar Other')
    expect(page('input[name="baseVersion"]').attr('value')).toBe(String(Number(confirm.baseVersion) + 1))
    expect((await member.get('/handbook/metrics-and-hypotheses')).statusCode).toBe(200)

    const again = await editor.post(
      '/handbook/metrics-and-hypotheses/delete',
      formFields(stale.body, '/handbook/metrics-and-hypotheses/delete'),
    )
    expect(again.statusCode).toBe(303)
    expect((await member.get('/handbook/metrics-and-hypotheses')).statusCode).toBe(404)
  })
})
