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

/** Someone else changed the record since it was read: the caller must show both versions. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError'
  constructor(message = 'Conflict') {
    super(message)
  }
}

/** A rule of the domain was broken by valid-looking input; carries per-field messages. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError'
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join('; '))
  }
}
