// A worker process for email.kill.test.ts: it sends like any worker, but when it comes to record a
// send it says "SENT <id>" on stdout and waits, so the test can kill it with SIGKILL right there.
import { connect, type Db } from '../src/db/connect.ts'
import { EmailRepository } from '../src/email/email.repository.ts'
import { emailWorkerFor } from '../src/email/email.runner.ts'
import { buildServices } from '../src/services.ts'
import { testConfig } from './build-test-services.ts'

class StopsBeforeRecording extends EmailRepository {
  override async markSent(_db: unknown, o: { id: string }): Promise<boolean> {
    process.stdout.write(`SENT ${o.id}\n`)
    return new Promise<boolean>(() => undefined)
  }
}

const env = JSON.parse(process.env.CHILD_ENV ?? '{}') as Record<string, string>
const db: Db = process.env.CHILD_PG
  ? connect({ kind: 'postgres', connectionString: process.env.CHILD_PG }, { searchPath: process.env.CHILD_SCHEMA })
  : connect({ kind: 'sqlite', filename: process.env.CHILD_SQLITE ?? '' })
const services = buildServices(
  { db, clock: () => new Date(), config: testConfig(env) },
  { email: new StopsBeforeRecording() },
)
const worker = emailWorkerFor(services, { options: { leaseMs: Number(process.env.CHILD_LEASE_MS ?? 1000) } })
if (!worker) throw new Error('Email is off in the child')
await worker.drain()
