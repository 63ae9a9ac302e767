import { describe, expect, it } from 'vitest'
import { pagination } from './pagination.ts'

const href = (n: number) => `/list?page=${n}`
const numbers = (p: ReturnType<typeof pagination>) => p?.items.map(i => (i.ellipsis ? '…' : String(i.number)))

describe('pagination', () => {
  it('is null when everything fits on one page', () => {
    expect(pagination({ page: 1, pages: 1, href })).toBeNull()
    expect(pagination({ page: 1, pages: 0, href })).toBeNull()
  })

  it('links every page of a short list, marking the current one', () => {
    const p = pagination({ page: 2, pages: 3, href })
    expect(p?.items).toEqual([
      { number: 1, href: '/list?page=1', current: false },
      { number: 2, href: '/list?page=2', current: true },
      { number: 3, href: '/list?page=3', current: false },
    ])
    expect(p?.previous).toEqual({ href: '/list?page=1' })
    expect(p?.next).toEqual({ href: '/list?page=3' })
  })

  it('has no previous link on the first page and no next link on the last', () => {
    expect(pagination({ page: 1, pages: 4, href })?.previous).toBeUndefined()
    expect(pagination({ page: 4, pages: 4, href })?.next).toBeUndefined()
  })

  it('shows the first, the last and two pages either side, with an ellipsis for each gap', () => {
    expect(numbers(pagination({ page: 10, pages: 20, href }))).toEqual([
      '1',
      '…',
      '8',
      '9',
      '10',
      '11',
      '12',
      '…',
      '20',
    ])
    expect(numbers(pagination({ page: 1, pages: 20, href }))).toEqual(['1', '2', '3', '…', '20'])
    // A gap of one page is still an ellipsis: the page numbers jump.
    expect(numbers(pagination({ page: 5, pages: 9, href }))).toEqual(['1', '…', '3', '4', '5', '6', '7', '…', '9'])
  })

  it('takes a narrower window and a landmark label', () => {
    const p = pagination({ page: 5, pages: 9, href, around: 1, landmarkLabel: 'Pages of people' })
    expect(numbers(p)).toEqual(['1', '…', '4', '5', '6', '…', '9'])
    expect(p?.landmarkLabel).toBe('Pages of people')
  })

  it('links all pages when asked for an unlimited window', () => {
    expect(numbers(pagination({ page: 1, pages: 6, href, around: Infinity }))).toEqual(['1', '2', '3', '4', '5', '6'])
  })
})
