// Builds the outbox's worker from the services and the configuration: the server starts one, the
// command line runs one until the outbox is empty, and tests build one with their own transport
// or timings. Null when email is off.
import type { Services } from '../services.ts'
import { transportFor } from './email.transports.ts'
import type { EmailTransport } from './email.types.ts'
import type { EmailWorker, WorkerLog, WorkerOptions } from './email.worker.ts'

export function emailWorkerFor(
  services: Services,
  o: { transport?: EmailTransport; options?: Partial<WorkerOptions>; log?: WorkerLog } = {},
): EmailWorker | null {
  const transport = o.transport ?? transportFor(services.config.email, services.config.baseUrl)
  if (!transport) return null
  return services.email.worker(
    transport,
    services.accounts,
    services.organisation,
    services.config.baseUrl,
    o.options,
    o.log,
  )
}
