// Builds the stylesheets and scripts once before the tests (the app refuses to start without them).
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

export default function setup(): void {
  execFileSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, '../scripts/build-assets.ts')], {
    stdio: 'inherit',
  })
}
