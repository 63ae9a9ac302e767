// Who may do what with insight and ideas. Like strategy, insight is open inside the organisation:
// everyone signed in reads the backlog and every idea, and everyone signed in may add to it:
// insight comes from whoever meets users (researchers, designers, the service desk, analysts),
// not only from product managers. Changing a piece of insight or an idea is for whoever added it and
// for the people responsible for a thing it is tagged to (those who may change the thing's
// strategy: products.policy.ts), heads of product and administrators. Feedback from the public
// stays unseen until someone responsible for the thing it was left on has moderated it.
import type { Viewer } from '../platform/auth/viewer.ts'
import { HEAD_OF_PRODUCT } from '../products/products.policy.ts'
import type { Idea, Insight } from './insight.types.ts'

const isAdmin = (v: Viewer) => v.user.role === 'administrator'
const isHeadOfProduct = (v: Viewer) => v.headOfProfession || v.careerRole === HEAD_OF_PRODUCT

/** The backlog, ideas and every published piece of insight: everyone signed in. */
export const canSeeInsight = (v: Viewer | null): boolean => v !== null

/** Adding insight and ideas: everyone signed in. */
export const canAddInsight = (v: Viewer | null): boolean => v !== null

/**
 * Changing, tagging and merging a piece of insight. `responsible` says whether the viewer may
 * change the strategy of a thing it is tagged to. Merged insight changes no more.
 */
export const canEditInsight = (
  v: Viewer | null,
  insight: Pick<Insight, 'status' | 'createdById'>,
  responsible: boolean,
): boolean =>
  v !== null &&
  insight.status === 'published' &&
  (isAdmin(v) ||
    isHeadOfProduct(v) ||
    responsible ||
    (canAddInsight(v) && insight.createdById !== null && insight.createdById === v.user.id))

/** Seeing a piece of insight: published or merged, everyone signed in; held, only its moderators. */
export const canSeePiece = (v: Viewer | null, insight: Pick<Insight, 'status'>, responsible: boolean): boolean =>
  v !== null && (insight.status !== 'held' || canModerate(v, responsible))

/**
 * Publishing or rejecting feedback from the public: the people responsible for the thing it was
 * left on (which includes heads of product and administrators).
 */
export const canModerate = (v: Viewer | null, responsible: boolean): boolean => v !== null && responsible

/** Changing an idea and the insight linked to it: whoever added it, the thing's people, heads of product, administrators. */
export const canEditIdea = (v: Viewer | null, idea: Pick<Idea, 'createdById'>, responsible: boolean): boolean =>
  v !== null &&
  (isAdmin(v) ||
    isHeadOfProduct(v) ||
    responsible ||
    (canAddInsight(v) && idea.createdById !== null && idea.createdById === v.user.id))
