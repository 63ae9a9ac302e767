// The hook through which a roadmap item's page answers "What do we know about this problem?":
// an ItemSectionSource (the port products' roadmap defines), listed in the composition root.
// Products renders the section it returns and knows nothing of insight.
import type { ItemSectionSource } from '../products/roadmap/roadmap.types.ts'
import { canAddInsight } from './insight.policy.ts'
import type { InsightService } from './insight.service.ts'
import { knowledgeSection } from './insight.views.ts'

export function problemKnowledgeSection(insight: InsightService): ItemSectionSource {
  return async (viewer, product, item) =>
    knowledgeSection(await insight.aboutProblem(item.id), {
      productId: product.id,
      itemId: item.id,
      canAdd: canAddInsight(viewer),
    })
}
