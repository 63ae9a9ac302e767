import { describe, expect, it } from 'vitest'
import { Remembered } from './remembered.ts'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

describe('Remembered', () => {
  it('answers from memory for a moment, then reads again', async () => {
    const remembered = new Remembered<number>({ ms: 100 })
    let source = 1
    const read = async () => source
    expect(await remembered.get('k', read)).toBe(1)
    source = 2
    expect(await remembered.get('k', read)).toBe(1)
    expect(await remembered.get('other', read)).toBe(2)
    await sleep(150)
    expect(await remembered.get('k', read)).toBe(2)
  })

  it('forgets everything on a change, and remembers nothing while the change may still commit', async () => {
    const remembered = new Remembered<number>({ ms: 60_000, quietMs: 100 })
    let source = 1
    let reads = 0
    const read = async () => {
      reads++
      return source
    }
    await remembered.get('k', read)
    remembered.changed()
    source = 2
    expect(await remembered.get('k', read)).toBe(2)
    source = 3
    expect(await remembered.get('k', read)).toBe(3)
    await sleep(150)
    expect(await remembered.get('k', read)).toBe(3)
    source = 4
    expect(await remembered.get('k', read)).toBe(3)
    expect(reads).toBe(4)
  })

  it('does not remember a read that a change overtook', async () => {
    const remembered = new Remembered<number>({ ms: 60_000, quietMs: 0 })
    let source = 1
    let release: () => void = () => undefined
    const slow = () =>
      new Promise<number>(resolve => {
        const seen = source
        release = () => resolve(seen)
      })
    const reading = remembered.get('k', slow)
    remembered.changed()
    source = 2
    release()
    expect(await reading).toBe(1)
    await sleep(1)
    expect(await remembered.get('k', async () => source)).toBe(2)
  })

  it('keeps at most max values, dropping the oldest', async () => {
    const remembered = new Remembered<string>({ ms: 60_000, max: 2 })
    let reads = 0
    const read = (value: string) => async () => {
      reads++
      return value
    }
    await remembered.get('a', read('a'))
    await remembered.get('b', read('b'))
    await remembered.get('c', read('c'))
    await remembered.get('b', read('b'))
    await remembered.get('c', read('c'))
    expect(reads).toBe(3)
    await remembered.get('a', read('a'))
    expect(reads).toBe(4)
  })
})
