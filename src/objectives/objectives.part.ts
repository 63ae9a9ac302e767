// The objectives' part of a thing's strategy page: this quarter's objectives with their progress.
// Products define the port (StrategyPartSource); this implements it, so products never import
// objectives. A thing's objectives and its metrics' measurements are both audited against the
// thing, so the cached strategy page changes whenever this part would.
import type { StrategyPartSource } from '../products/strategy.service.ts'
import type { Product } from '../products/products.types.ts'
import type { StrategyPart } from '../products/strategy.ts'
import type { ObjectivesService } from './objectives.service.ts'
import { objectivesPart } from './objectives.views.ts'

export class ObjectivesStrategyPart implements StrategyPartSource {
  constructor(private readonly objectives: ObjectivesService) {}

  async strategyPart(product: Product): Promise<StrategyPart> {
    const set = await this.objectives.forThing(product.id)
    return objectivesPart(product.id, this.objectives.currentQuarter(), set)
  }
}
