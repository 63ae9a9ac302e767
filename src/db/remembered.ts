// Reads made on every request, remembered for a moment. A page view must not pay for a query
// whose answer rarely changes (the handbook revision, the signed-in person's place in the
// profession); each query stays the source of truth:
// - a value is remembered for `ms` (2 seconds), so another instance's change is seen within that;
// - the owning repository calls changed() when it writes, which forgets every value at once;
//   and for `quietMs` (30 seconds) after a change nothing is remembered, because the transaction
//   that made the change may commit a moment after the write, and a read in between would see
//   the old value;
// - a read that a change overtook is not remembered.
// See docs/decisions/0007-remembered-hot-path-reads.md.

export interface RememberedOptions {
  readonly ms?: number
  readonly quietMs?: number
  /** Values remembered at most (the oldest go first). */
  readonly max?: number
}

/** Values are never undefined: peek() says undefined for "not remembered". */
export class Remembered<V extends object | string | number | boolean | null> {
  private values = new Map<string, { value: V; until: number }>()
  private changedAt = -Infinity
  private changes = 0
  private readonly ms: number
  private readonly quietMs: number
  private readonly max: number

  constructor(options: RememberedOptions = {}) {
    this.ms = options.ms ?? 2000
    this.quietMs = options.quietMs ?? 30_000
    this.max = options.max ?? 10_000
  }

  /**
   * The value remembered for key, if it is still good; undefined otherwise. It never reads: the
   * fast lane (platform/http/fast-lane.ts) answers from what is remembered or not at all.
   */
  peek(key: string): V | undefined {
    const known = this.values.get(key)
    return known && known.until > performance.now() ? known.value : undefined
  }

  /** The remembered value for key, or what read() answers (remembered unless a change is recent). */
  async get(key: string, read: () => Promise<V>): Promise<V> {
    const remembered = this.peek(key)
    if (remembered !== undefined) return remembered
    const now = performance.now()
    const known = this.values.get(key)
    const changesBefore = this.changes
    const value = await read()
    if (this.changes === changesBefore && now - this.changedAt > this.quietMs) {
      if (known) this.values.delete(key)
      else if (this.values.size >= this.max) {
        const oldest = this.values.keys().next().value
        if (oldest !== undefined) this.values.delete(oldest)
      }
      this.values.set(key, { value, until: now + this.ms })
    }
    return value
  }

  /** Forgets everything: call it as a write that could change a value begins. */
  changed(): void {
    this.changes++
    this.changedAt = performance.now()
    this.values = new Map()
  }
}

const databaseKeys = new WeakMap<object, string>()
let databases = 0

/** A key for a database handle, for values remembered per database (tests use several). */
export function databaseKey(db: object): string {
  let key = databaseKeys.get(db)
  if (key === undefined) {
    key = `db${++databases}`
    databaseKeys.set(db, key)
  }
  return key
}
