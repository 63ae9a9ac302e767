// Who may do what with the capability framework. Everyone signed in reads it; heads of
// profession propose changes; another head of profession or an administrator reviews them; heads
// of profession and administrators move the profession to a newer version. The rules themselves
// live with the other pathway rules in people.policy.ts.
import type { CurrentUser } from '../platform/auth/roles.ts'

export { canMigrateFramework, canProposeFrameworkChange, canReviewFrameworkProposal } from '../people/people.policy.ts'

/** The framework (roles, skills, descriptors, versions and proposals) is open to everyone signed in. */
export const canReadFramework = (user: CurrentUser | null): boolean => user !== null
