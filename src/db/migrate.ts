// Runs the migrations in src/db/migrations, in name order, on either engine. Migrations are
// imported statically so the list is type-checked and works from a bundle as well as from source.
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely'
import type { Db } from './connect.ts'
import * as foundation from './migrations/20261124T1400-foundation.ts'
import * as handbook from './migrations/20261124T1410-handbook.ts'
import * as pathway from './migrations/20261124T1500-pathway.ts'
import * as professionIndexes from './migrations/20261124T1700-profession-indexes.ts'
import * as reliabilityHealthProbe from './migrations/20261204T1800-reliability-health-probe.ts'
import * as signInThrottle from './migrations/20261204T1800-security-sign-in-throttle.ts'
import * as products from './migrations/20261207T0800-products.ts'
import * as metrics from './migrations/20261207T1000-metrics.ts'
import * as roadmap from './migrations/20261207T1010-roadmap.ts'
import * as hypotheses from './migrations/20261207T1020-hypotheses.ts'
import * as assessmentsHealth from './migrations/20261207T1200-assessments-health.ts'
import * as handbookOwnersFeedback from './migrations/20261207T1435-handbook-owners-feedback.ts'
import * as prioritisation from './migrations/20261207T0900-prioritisation.ts'
import * as decisions from './migrations/20261207T0910-decisions.ts'
import * as reviews from './migrations/20261207T0920-reviews.ts'
import * as strategyPageKeys from './migrations/20261207T1300-strategy-page-keys.ts'
import * as objectives from './migrations/20261207T1420-objectives.ts'
import * as email from './migrations/20261207T1400-email.ts'
import * as portfolio from './migrations/20261207T1415-portfolio.ts'
import * as insight from './migrations/20261207T1425-insight.ts'
import * as open from './migrations/20261207T1440-open.ts'
import * as homeTasks from './migrations/20261207T1405-home-tasks.ts'
import * as strategyScope from './migrations/20261207T1500-strategy-scope.ts'
import * as handbookImport from './migrations/20261207T1510-handbook-import.ts'
import * as handbookUpstream from './migrations/20261207T1515-handbook-upstream.ts'
import * as reminders from './migrations/20261207T1520-reminders.ts'
import * as peerFeedback from './migrations/20261207T1525-peer-feedback.ts'
import * as evidence from './migrations/20261207T1530-evidence.ts'
import * as handbookUploads from './migrations/20261207T1600-handbook-uploads.ts'
import * as evidenceMoreExamples from './migrations/20261207T1620-evidence-more-examples.ts'
import * as exampleFlags from './migrations/20261208T0100-example-flags.ts'

const MIGRATIONS: Record<string, Migration> = {
  '20261124T1400-foundation': foundation,
  '20261124T1410-handbook': handbook,
  '20261124T1500-pathway': pathway,
  '20261124T1700-profession-indexes': professionIndexes,
  '20261204T1800-reliability-health-probe': reliabilityHealthProbe,
  '20261204T1800-security-sign-in-throttle': signInThrottle,
  '20261207T0800-products': products,
  '20261207T0900-prioritisation': prioritisation,
  '20261207T0910-decisions': decisions,
  '20261207T0920-reviews': reviews,
  '20261207T1000-metrics': metrics,
  '20261207T1010-roadmap': roadmap,
  '20261207T1020-hypotheses': hypotheses,
  '20261207T1200-assessments-health': assessmentsHealth,
  '20261207T1300-strategy-page-keys': strategyPageKeys,
  '20261207T1420-objectives': objectives,
  '20261207T1400-email': email,
  '20261207T1415-portfolio': portfolio,
  '20261207T1425-insight': insight,
  '20261207T1435-handbook-owners-feedback': handbookOwnersFeedback,
  '20261207T1440-open': open,
  '20261207T1405-home-tasks': homeTasks,
  '20261207T1500-strategy-scope': strategyScope,
  '20261207T1510-handbook-import': handbookImport,
  '20261207T1515-handbook-upstream': handbookUpstream,
  '20261207T1520-reminders': reminders,
  '20261207T1525-peer-feedback': peerFeedback,
  '20261207T1530-evidence': evidence,
  '20261207T1600-handbook-uploads': handbookUploads,
  '20261207T1620-evidence-more-examples': evidenceMoreExamples,
  '20261208T0100-example-flags': exampleFlags,
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Keep Kysely's own bookkeeping tables in the schema we migrate (PostgreSQL looks across
  // schemas otherwise, which breaks several installations or test schemas in one database).
  const migrationTableSchema =
    db.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s
      : undefined
  const migrator = new Migrator({
    db: db.kysely,
    provider: new StaticProvider(),
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter(r => r.status === 'Success').map(r => r.migrationName)
}
