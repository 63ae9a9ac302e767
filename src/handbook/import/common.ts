// What every part of reading a folder shares: the problems found, the limits and name patterns,
// and small helpers for text, paths and values read from front matter.
import { z } from 'zod'
import type { ImportedSection, ImportProblem } from './import.types.ts'

export const MAX_FILE_BYTES = 1024 * 1024
export const MAX_SUMMARY_LENGTH = 300
export const MAX_DEPTH = 20
export const GENERAL_SECTION: ImportedSection = { slug: 'general', title: 'General', summary: '', order: 0 }
export const PAGE_EXTENSION = /\.(?:md|markdown|mdx)$/i
export const SECTION_FILES = new Set(['_section.yml', '_category_.json', '_category_.yml'])
export const NUMERIC_PREFIX = /^(\d{1,9})[-_]/
export const INDEX_NAME = /^(?:index|readme)$/i
export const SCHEME = /^[a-z][a-z0-9+.-]*:/i
export const WEB_OR_MAIL = /^(?:https?|mailto):/i

export class Problems {
  readonly list: ImportProblem[] = []
  error(file: string, message: string): void {
    this.list.push({ file, message, severity: 'error' })
  }
  warning(file: string, message: string): void {
    this.list.push({ file, message, severity: 'warning' })
  }
}

export function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const existing = cache.get(key)
  if (existing) return existing
  const loading = load()
  cache.set(key, loading)
  return loading
}

export function lineOf(text: string, offset: number): number {
  return countNewlines(text.slice(0, offset)) + 1
}

export function countNewlines(text: string): number {
  let count = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1
  return count
}

export function stripPrefix(name: string): string {
  return name.replace(NUMERIC_PREFIX, '')
}

export function stripPrefixes(relPath: string): string {
  return relPath.split('/').map(stripPrefix).join('/')
}

/** '03-associate_product-manager' → 'Associate product manager'. */
export function humanise(name: string): string {
  const words = stripPrefix(name).replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function joinPosix(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

export function textValue(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  return text === '' ? undefined : text
}

export function numberValue(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^-?\d{1,9}(?:\.\d{1,9})?$/.test(value.trim())) return Number(value)
  return undefined
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text
}

export function describeZodError(error: z.ZodError): string {
  return error.issues.map(issue => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; ')
}
