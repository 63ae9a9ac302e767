// What Fastify logs about each request. Its default writes two lines for every request at info
// ("incoming request", "request completed"), which cost more CPU than serving a cached page.
// This keeps one line for each request that did not succeed (400 and above, or an error) at
// info, and logs the others only at debug. buildApp passes it as Fastify's logController.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

export class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    // pino makes a level below the one set a no-op, so this costs nothing at info.
    request.log.debug({ req: request }, 'incoming request')
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) {
      super.requestCompleted(error, request, reply)
      return
    }
    // The request with it: with "incoming request" at debug, this line is the only one saying what was asked.
    if (reply.statusCode >= 400)
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}
