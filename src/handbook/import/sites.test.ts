import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { page, pageBySlug, problemsOf, temporaryFolders } from '../../../test/handbook-folders.ts'
import { leftoverSyntax } from '../handbook.convert.ts'
import { createLinkResolver } from './links.ts'
import { readHandbookFolder } from './read-folder.ts'
import type { ImportResult } from './import.types.ts'
import { renderMarkdown } from '../markdown.ts'

const tree = temporaryFolders()

const fixtures = path.resolve(import.meta.dirname, '../../../test/import-fixtures')

/** Every link of every page, rendered as the handbook renders it. */
function linksOf(result: ImportResult) {
  return result.pages.flatMap(page => {
    const rendered = renderMarkdown(page.body, { resolveLink: createLinkResolver(result, page) })
    expect({ page: page.sourcePath, brokenLinks: rendered.brokenLinks }).toEqual({
      page: page.sourcePath,
      brokenLinks: [],
    })
    return rendered.links.map(link => ({ page: page.slug, link }))
  })
}

/** Links between pages must go to imported pages; the rest go to the web. */
function expectLinksResolve(result: ImportResult, outside: string[]) {
  const slugs = new Set(result.pages.map(page => page.slug))
  const links = linksOf(result)
  const internal = links.filter(({ link }) => link.startsWith('/handbook/') && !link.startsWith('/handbook/images/'))
  for (const { page, link } of internal) {
    expect({ page, link, found: slugs.has(link.slice('/handbook/'.length).split('#')[0] ?? '') }).toMatchObject({
      found: true,
    })
  }
  const relative = links.filter(({ link }) => !/^(?:https?:|mailto:|\/handbook\/|#)/.test(link))
  expect(relative).toEqual([])
  for (const address of outside) expect(links.map(({ link }) => link)).toContain(address)
  return internal.length
}

function expectNoSiteSyntax(result: ImportResult) {
  for (const page of result.pages) {
    expect({ page: page.sourcePath, left: leftoverSyntax(page.body) }).toEqual({ page: page.sourcePath, left: [] })
    expect(page.body).not.toMatch(/^import\s|&lt;|\{%|\{\{/m)
  }
}

const sectionsOf = (result: ImportResult) =>
  result.sections.map(section => ({
    title: section.title,
    pages: result.pages
      .filter(page => page.sectionSlug === section.slug)
      .sort((a, b) => a.order - b.order)
      .map(page => page.slug),
  }))

describe('importing a site as its generator built it', () => {
  it('reads a Jekyll site: baseurl links, navigation data, includes, highlight and comments', async () => {
    const result = await readHandbookFolder(path.join(fixtures, 'jekyll'))
    expect(result.site).toBe('jekyll')
    expect(result.siteUrl).toBe('https://handbook.example.org/product-handbook')
    expect(sectionsOf(result)).toEqual([
      { title: 'Product team handbook', pages: ['home'] },
      { title: 'Guides', pages: ['planning', 'discovery'] },
      { title: 'Roles', pages: ['product-manager', 'delivery-manager'] },
    ])
    expect(problemsOf(result, 'error')).toEqual([])
    expect(expectLinksResolve(result, ['https://handbook.example.org/product-handbook/guides/old-planning/'])).toBe(7)
    expectNoSiteSyntax(result)

    const planning = pageBySlug(result, 'planning')
    expect(planning.body).toContain('```yaml\ngoal: Fewer people call the helpline\n')
    expect(planning.body).toContain('[discovery guide](/handbook/discovery#section-what-we-learn)')
    expect(planning.body).toContain('**What if we miss a goal?**')
    expect(planning.body).toContain('your notes.\\\nLeave')
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { file: 'index.md', line: 11, message: 'Removed a template comment', severity: 'note' },
        {
          file: 'index.md',
          line: 15,
          message: 'Removed {% include contact.html %}: included files are not imported',
          severity: 'warning',
        },
        {
          file: 'guides/planning.md',
          line: 17,
          message: 'Converted {% highlight %} to a code block',
          severity: 'note',
        },
        {
          file: 'roles/product-manager.md',
          line: 9,
          message: 'Removed a <script> block: the handbook cannot show it',
          severity: 'warning',
        },
        {
          file: 'guides/planning.md',
          line: 27,
          message:
            'Link to /product-handbook/guides/old-planning/ is to a page that was not imported, so it points at https://handbook.example.org/product-handbook/guides/old-planning/ on the original site',
          severity: 'warning',
        },
      ]),
    )
    expect(result.pages.map(page => page.sourceKey)).toContain('product-team-handbook:guides/planning.md')
    expect(result.pages.some(page => page.sourcePath === 'README.md')).toBe(false)

    expect(
      result.images.map(({ fileName, contentType, sourcePath }) => ({ fileName, contentType, sourcePath })),
    ).toEqual([{ fileName: 'wall.png', contentType: 'image/png', sourcePath: 'assets/images/wall.png' }])
    expect(pageBySlug(result, 'discovery').body).toMatch(
      /!\[A team around a wall of sticky notes\]\(\/handbook\/images\/[0-9a-f]{32}\/wall\.png\)/,
    )
  })

  it('reads an Eleventy site: url filters, permalinks, eleventyNavigation, shortcodes and escaped HTML', async () => {
    const result = await readHandbookFolder(path.join(fixtures, 'eleventy'))
    expect(result.site).toBe('eleventy')
    expect(sectionsOf(result)).toEqual([
      { title: 'Team guide', pages: ['home', 'people'] },
      { title: 'Ways of working', pages: ['ways-of-working', 'retrospectives', 'standups', 'sharing'] },
    ])
    expect(problemsOf(result, 'error')).toEqual([])
    expect(expectLinksResolve(result, ['https://guide.example.net/team-guide/people/joining/'])).toBe(9)
    expectNoSiteSyntax(result)
    expect(pageBySlug(result, 'ways-of-working').body).toContain('We review this page every six months.')
    expect(pageBySlug(result, 'retrospectives').body).toContain('Bring one thing to **stop** and one to _start_.')
    expect(pageBySlug(result, 'standups').body).toContain('If you cannot come, post your update in the team channel.')
    expect(result.problems).toEqual(
      expect.arrayContaining([
        {
          file: 'index.md',
          line: 16,
          message: 'Removed the callout shortcode and what it was given',
          severity: 'warning',
        },
        {
          file: 'ways-of-working/meetings/retros.md',
          line: 17,
          message: 'Removed template output {{ prompt }}',
          severity: 'warning',
        },
        { file: 'ways-of-working/index.md', line: 14, message: 'Converted escaped HTML <p>', severity: 'note' },
      ]),
    )
    expect(result.images).toHaveLength(1)
  })

  it('reads a Docusaurus site: categories, sidebars, routes, anchors, MDX and images', async () => {
    const result = await readHandbookFolder(path.join(fixtures, 'docusaurus'))
    expect(result.site).toBe('docusaurus')
    // sidebars.js puts consent before interviews, whatever sidebar_position says.
    expect(sectionsOf(result)).toEqual([
      { title: 'Service handbook', pages: ['intro'] },
      { title: 'Getting started', pages: ['first-week', 'tools'] },
      { title: 'Practices', pages: ['reviews'] },
      { title: 'Practices: Research', pages: ['research-consent', 'interviews'] },
    ])
    expect(result.pages.some(page => page.title === 'Hello')).toBe(false)
    expect(problemsOf(result, 'error')).toEqual([])
    expect(expectLinksResolve(result, ['https://services.example.com/docs/getting-started/old-tools'])).toBe(7)
    expectNoSiteSyntax(result)

    const firstWeek = pageBySlug(result, 'first-week')
    expect(firstWeek.body).toContain('set up your tools.')
    expect(firstWeek.body).toContain('**In the office**\nCollect your pass')
    expect(firstWeek.body).toContain('[^1]: Your line manager orders')
    expect(pageBySlug(result, 'intro').body).toContain(':::tip\n')
    expect(pageBySlug(result, 'tools').body).toContain('## Accounts {#accounts}')
    expect(pageBySlug(result, 'intro').body).toContain('[how we review work](/handbook/reviews#section-what-we-check)')

    const consent = pageBySlug(result, 'research-consent')
    expect(consent.body).toMatch(/\(\/handbook\/images\/[0-9a-f]{32}\/research-wall\.png\)/)
    expect(consent.body).toContain('![Consent form example](https://assets.example.com/consent-form.png)')
    expect(pageBySlug(result, 'tools').body).toMatch(/\(\/handbook\/images\/[0-9a-f]{32}\/board\.png\)/)
    expect(result.problems).toEqual(
      expect.arrayContaining([
        {
          file: 'getting-started/first-week.mdx',
          line: 7,
          message: `Removed the line "import Tabs from '@theme/Tabs';"`,
          severity: 'note',
        },
        {
          file: 'practices/research/consent.md',
          line: 11,
          message:
            'Kept the address of the image https://assets.example.com/consent-form.png: it shows as a link to the original',
          severity: 'note',
        },
      ]),
    )
  })

  it('reads the same site twice to the same pages', async () => {
    for (const kind of ['jekyll', 'eleventy', 'docusaurus']) {
      const first = await readHandbookFolder(path.join(fixtures, kind))
      const existing = {
        slugBySourceKey: new Map(first.pages.map(page => [page.sourceKey, page.slug])),
        slugs: new Set(first.pages.map(page => page.slug)),
      }
      const second = await readHandbookFolder(path.join(fixtures, kind), { existing })
      expect(second.pages).toEqual(first.pages)
    }
  })

  it('keeps every slug when a file is added, and never takes a slug another page has', async () => {
    const files = {
      'guides/b/setup.md': page('title: Set up B'),
      'guides/c/setup.md': page('title: Set up C'),
    }
    const before = await readHandbookFolder(await tree(files), { sourceName: 'site' })
    expect(before.pages.map(({ sourceKey, slug }) => [sourceKey, slug])).toEqual([
      ['site:guides/b/setup.md', 'setup'],
      ['site:guides/c/setup.md', 'setup-2'],
    ])
    const existing = {
      slugBySourceKey: new Map(before.pages.map(p => [p.sourceKey, p.slug])),
      slugs: new Set([...before.pages.map(p => p.slug), 'welcome']),
    }
    const after = await readHandbookFolder(
      await tree({ ...files, 'guides/a/setup.md': page('title: Set up A'), 'welcome.md': page('title: Welcome') }),
      { sourceName: 'site', existing },
    )
    expect(after.pages.map(({ sourceKey, slug }) => [sourceKey, slug])).toEqual([
      ['site:welcome.md', 'welcome-2'],
      ['site:guides/a/setup.md', 'setup-3'],
      ['site:guides/b/setup.md', 'setup'],
      ['site:guides/c/setup.md', 'setup-2'],
    ])
    expect(problemsOf(after, 'warning')).toContainEqual({
      file: 'welcome.md',
      message:
        'The handbook already has a page at welcome that did not come from this file, so this page is at welcome-2. To choose another address, give the page a slug in its front matter',
    })
  })
})
