import { ForbiddenError } from '../errors.ts'

/** Route handlers ask a policy, then call this: a refusal becomes the 403 page. */
export function authorize(allowed: boolean, message = 'Not allowed'): asserts allowed {
  if (!allowed) throw new ForbiddenError(message)
}
