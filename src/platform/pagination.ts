// The page-number logic behind every list that runs to several pages: the parameters
// govukPagination takes (previous, next, and numbered links around the current page with an
// ellipsis for each gap), built once here and rendered by the app-pagination component.

export interface PaginationItem {
  readonly number?: number
  readonly href?: string
  readonly current?: boolean
  readonly ellipsis?: boolean
}

export interface Pagination {
  readonly previous?: { readonly href: string } | undefined
  readonly next?: { readonly href: string } | undefined
  readonly items: readonly PaginationItem[]
  readonly landmarkLabel?: string
}

export interface PaginationOptions {
  /** The page shown now, from 1. */
  readonly page: number
  /** How many pages there are. */
  readonly pages: number
  /** The address of page n. */
  readonly href: (n: number) => string
  /** How many numbered links to show each side of the current page; the first and last always show. */
  readonly around?: number
  /** What a screen reader announces for the navigation landmark, when not "Pagination". */
  readonly landmarkLabel?: string
}

/** govukPagination's parameters, or null when everything fits on one page. */
export function pagination(o: PaginationOptions): Pagination | null {
  const { page, pages, href } = o
  if (pages <= 1) return null
  const around = o.around ?? 2
  const items: PaginationItem[] = []
  let last = 0
  for (let n = 1; n <= pages; n++) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > around) continue
    if (n - last > 1) items.push({ ellipsis: true })
    items.push({ number: n, href: href(n), current: n === page })
    last = n
  }
  return {
    ...(o.landmarkLabel ? { landmarkLabel: o.landmarkLabel } : {}),
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items,
  }
}
