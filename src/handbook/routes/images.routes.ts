// Images kept with handbook pages, served at an address made from their bytes: the same address always
// has the same bytes, so browsers may keep them for a year. Readable by whoever may read the handbook.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { NotFoundError } from '../../platform/errors.ts'
import type { Services } from '../../services.ts'
import { readingGate } from './shared.ts'

const imageParams = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    name: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$' },
  },
  required: ['id', 'name'],
} as const

export default async function imagesRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { handbook, organisation } = services
  const mayRead = readingGate(services)

  app.get(
    '/handbook/images/:id/:name',
    { config: { access: 'public' }, schema: { params: imageParams } },
    async (request: FastifyRequest<{ Params: { id: string; name: string } }>, reply) => {
      if (!(await mayRead(request, reply))) return reply
      const image = await handbook.image(request.params.id)
      if (!image) throw new NotFoundError('There is no such image')
      const open = (await organisation.get())?.publicHandbook ?? false
      return reply
        .header('content-type', image.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${image.fileName}"`)
        .header('cache-control', `${open ? 'public' : 'private'}, max-age=31536000, immutable`)
        .send(image.bytes)
    },
  )
}
