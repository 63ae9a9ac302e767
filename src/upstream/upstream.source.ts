// Reading an upstream handbook: another Valuekit's static export served over HTTP(S) (its
// handbook.json), an export folder on disk (the same file), or a folder of Markdown (read by the
// handbook's importer). Remote reads use Node's fetch with a time limit, a size limit and no redirects.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { contentHash, MANIFEST_FILE, manifestSchema } from '../handbook/handbook.manifest.ts'
import type { ImportResult } from '../handbook/handbook.import.ts'

export interface UpstreamPage {
  slug: string
  title: string
  summary: string
  sectionSlug: string
  sectionTitle: string
  roles: string[]
  skills: string[]
  markdown: string
  hash: string
}

export class UpstreamReadError extends Error {}

export interface ReadLimits {
  /** Longest wait for a remote handbook, in milliseconds. */
  timeoutMs: number
  /** Largest manifest read, in bytes. */
  maxBytes: number
}

export const DEFAULT_LIMITS: ReadLimits = { timeoutMs: 10_000, maxBytes: 20 * 1024 * 1024 }

export const isRemote = (source: string): boolean => /^https?:\/\//i.test(source)

/** Every page of the upstream handbook. `readFolder` reads a Markdown folder (HandbookService.readFolder). */
export async function readUpstream(
  source: string,
  readFolder: (folder: string) => Promise<ImportResult>,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<UpstreamPage[]> {
  if (isRemote(source)) return fromManifest(await fetchManifest(source, limits), source)
  const folder = path.resolve(source)
  const info = await stat(folder).catch(() => null)
  if (!info?.isDirectory()) throw new UpstreamReadError(`There is no folder at ${source}`)
  const manifest = path.join(folder, MANIFEST_FILE)
  const manifestInfo = await stat(manifest).catch(() => null)
  if (manifestInfo?.isFile()) {
    if (manifestInfo.size > limits.maxBytes) throw new UpstreamReadError(`${MANIFEST_FILE} is too large`)
    return fromManifest(await readFile(manifest, 'utf8'), source)
  }
  return fromImport(await readFolder(folder))
}

async function fetchManifest(source: string, limits: ReadLimits): Promise<string> {
  const url = new URL(source.endsWith('.json') ? source : `${source.replace(/\/+$/, '')}/${MANIFEST_FILE}`)
  let response: Response
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: 'error' })
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'it took too long to answer' : 'it could not be reached'
    throw new UpstreamReadError(`Could not read ${url.origin}: ${reason}`)
  }
  if (!response.ok) throw new UpstreamReadError(`Could not read ${url.origin}: it answered ${response.status}`)
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > limits.maxBytes) throw new UpstreamReadError(`The handbook at ${url.origin} is too large`)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body?.getReader()
  for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
    size += read.value.byteLength
    if (size > limits.maxBytes) {
      await reader.cancel()
      throw new UpstreamReadError(`The handbook at ${url.origin} is too large`)
    }
    chunks.push(read.value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function fromManifest(json: string, source: string): UpstreamPage[] {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    throw new UpstreamReadError(`${source} does not hold a Valuekit handbook (${MANIFEST_FILE} is not JSON)`)
  }
  const parsed = manifestSchema.safeParse(data)
  if (!parsed.success) throw new UpstreamReadError(`${source} does not hold a Valuekit handbook we can read`)
  return parsed.data.pages.map(page => ({
    slug: page.slug,
    title: page.title,
    summary: page.summary,
    sectionSlug: page.section.slug,
    sectionTitle: page.section.title,
    roles: page.roles,
    skills: page.skills,
    markdown: page.markdown,
    // Computed here, never trusted from the file.
    hash: contentHash(page.markdown),
  }))
}

function fromImport(result: ImportResult): UpstreamPage[] {
  const sections = new Map(result.sections.map(section => [section.slug, section]))
  return result.pages.map(page => ({
    slug: page.slug,
    title: page.title,
    summary: page.summary,
    sectionSlug: page.sectionSlug,
    sectionTitle: sections.get(page.sectionSlug)?.title ?? page.sectionSlug,
    roles: page.roles,
    skills: page.skills,
    markdown: page.body,
    hash: contentHash(page.body),
  }))
}
