// The portfolio: the leaders' views of the things in a group, an area or the whole organisation,
// each row read from the strategies in SQL and judged by the strategy page's own rules; and the
// leadership team's balance of work across the portfolio quadrant, quarter by quarter. Routes
// decide who may (portfolio.policy.ts); this service saves quarters against the version their
// form opened at and records every change in the audit log.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ukToday } from '../platform/dates.ts'
import { StaleVersionError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import { nameGuidance } from '../products/naming/naming.ts'
import {
  WORK_CLASSES,
  quarterLabel,
  quarterOf,
  starvedClasses,
} from '../products/prioritisation/prioritisation.types.ts'
import type { ProductsService } from '../products/products.service.ts'
import { reviewDue } from '../products/reviews/reviews.service.ts'
import type { PortfolioRepository, ThingRecord } from './portfolio.repository.ts'
import type {
  PortfolioCounts,
  PortfolioQuarter,
  PortfolioQuarterRecord,
  Scope,
  ThingFigures,
} from './portfolio.types.ts'

/** Applies the strategy page's rules to one thing's raw figures. */
export function judge(record: ThingRecord, today: string): ThingFigures {
  const { balance, problemStatement, lastReviewOn, ...rest } = record
  return {
    ...rest,
    starved: balance ? starvedClasses(balance, WORK_CLASSES) : null,
    flags: {
      noProblemStatement: !problemStatement,
      reviewDue: reviewDue(lastReviewOn, today).due,
      lastReviewOn,
      nounName: nameGuidance(record) !== null,
    },
  }
}

export class PortfolioService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: PortfolioRepository,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  /** The quarter today falls in, by the UK calendar. */
  currentQuarter(): string {
    return quarterOf(this.today())
  }

  /** Every thing in the scope with its figures, by name. */
  async figures(scope: Scope): Promise<ThingFigures[]> {
    const today = this.today()
    const records = await this.repo.figures(this.db, scope, today, quarterOf(today))
    return records.map(r => judge(r, today))
  }

  /** The areas and groups things are in, with how many things each holds. */
  places(): Promise<{ area: string; group: string; things: number }[]> {
    return this.repo.places(this.db)
  }

  /**
   * Changes whenever anything a leaders' view shows may have changed: any change to any strategy
   * (each is audited against its thing), the catalogue (things, names, owners) or the day (flags
   * for what is stale, and the quarter). Keys the views' page cache; two index look-ups, remembered.
   */
  async viewsVersion(): Promise<string> {
    const [changes, catalogue] = await Promise.all([
      this.audit.lastChangeOfType('product'),
      this.products.catalogueVersion(),
    ])
    return `${changes}|${catalogue}|${this.today()}`
  }

  // ---- The leadership team's balance ----

  quarters(): Promise<PortfolioQuarter[]> {
    return this.repo.quarters(this.db)
  }

  async quarter(quarter: string): Promise<PortfolioQuarterRecord> {
    const record = (await this.repo.findQuarter(this.db, quarter)) ?? null
    return { quarter, record, version: record?.version ?? 0 }
  }

  /**
   * Saves the leadership team's work in a quarter if nobody saved it since expectedVersion (0: not
   * recorded yet), or throws StaleVersionError<PortfolioQuarterRecord>. The worked example marks
   * the quarters it records (`example`); a quarter someone saves after that is theirs.
   */
  async saveQuarter(
    actor: Actor,
    quarter: string,
    input: { counts: PortfolioCounts; note: string },
    expectedVersion: number,
    options: { example?: boolean } = {},
  ): Promise<void> {
    const at = this.clock().toISOString()
    const stale = async (db: DbExecutor) => {
      const record = (await this.repo.findQuarter(db, quarter)) ?? null
      return new StaleVersionError<PortfolioQuarterRecord>(
        { quarter, record, version: record?.version ?? 0 },
        'Someone else changed this quarter',
      )
    }
    try {
      await this.db.transaction().execute(async trx => {
        const existing = await this.repo.findQuarter(trx, quarter)
        if (expectedVersion === 0) {
          if (existing) throw await stale(trx)
          await this.repo.insertQuarter(trx, {
            id: newId(),
            quarter,
            ...input,
            at,
            byName: actor.name,
            example: options.example ?? false,
          })
        } else {
          const saved =
            existing &&
            (await this.repo.updateQuarter(trx, existing.id, expectedVersion, { ...input, at, byName: actor.name }))
          if (!saved) throw await stale(trx)
        }
        await this.audit.record(trx, actor, {
          action: 'portfolio.balance-saved',
          subjectType: 'portfolio',
          subjectId: quarter,
          summary: `Recorded the leadership team’s work in ${quarterLabel(quarter)}`,
        })
      })
    } catch (err) {
      // Two people recording a new quarter at once: the second insert breaks the unique key.
      if (isUniqueViolation(err)) throw await stale(this.db)
      throw err
    }
  }

  /** How many quarters the worked example recorded that nobody has saved since. */
  countExample(): Promise<number> {
    return this.repo.countExamples(this.db)
  }

  /** Removes the quarters the worked example recorded, with one audit event; every other quarter stays. */
  async removeExample(actor: Actor): Promise<number> {
    return this.db.transaction().execute(async trx => {
      const removed = await this.repo.deleteExamples(trx)
      if (removed > 0)
        await this.audit.record(trx, actor, {
          action: 'portfolio.example-removed',
          subjectType: 'portfolio',
          summary: `Removed the worked example’s record of the leadership team’s work in ${removed === 1 ? 'a quarter' : `${removed} quarters`}`,
        })
      return removed
    })
  }
}
