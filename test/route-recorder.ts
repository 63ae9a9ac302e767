// Records every route the app registers, as Fastify's onRoute hook sees it, for tests that must
// cover every route (the authorization matrix, the form-token checks). The app is built
// unchanged: the test file wraps Fastify's factory, so the hook is in place before the first
// route is added:
//
//   vi.mock('fastify', async importOriginal =>
//     (await import('./route-recorder.ts')).recordingRoutes(await importOriginal<typeof import('fastify')>()),
//   )
//
// This is its own module, not part of build-test-app.ts, because the mock loads it while Fastify
// itself is loading: it must not load Fastify (or the app) in turn. It imports Fastify's types only.
import type { FastifyInstance, FastifyServerOptions } from 'fastify'

/** A route as Fastify's onRoute hook saw it. */
export interface SeenRoute {
  method: string | string[]
  url: string
  readonly access: unknown
}

/** The routes of every app built so far in this test file, in the order they were added. */
export const registeredRoutes: SeenRoute[] = []

/** Fastify's module with its factory wrapped, so every app it makes adds its routes to registeredRoutes. */
export function recordingRoutes(fastify: typeof import('fastify')) {
  const factory = fastify.default as unknown as (options?: FastifyServerOptions) => FastifyInstance
  const wrapped = (options?: FastifyServerOptions) => {
    const app = factory(options)
    app.addHook('onRoute', route => {
      registeredRoutes.push({
        method: route.method,
        url: route.url,
        // Read later: platform hooks registered after this one may still set it.
        get access() {
          return route.config?.access
        },
      })
    })
    return app
  }
  return { ...fastify, default: wrapped }
}
