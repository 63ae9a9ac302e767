import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestContext } from '../../../test/build-test-app.ts'

describe('request log', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await buildTestApp()
  })
  afterAll(() => ctx.close())

  const completed = () =>
    ctx.logs
      .map(line => JSON.parse(line) as { msg?: string; req?: { url?: string }; res?: { statusCode?: number } })
      .filter(entry => entry.msg === 'request completed' || entry.msg === 'incoming request')

  it('writes one line for a request that did not succeed, with its path and status, and none for one that did', async () => {
    ctx.logs.length = 0
    expect((await ctx.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
    expect(completed()).toEqual([])

    expect((await ctx.app.inject({ method: 'GET', url: '/no-such-page' })).statusCode).toBe(404)
    const lines = completed()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { url: '/no-such-page' },
      res: { statusCode: 404 },
    })
  })
})
