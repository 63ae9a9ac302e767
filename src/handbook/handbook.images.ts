// Images kept with handbook pages: what kinds are accepted (decided by the bytes, never the name),
// how large, and the lasting address each is served at. No database, no HTTP.
import { createHash } from 'node:crypto'

/** Largest image kept, in bytes. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'

/** Where stored images are served: `/handbook/images/<id>/<file name>`. */
export const IMAGE_PATH_PREFIX = '/handbook/images/'

/**
 * The image type the bytes start with, or null. SVG is never accepted: it can carry scripts and
 * links, and we do not sanitise it.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) {
    return 'image/gif'
  }
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to))
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

/** Why these bytes cannot be kept as an image, or null when they can. */
export function imageProblem(bytes: Uint8Array, fileName: string): string | null {
  if (bytes.length === 0) return `${fileName} is empty`
  if (bytes.length > MAX_IMAGE_BYTES) return `${fileName} is larger than 2 MB`
  if (/\.svgz?$/i.test(fileName) || /^\s*(?:<\?xml|<svg)/i.test(Buffer.from(bytes.slice(0, 200)).toString('latin1'))) {
    return `${fileName} is an SVG image, which can carry scripts, so it is not kept`
  }
  if (sniffImageType(bytes) === null) return `${fileName} is not a PNG, JPEG, GIF or WebP image`
  return null
}

/** The image's lasting id: the start of its SHA-256, so the same bytes always have the same address. */
export function imageId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32)
}

/** A file name safe in a URL path and a header: letters, digits, '.', '-' and '_'. */
export function imageFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const safe = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(-100)
  return safe || 'image'
}

export function imageUrl(id: string, fileName: string): string {
  return `${IMAGE_PATH_PREFIX}${id}/${imageFileName(fileName)}`
}

/** The id in a stored image's address, or null when the address is not one of ours. */
export function storedImageId(src: string): string | null {
  if (!src.startsWith(IMAGE_PATH_PREFIX)) return null
  return /^([0-9a-f]{32})\/[A-Za-z0-9._-]{1,100}$/.exec(src.slice(IMAGE_PATH_PREFIX.length))?.[1] ?? null
}

/** For renderMarkdown's resolveImage: stored images show as themselves, anything else does not load. */
export function resolveStoredImage(src: string): string | null {
  return storedImageId(src) === null ? null : src
}
