// Helpers for the handbook import's tests: handbook folders written into temporary folders (removed
// after the file's tests), pages with front matter, and what an import result says.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'
import type { ImportResult } from '../src/handbook/import/import.types.ts'

/**
 * Returns a function that writes files (path → content) into a new temporary folder and returns its
 * path. Call it once at the top of a test file: the folders go when the file's tests are done.
 */
export function temporaryFolders(): (files: Record<string, string | Buffer>) => Promise<string> {
  const folders: string[] = []
  afterAll(async () => {
    await Promise.all(folders.map(folder => rm(folder, { recursive: true, force: true })))
  })
  return async files => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'valuekit-handbook-'))
    folders.push(root)
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true })
      await writeFile(path.join(root, file), content)
    }
    return root
  }
}

/** A Markdown page with the front matter given. */
export function page(frontMatter: string, body = 'Body text.'): string {
  return `---\n${frontMatter.trim()}\n---\n\n${body}\n`
}

export function pageBySlug(result: ImportResult, slug: string) {
  const found = result.pages.find(candidate => candidate.slug === slug)
  if (!found) throw new Error(`No page ${slug}; have ${result.pages.map(candidate => candidate.slug).join(', ')}`)
  return found
}

export function problemsOf(result: ImportResult, severity: 'error' | 'warning') {
  return result.problems
    .filter(problem => problem.severity === severity)
    .map(({ file, message }) => ({ file, message }))
}
