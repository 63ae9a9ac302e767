// First run. While no administrator exists, the server prints a one-time set-up link; whoever
// holds it names the organisation, chooses its pathway shape and becomes the first
// administrator. The starter handbook is then loaded as the organisation's own copy, and the
// capability framework they chose (2025 or 2017, with or without the leadership capabilities)
// becomes version 1 of theirs.
import { toCurrentUser, type AccountsService } from '../accounts/accounts.service.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { bundledDocument } from '../framework/framework.document.ts'
import { termsOf } from '../framework/framework.terms.ts'
import type { FrameworkVersions } from '../framework/framework.versions.ts'
import type { HandbookService } from '../handbook/handbook.service.ts'
import type { OrganisationService } from '../organisation/organisation.service.ts'
import { hashPassword, passwordProblem } from '../platform/auth/passwords.ts'
import type { CurrentUser } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { NotFoundError, ValidationError } from '../platform/errors.ts'
import { hashToken, newId, newToken } from '../platform/ids.ts'
import type { SetupRepository } from './setup.repository.ts'
import type { SetupInput } from './setup.schemas.ts'

export const SETUP_PURPOSE = 'setup'
export const SETUP_LINK_HOURS = 24

export class SetupService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: SetupRepository,
    /** The first administrator's account and the set-up link belong to the accounts capability. */
    private readonly accounts: AccountsService,
    private readonly organisation: OrganisationService,
    private readonly handbook: HandbookService,
    private readonly framework: Pick<FrameworkVersions, 'seed'>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async needsSetup(): Promise<boolean> {
    return !(await this.repo.administratorExists(this.db))
  }

  /** A new one-time set-up token, or null when the installation is already set up. */
  async issueSetupToken(): Promise<string | null> {
    if (!(await this.needsSetup())) return null
    const token = newToken()
    const now = this.clock()
    await this.accounts.storeToken(this.db, {
      id: hashToken(token),
      purpose: SETUP_PURPOSE,
      userId: null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000).toISOString(),
    })
    return token
  }

  async isLiveToken(tokenHash: string): Promise<boolean> {
    if (!(await this.needsSetup())) return false
    const token = await this.accounts.findToken(tokenHash, SETUP_PURPOSE)
    return Boolean(token && !token.usedAt && Date.parse(token.expiresAt) > this.clock().getTime())
  }

  async complete(tokenHash: string, input: SetupInput): Promise<CurrentUser> {
    const problem = passwordProblem(input.password, { email: input.adminEmail, name: input.adminName })
    if (problem) throw new ValidationError({ password: problem })
    if (!(await this.isLiveToken(tokenHash))) throw new NotFoundError('This set-up link has expired or has been used')
    const hash = await hashPassword(input.password)
    const at = this.clock().toISOString()
    const adminId = newId()
    const actor = { id: adminId, name: input.adminName }
    await this.db.transaction().execute(async trx => {
      // Checked again inside the transaction: two people racing with two links cannot both win.
      if (
        !(await this.accounts.useOwnerlessToken(trx, tokenHash, SETUP_PURPOSE, at)) ||
        (await this.repo.administratorExists(trx))
      ) {
        throw new NotFoundError('This set-up link has expired or has been used')
      }
      await this.accounts.insertAdministrator(trx, {
        id: adminId,
        email: input.adminEmail,
        name: input.adminName,
        passwordHash: hash,
        at,
      })
      await this.organisation.create(trx, actor, {
        name: input.organisationName,
        logoText: input.logoText || input.organisationName,
        brandColour: input.brandColour,
        pathwayShape: input.pathwayShape,
        phase: 'none',
        feedbackUrl: null,
        publicHandbook: false,
      })
      await this.audit.record(trx, actor, {
        action: 'person.added',
        subjectType: 'person',
        subjectId: adminId,
        summary: `${input.adminName} set up the installation as its first administrator`,
      })
      const choice = { base: input.framework ?? '2025', leadership: input.leadership ?? false }
      await this.handbook.loadStarter(trx, actor, termsOf(1, bundledDocument(choice), input.pathwayShape))
      await this.framework.seed(trx, actor, choice)
    })
    return toCurrentUser(await this.accounts.get(adminId))
  }
}
