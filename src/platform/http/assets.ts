// Fingerprinted static assets: scripts/build-assets.ts writes public/build/ and a manifest that
// maps each logical name (app.css) to its fingerprinted file (app.3f2a9c1b.css).
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export const BUILD_DIR = resolve(import.meta.dirname, '../../../public/build')

export type AssetManifest = Record<string, string>

export function loadManifest(): AssetManifest {
  const file = resolve(BUILD_DIR, 'manifest.json')
  if (!existsSync(file)) {
    throw new Error(
      'The stylesheets and scripts have not been built. Run `npm run build` (npm start does this for you).',
    )
  }
  return JSON.parse(readFileSync(file, 'utf8')) as AssetManifest
}

export function assetUrl(manifest: AssetManifest, name: string): string {
  return `/assets/${manifest[name] ?? name}`
}

/** Builds the assets with scripts/build-assets.ts when the manifest is missing (command-line runs need no `npm start` first). */
export async function buildAssetsIfMissing(): Promise<boolean> {
  if (existsSync(resolve(BUILD_DIR, 'manifest.json'))) return false
  const root = resolve(BUILD_DIR, '../..')
  await new Promise<void>((done, fail) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', resolve(root, 'scripts/build-assets.ts')],
      { cwd: root, timeout: 120_000 },
      error => (error ? fail(new Error(`Building the stylesheets failed: ${error.message}`)) : done()),
    ),
  )
  return true
}
