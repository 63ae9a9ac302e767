// The composition root's product: every service, built once in app.ts and handed to the route
// plugins. No container, no magic: this interface is the table of contents.
import type { AccountsService } from './accounts/accounts.service.ts'
import type { AuditService } from './audit/audit.service.ts'
import type { Config } from './config.ts'
import type { Db } from './db/connect.ts'
import type { DevelopmentService } from './development/development.service.ts'
import type { FrameworkService } from './framework/framework.service.ts'
import type { HandbookService } from './handbook/handbook.service.ts'
import type { OrganisationService } from './organisation/organisation.service.ts'
import type { PathwayService } from './pathway/pathway.service.ts'
import type { ProfessionService } from './profession/profession.service.ts'
import type { PeopleService } from './people/people.service.ts'
import type { SessionManager } from './platform/auth/session.ts'
import type { Clock } from './platform/clock.ts'
import type { ViewEnvironment } from './platform/http/views.ts'
import type { SetupService } from './setup/setup.service.ts'

export interface Services {
  readonly config: Config
  readonly db: Db
  readonly clock: Clock
  readonly views: ViewEnvironment
  readonly sessions: SessionManager
  readonly audit: AuditService
  readonly organisation: OrganisationService
  readonly accounts: AccountsService
  readonly setup: SetupService
  readonly handbook: HandbookService
  readonly people: PeopleService
  readonly framework: FrameworkService
  readonly development: DevelopmentService
  readonly pathway: PathwayService
  readonly profession: ProfessionService
  readonly signInRateLimit: number
}
