// File uploads: the one way a route accepts multipart/form-data. A route plugin registers its
// upload routes inside `uploadRoutes(limits, routes)`; only they accept multipart bodies, read by
// @fastify/multipart within the limits given, and every other route still answers 415. The form
// token is checked once the body has been read (the platform's CSRF hook checks the Origin of
// these posts and leaves the token to this scope, since the body is not read before it runs).
//
// The body a handler sees is a plain form: each text field as a string, each file as an
// UploadedFile held in memory (never written to disk, its name never used as a path).
import type { Readable } from 'node:stream'
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify'

export interface UploadLimits {
  /** The largest file, in bytes: a larger one arrives with tooLarge set (its bytes cut off). */
  readonly fileSize: number
  /** The largest text field, in bytes (1 MB unless given). */
  readonly fieldSize?: number
  /** How many files one form may send (1 unless given). */
  readonly files?: number
}

export interface UploadedFile {
  /** The name the browser gave, for messages only. */
  readonly fileName: string
  readonly bytes: Buffer
  /** True when the file was larger than the route allows: bytes hold only its start. */
  readonly tooLarge: boolean
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by uploadRoutes: this route reads multipart bodies and checks their token itself. */
    uploads?: boolean
  }
  interface FastifyInstance {
    /** Throws FormTokenError unless the body carries the form token of this request's session. */
    checkFormToken(request: FastifyRequest): void
  }
}

const MULTIPART = /^multipart\/form-data\b/i

/** Whether a request's body is multipart (so its token is checked where it is read). */
export function isMultipartRequest(request: FastifyRequest): boolean {
  return MULTIPART.test(request.headers['content-type'] ?? '')
}

/** The routes registered by `routes` accept uploads within these limits; nothing else changes. */
export function uploadRoutes(
  limits: UploadLimits,
  routes: (app: FastifyInstance) => Promise<void> | void,
): FastifyPluginAsync {
  return async scope => {
    await scope.register(multipart, { throwFileSizeLimit: false })
    scope.addHook('onRoute', route => {
      route.config = { ...route.config, uploads: true }
    })
    scope.addHook('preValidation', async request => {
      if (!request.isMultipart()) return
      request.body = await readParts(request, limits)
      scope.checkFormToken(request)
    })
    await routes(scope)
  }
}

/** The file sent in a field, or null when none was chosen. */
export function readUpload(body: unknown, name: string): UploadedFile | null {
  if (body === null || typeof body !== 'object') return null
  const value = (body as Record<string, unknown>)[name]
  if (value === null || typeof value !== 'object' || !('bytes' in value)) return null
  const file = value as UploadedFile
  return file.bytes.length === 0 && file.fileName === '' ? null : file
}

async function readParts(
  request: FastifyRequest,
  limits: UploadLimits,
): Promise<Record<string, string | UploadedFile>> {
  const body = Object.create(null) as Record<string, string | UploadedFile>
  try {
    const parts = request.parts({
      limits: {
        fileSize: limits.fileSize,
        fieldSize: limits.fieldSize ?? 1024 * 1024,
        files: limits.files ?? 1,
        fields: 50,
        parts: 60,
      },
    })
    for await (const part of parts) {
      if (part.type === 'file') {
        const bytes = await readAll(part.file)
        if (!(part.fieldname in body))
          body[part.fieldname] = { fileName: part.filename, bytes, tooLarge: part.file.truncated }
      } else if (!(part.fieldname in body)) {
        body[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value)
      }
    }
  } catch (error) {
    // Too many parts or files keeps its 413; anything malformed is the sender's fault.
    const status = (error as { statusCode?: number }).statusCode
    if (status === 413) throw error
    throw Object.assign(new Error('The form could not be read'), { statusCode: 400 })
  }
  return body
}

/** Reads a file's stream to its end (a stream cut at the size limit ends early). */
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
