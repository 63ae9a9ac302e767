// npm run db:migrate: brings the configured database up to date and says what it ran.
import { loadConfig } from '../config.ts'
import { connect } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

const config = loadConfig()
const db = connect(config.database)
try {
  const ran = await migrateToLatest(db)
  console.log(ran.length ? `Ran ${ran.length} migration(s): ${ran.join(', ')}` : 'The database is up to date.')
} finally {
  await db.close()
}
