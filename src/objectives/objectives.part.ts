// The objectives' part of a strategy page: this quarter's objectives with their progress. A thing's
// page shows the thing's objectives; an area's or the organisation's shows the objectives set at
// that level. Products define the port (StrategyPartSource); this implements it, so products never
// import objectives. A thing's objectives and its metrics' measurements are both audited against
// the thing, so its cached strategy page changes whenever this part would; an area's or the
// organisation's page is not cached (strategy.routes.ts), as its objectives are audited apart.
import type { StrategyPartSource } from '../products/strategy.service.ts'
import type { Product } from '../products/products.types.ts'
import type { StrategyPart } from '../products/strategy.ts'
import type { ObjectivesService } from './objectives.service.ts'
import type { Scope } from './objectives.types.ts'
import { objectivesHref, objectivesPart, thingObjectivesHref } from './objectives.views.ts'

export class ObjectivesStrategyPart implements StrategyPartSource {
  constructor(private readonly objectives: ObjectivesService) {}

  async strategyPart(product: Product): Promise<StrategyPart> {
    const quarter = this.objectives.currentQuarter()
    if (product.scope === 'thing')
      return objectivesPart(quarter, await this.objectives.forThing(product.id), {
        who: 'the thing',
        href: thingObjectivesHref(product.id),
      })
    const scope: Scope =
      product.scope === 'area'
        ? { level: 'area', area: product.area, group: '', productId: null }
        : { level: 'organisation', area: '', group: '', productId: null }
    return objectivesPart(quarter, await this.objectives.forScope(scope), {
      who: product.scope === 'area' ? 'the area' : 'the organisation',
      href: objectivesHref(quarter),
    })
  }
}
