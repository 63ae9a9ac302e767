// Typed domain errors. Services throw these; one handler in platform/http turns them into the
// GOV.UK-styled error pages, so users never see internals.

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError'
  constructor(message = 'Not found') {
    super(message)
  }
}

export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError'
  constructor(message = 'Forbidden') {
    super(message)
  }
}

/** The request clashes with the state of a record: decided already, moved on, or saved by someone else. */
export class ConflictError extends Error {
  override readonly name: string = 'ConflictError'
  constructor(message = 'Conflict') {
    super(message)
  }
}

/**
 * Someone else saved a versioned record after the form was opened, so nothing was written.
 * Carries the record as it is now: every versioned form answers 409, keeps what the person typed
 * and shows this latest version beside it (saveVersioned in platform/forms does so by default).
 */
export class StaleVersionError<T> extends ConflictError {
  override readonly name: string = 'StaleVersionError'
  constructor(
    readonly latest: T,
    message = 'Someone else saved this record after it was opened',
  ) {
    super(message)
  }
}

/**
 * The latest record when err is a StaleVersionError, otherwise undefined. T is the record the
 * throwing service documents (GoalView for a goal, Page for a handbook page): a thrown error
 * cannot carry its type to the catch, so it is taken on trust here, in one place, rather than as
 * an untyped `err.latest` in each handler.
 */
export function staleRecord<T>(err: unknown): T | undefined {
  return err instanceof StaleVersionError ? (err as StaleVersionError<T>).latest : undefined
}

/** A rule of the domain was broken by valid-looking input; carries per-field messages. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError'
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join('; '))
  }
}
