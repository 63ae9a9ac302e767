// First run. While no administrator exists, the server prints a one-time set-up link; whoever
// holds it names the organisation, chooses its pathway shape and becomes the first
// administrator. The starter handbook is then loaded as the organisation's own copy, and the
// capability framework they chose (2025 or 2017, with or without the leadership capabilities)
// becomes version 1 of theirs.
import type { AccountsRepository } from '../accounts/accounts.repository.ts'
import { toCurrentUser } from '../accounts/accounts.service.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { bundledDocument, type FrameworkService } from '../framework/framework.service.ts'
import { termsOf } from '../framework/framework.terms.ts'
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
    private readonly accountsRepo: AccountsRepository,
    private readonly organisation: OrganisationService,
    private readonly handbook: HandbookService,
    private readonly framework: FrameworkService,
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
    await this.accountsRepo.insertToken(this.db, {
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
    const token = await this.accountsRepo.findToken(this.db, tokenHash, SETUP_PURPOSE)
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
      if (!(await this.accountsRepo.useToken(trx, tokenHash, at)) || (await this.repo.administratorExists(trx))) {
        throw new NotFoundError('This set-up link has expired or has been used')
      }
      await this.accountsRepo.revokeTokens(trx, SETUP_PURPOSE, null, at)
      await this.accountsRepo.insert(trx, {
        id: adminId,
        email: input.adminEmail,
        name: input.adminName,
        role: 'administrator',
        status: 'active',
        passwordHash: hash,
        createdAt: at,
        updatedAt: at,
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
    const user = await this.accountsRepo.findById(this.db, adminId)
    if (!user) throw new Error('The administrator was not saved')
    return toCurrentUser(user)
  }
}
