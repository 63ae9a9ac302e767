// A thing's strategy as Markdown: what someone takes to a meeting or keeps in a repository. Text
// people typed is written as it is, with Markdown's own characters at line starts escaped so a
// line such as "# not a heading" stays text.
import type { StrategyDocument } from './documents.service.ts'
import type { FormContext } from './kinds/kind.ts'
import {
  PHASE_LABELS,
  PRODUCT_KIND_LABELS,
  STAGE_LABELS,
  strategyTitle,
  type Product,
  type ProductLink,
} from './products.types.ts'

export const escapeMarkdownLine = (line: string) => line.replace(/^(\s*)([#>*+=|`-]|\d+\.)/, '$1\\$2')
const escapeLine = escapeMarkdownLine
/** One line of typed text, safe to put in Markdown. */
export const markdownLine = escapeMarkdownLine
/** Typed text as Markdown: each line kept, with Markdown's own characters at line starts escaped. */
export const markdownText = (t: string) =>
  t
    .split('\n')
    .map(l => (l.startsWith('- ') ? `- ${escapeLine(l.slice(2))}` : escapeLine(l)))
    .join('\n')
const text = markdownText

/** A relational part of the strategy (the roadmap, metrics, hypotheses) as a section of the export. */
export interface MarkdownSection {
  heading: string
  /** Markdown lines, already escaped where they hold typed text. */
  lines: string[]
}

export function strategyMarkdown(
  product: Product,
  links: { uses: ProductLink[]; usedBy: ProductLink[]; features: ProductLink[] },
  docs: readonly StrategyDocument[],
  context: FormContext,
  sections: readonly MarkdownSection[] = [],
): string {
  const out: string[] = [`# ${escapeLine(strategyTitle(product))}`, '', text(product.purpose), '']
  // An area's or the organisation's strategy has no kind, phase, owner or team of a thing.
  const facts: [string, string][] =
    product.scope !== 'thing'
      ? []
      : [
          ['Kind', PRODUCT_KIND_LABELS[product.kind]],
          ['Phase', PHASE_LABELS[product.phase]],
          ['Lifecycle stage', STAGE_LABELS[product.stage]],
          ['Owner', product.ownerName ?? 'Nobody yet'],
          ['Team', product.team || 'Not given'],
          ['Group', product.group || 'Not given'],
          ['Area', product.area || 'Not given'],
        ]
  if (product.parentName) facts.push(['Part of', product.parentName])
  if (links.uses.length) facts.push(['Uses', links.uses.map(l => l.name).join(', ')])
  if (links.features.length) facts.push(['Features', links.features.map(l => l.name).join(', ')])
  for (const [k, v] of facts) out.push(`- **${k}:** ${escapeLine(v)}`)
  for (const doc of docs) {
    out.push('', `## ${doc.kind.name}`, '')
    if (doc.version === 0) {
      out.push('Not written yet.')
      continue
    }
    for (const section of doc.kind.sections(doc.content, context)) {
      out.push(`### ${section.heading}`, '', section.text ? text(section.text) : 'Not written yet.', '')
    }
    out.push(
      `_Version ${doc.version}, saved by ${doc.updatedByName ?? 'someone'} on ${(doc.updatedAt ?? '').slice(0, 10)}._`,
    )
  }
  for (const section of sections) out.push('', `## ${section.heading}`, '', ...section.lines)
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`
}
