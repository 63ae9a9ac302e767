// JSON schema for route params that are record ids: uuidParams('id', 'goalId') requires both to be UUIDs.
const UUID_PATTERN = '^[0-9a-f-]{36}$'

export const uuidParams = (...names: string[]) =>
  ({
    type: 'object',
    properties: Object.fromEntries(names.map(name => [name, { type: 'string', pattern: UUID_PATTERN }])),
    required: names,
  }) as const
