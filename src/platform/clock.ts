// Time comes from a clock passed in at the composition root, so tests can move it.
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

export function isoNow(clock: Clock): string {
  return clock().toISOString()
}
