// The layering rules in eslint.config.js, checked on small files as if they sat in src/: a
// capability never imports another capability's repository (its types and service instead),
// services and repositories never import fastify, and only repositories use Kysely.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname })

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter(m => m.ruleId === 'no-restricted-imports').map(m => m.message)
}

describe('capability boundaries', () => {
  it("refuses another capability's repository, from any depth of a capability's folder", async () => {
    const foreign =
      "import type { PeopleRepository } from '../people/people.repository.ts'\nexport type X = PeopleRepository\n"
    expect(await problems('src/pathway/pathway.service.ts', foreign)).toEqual([
      expect.stringContaining('never its repository'),
    ])
    const deep =
      "import type { PeopleRepository } from '../../people/people.repository.ts'\nexport type X = PeopleRepository\n"
    expect(await problems('src/handbook/routes/editing.routes.ts', deep)).toEqual([
      expect.stringContaining('never its repository'),
    ])
  })

  it("allows a capability's own repository, and another's types and service", async () => {
    const own =
      "import type { PathwayRepository } from './pathway.repository.ts'\n" +
      "import type { Person } from '../people/people.types.ts'\n" +
      "import type { PeopleService } from '../people/people.service.ts'\n" +
      'export type X = PathwayRepository | Person | PeopleService\n'
    expect(await problems('src/pathway/pathway.service.ts', own)).toEqual([])
  })

  it('keeps the HTTP and Kysely rules in capability folders', async () => {
    const http = "import type { FastifyInstance } from 'fastify'\nexport type X = FastifyInstance\n"
    expect(await problems('src/people/people.service.ts', http)).toEqual([expect.stringContaining('HTTP')])
    expect(await problems('src/people/people.repository.ts', http)).toEqual([expect.stringContaining('HTTP')])
    const kysely = "import { sql } from 'kysely'\nexport const x = sql\n"
    expect(await problems('src/people/people.routes.ts', kysely)).toEqual([expect.stringContaining('Kysely')])
    expect(await problems('src/people/people.repository.ts', kysely)).toEqual([])
  })
})
