// One log line for each request that did not succeed. Fastify's own request logging writes two
// lines for every request at info ("incoming request", "request completed"), which cost more
// than serving a cached page; it is turned off in buildApp (disableRequestLogging), and this
// logs what is worth reading: requests answered 400 or above at info, and, at debug, every one.
import type { FastifyInstance } from 'fastify'

export function requestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode
    if (status >= 400) {
      request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
    } else {
      // pino makes a level below the one set a no-op, so this costs nothing at info.
      request.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
    }
    done()
  })
}
