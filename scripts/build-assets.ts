// Builds the stylesheet and copies the scripts and images into public/build/, each named with a
// hash of its content, and writes manifest.json. Skips work when nothing has changed.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { NodePackageImporter, compile } from 'sass'

const root = resolve(import.meta.dirname, '..')
const out = resolve(root, 'public/build')
const govuk = resolve(root, 'node_modules/govuk-frontend/dist/govuk')
const moj = resolve(root, 'node_modules/@ministryofjustice/frontend/moj')
const sources = [resolve(root, 'src/assets'), resolve(root, 'package-lock.json')]

function newestChange(paths: string[]): number {
  let newest = 0
  for (const p of paths) {
    if (!existsSync(p)) continue
    const s = statSync(p)
    if (s.isDirectory()) newest = Math.max(newest, newestChange(readdirSync(p).map(n => join(p, n))))
    else newest = Math.max(newest, s.mtimeMs)
  }
  return newest
}

const manifestFile = join(out, 'manifest.json')
if (
  existsSync(manifestFile) &&
  statSync(manifestFile).mtimeMs > newestChange(sources) &&
  !process.argv.includes('--force')
) {
  process.exit(0)
}

const started = Date.now()
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const manifest: Record<string, string> = {}

function emit(name: string, contents: string | Buffer): void {
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 10)
  const dot = name.indexOf('.')
  const file = `${name.slice(0, dot)}.${hash}${name.slice(dot)}`
  writeFileSync(join(out, file), contents)
  manifest[name] = file
}

const css = compile(resolve(root, 'src/assets/scss/app.scss'), {
  importers: [new NodePackageImporter(root)],
  loadPaths: [root],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
  logger: { warn: () => undefined },
})
emit('app.css', css.css)
emit('govuk-frontend.min.js', readFileSync(join(govuk, 'govuk-frontend.min.js')))
emit('moj-frontend.min.js', readFileSync(join(moj, 'moj-frontend.min.js')))
for (const name of readdirSync(resolve(root, 'src/assets/js'))) {
  emit(name, readFileSync(resolve(root, 'src/assets/js', name)))
}
for (const name of readdirSync(resolve(root, 'src/assets/images'))) {
  emit(name, readFileSync(resolve(root, 'src/assets/images', name)))
}
// Images the components refer to by fixed path (no fonts: we use the system font stack). MoJ
// Frontend hands its assets path to GOV.UK Frontend, so both sets of images live under moj/.
cpSync(join(govuk, 'assets/images'), join(out, 'moj/images'), { recursive: true })
if (existsSync(join(moj, 'assets/images')))
  cpSync(join(moj, 'assets/images'), join(out, 'moj/images'), { recursive: true })
mkdirSync(dirname(manifestFile), { recursive: true })
writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`)
console.log(`Built assets in ${Date.now() - started} ms`)
