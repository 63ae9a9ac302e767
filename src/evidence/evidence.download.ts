// An evidence pack as a file to download: one self-contained HTML document that opens in any
// browser, offline, and prints as a proper document. Everything it needs is inside it: its styles
// are inline, it has no scripts, and it asks for nothing else (no images, fonts, links to assets).
// It is built from the pack's presenter (packPage in evidence.views.ts), so it says what the
// printable page says. Every piece of text is escaped with the one escaper.
import { formatDate } from '../platform/dates.ts'
import { escapeHtml } from '../platform/html.ts'
import { plural } from '../platform/http/filters.ts'
import { slugify } from '../platform/slug.ts'
import type { packPage } from './evidence.views.ts'

type PackPage = ReturnType<typeof packPage>

/** The file's name, from the person and the role: "ava-applicant-evidence-for-senior-product-manager.html". */
export function downloadName(page: Pick<PackPage, 'ownerName' | 'title'>): string {
  return `${slugify(`${page.ownerName} ${page.title}`, 120) || 'evidence-pack'}.html`
}

/** Text someone typed, as paragraphs: blank lines separate them and single line breaks stay. */
const paragraphs = (text: string): string =>
  text
    .split(/\n\s*\n/)
    .map(p => p.trim())
    .filter(p => p !== '')
    .map(p => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n')

const STYLES = `
  body { font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c; margin: 0; background: #fff; }
  main { max-width: 46em; margin: 0 auto; padding: 24px 16px 48px; }
  h1 { font-size: 32px; line-height: 1.2; margin: 0 0 24px; }
  h2 { font-size: 24px; line-height: 1.25; margin: 40px 0 12px; padding-top: 12px; border-top: 2px solid #b1b4b6; }
  h3 { font-size: 19px; margin: 20px 0 8px; }
  p { margin: 0 0 12px; }
  .caption { font-size: 19px; color: #505a5f; margin: 0 0 4px; }
  .gist { color: #505a5f; }
  dl.levels { display: grid; grid-template-columns: max-content 1fr; gap: 4px 24px; margin: 0 0 16px; }
  dl.levels dt { font-weight: bold; }
  dl.levels dd { margin: 0; }
  dl.star dt { font-weight: bold; margin-top: 12px; }
  dl.star dd { margin: 0; }
  blockquote { margin: 0 0 16px; padding: 4px 0 4px 16px; border-left: 6px solid #b1b4b6; }
  .when { font-size: 14px; color: #505a5f; }
  @media print {
    body { font-size: 12pt; }
    main { max-width: none; padding: 0; }
    h1 { font-size: 24pt; }
    h2 { font-size: 16pt; break-after: avoid; page-break-after: avoid; }
    h3 { font-size: 13pt; break-after: avoid; page-break-after: avoid; }
    section { break-inside: avoid-page; }
    blockquote, dl { break-inside: avoid; page-break-inside: avoid; }
  }
`

/** The pack as a complete HTML document. */
export function packDocument(page: PackPage, generatedOn: string): string {
  const e = escapeHtml
  const note = !page.roleCurrent
    ? '<p>This role is no longer in the framework, so there are no skills to show.</p>'
    : !page.hasAgreed
      ? `<p>${e(page.ownerName)} has no agreed levels yet.</p>`
      : ''
  const sections = page.sections.map(s => {
    const levels = s.levels.map(l => `<dt>${e(l.key.text)}</dt><dd>${e(l.value.text)}</dd>`).join('')
    const picked = s.picked.length
      ? `<h3>From check-ins</h3>\n${s.picked
          .map(p => `<blockquote><p class="when">${e(p.when)}</p>\n${paragraphs(p.text)}</blockquote>`)
          .join('\n')}`
      : ''
    const example = s.examples
      .map(
        x =>
          `<h3>${e(x.heading)}</h3>\n<dl class="star">${x.parts
            .map(part => `<dt>${e(part.label)}</dt><dd>${paragraphs(part.text)}</dd>`)
            .join('')}</dl>`,
      )
      .join('\n')
    const empty = s.empty ? '<p>No evidence chosen for this skill yet.</p>' : ''
    return `<section>
<h2>${e(s.name)}</h2>
${s.gist ? `<p class="gist">${e(s.gist)}</p>` : ''}
<dl class="levels">${levels}</dl>
${picked}
${example}
${empty}
</section>`
  })
  const title = `${page.title}: ${page.ownerName}`
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
<p class="caption">${e(page.ownerName)}</p>
<h1>${e(page.title)}</h1>
<p>Last changed on ${e(formatDate(page.lastChanged))}. Downloaded on ${e(formatDate(generatedOn))}. Levels are the latest agreed in a check-in, against version ${page.frameworkVersion} of the framework.</p>
${note}
<p>${page.summary.withEvidence} of ${e(plural(page.summary.skills, 'skill'))} with evidence. Meets the expected level in ${page.summary.meeting} of ${page.summary.skills}.</p>
${sections.join('\n')}
</main>
</body>
</html>
`
}
