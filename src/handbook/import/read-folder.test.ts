import { existsSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { page, pageBySlug, problemsOf, temporaryFolders } from '../../../test/handbook-folders.ts'
import { createLinkResolver } from './links.ts'
import { readHandbookFolder } from './read-folder.ts'
import { renderMarkdown } from '../markdown.ts'

const tree = temporaryFolders()

describe('readHandbookFolder', () => {
  it('reads our starter format', async () => {
    const root = await tree({
      '01-about/_section.yml': 'title: About this handbook\norder: 1\nsummary: What it is for.\n',
      '01-about/01-about-this-handbook.md': page(
        'title: About this handbook\norder: 1\nsummary: Why we wrote it.',
        'Read [Scrum](../02-associate/03-scrum.md#the-roles) and [roadmaps](02-how-to-contribute.md).',
      ),
      '01-about/02-how-to-contribute.md': page('title: How to contribute\norder: 2'),
      '02-associate/_section.yml': 'title: Associate product manager\norder: 3\nsummary: The craft.\n',
      '02-associate/03-scrum.md': page(`
title: Scrum
order: 3
summary: Scrum in a government team.
roles: [associate-product-manager, astronaut]
skills: agile-working
resources:
  - kind: reading
    title: The Scrum Guide
    author: Ken Schwaber and Jeff Sutherland
    format: Guide
    length: 14 pages
    url: https://scrumguides.org/scrum-guide.html
  - kind: training
    title: Agile course
    provider: Civil Service College
    format: Course
    link: https://example.org/agile
  - title: No address
    format: Book
  - title: Unsafe address
    url: javascript:alert(1)
  - format: Video
    url: https://example.org/video
`),
    })
    const progress: [number, number, string][] = []
    const result = await readHandbookFolder(root, {
      knownRoles: ['associate-product-manager', 'product-manager'],
      knownSkills: ['agile-working'],
      onProgress: (done, total, file) => progress.push([done, total, file]),
    })

    expect(result.sections).toEqual([
      { slug: 'about', title: 'About this handbook', summary: 'What it is for.', order: 1 },
      { slug: 'associate', title: 'Associate product manager', summary: 'The craft.', order: 3 },
    ])
    expect(result.pages.map(({ slug, sectionSlug, order }) => ({ slug, sectionSlug, order }))).toEqual([
      { slug: 'about-this-handbook', sectionSlug: 'about', order: 1 },
      { slug: 'how-to-contribute', sectionSlug: 'about', order: 2 },
      { slug: 'scrum', sectionSlug: 'associate', order: 3 },
    ])
    const scrum = pageBySlug(result, 'scrum')
    expect(scrum).toMatchObject({
      title: 'Scrum',
      summary: 'Scrum in a government team.',
      body: 'Body text.',
      roles: ['associate-product-manager'],
      skills: ['agile-working'],
      sourcePath: '02-associate/03-scrum.md',
    })
    expect(scrum.resources).toEqual([
      {
        kind: 'reading',
        title: 'The Scrum Guide',
        author: 'Ken Schwaber and Jeff Sutherland',
        format: 'Guide',
        length: '14 pages',
        url: 'https://scrumguides.org/scrum-guide.html',
      },
      {
        kind: 'training',
        title: 'Agile course',
        author: 'Civil Service College',
        format: 'Course',
        length: '',
        url: 'https://example.org/agile',
      },
    ])
    expect(problemsOf(result, 'error')).toEqual([])
    expect(problemsOf(result, 'warning')).toEqual([
      { file: '02-associate/03-scrum.md', message: 'Unknown role "astronaut" was ignored' },
      {
        file: '02-associate/03-scrum.md',
        message: 'Resource "No address" needs a web address starting https:// or http:// and was ignored',
      },
      {
        file: '02-associate/03-scrum.md',
        message: 'Resource "Unsafe address" needs a web address starting https:// or http:// and was ignored',
      },
      { file: '02-associate/03-scrum.md', message: 'Resource 5 has no title and was ignored' },
    ])
    expect(progress).toEqual([
      [1, 3, '01-about/01-about-this-handbook.md'],
      [2, 3, '01-about/02-how-to-contribute.md'],
      [3, 3, '02-associate/03-scrum.md'],
    ])

    const about = pageBySlug(result, 'about-this-handbook')
    const rendered = renderMarkdown(about.body, { resolveLink: createLinkResolver(result, about) })
    expect(rendered.html).toContain('<a href="/handbook/scrum#section-the-roles" class="govuk-link">Scrum</a>')
    expect(rendered.html).toContain('<a href="/handbook/how-to-contribute" class="govuk-link">roadmaps</a>')
    expect(rendered.brokenLinks).toEqual([])
  })

  it('reads a Jekyll site with nested folders', async () => {
    const root = await tree({
      '_config.yml': 'title: Docs\n',
      '_includes/footer.md': 'Not a page',
      '.github/README.md': '# Not a page',
      'node_modules/pkg/readme.md': '# Not a page',
      'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'index.md': page('title: Home\nnav_order: 1\npermalink: /'),
      'guides/getting-started.md': page(
        'title: Getting started\nnav_order: 2\nparent: Guides\ndescription: First steps.',
        '![Logo](../assets/logo.png)\n\nNext: [advanced](advanced/tuning.md).',
      ),
      'guides/faq.markdown': page('title: FAQ\npermalink: /guides/questions.html'),
      'guides/advanced/tuning.md': page('title: Tuning\nweight: 5\ntags: [a, b]'),
      'reference/api.md': page('title: API\npublished: false'),
    })
    const result = await readHandbookFolder(root)

    expect(result.sections).toEqual([
      { slug: 'general', title: 'Docs', summary: '', order: 0 },
      { slug: 'guides', title: 'Guides', summary: '', order: 1000 },
      { slug: 'guides-advanced', title: 'Guides: Advanced', summary: '', order: 1000.001 },
    ])
    expect(
      result.pages.map(({ slug, sectionSlug, title, order, summary }) => ({
        slug,
        sectionSlug,
        title,
        order,
        summary,
      })),
    ).toEqual([
      { slug: 'home', sectionSlug: 'general', title: 'Home', order: 1, summary: '' },
      { slug: 'questions', sectionSlug: 'guides', title: 'FAQ', order: 1000, summary: '' },
      { slug: 'getting-started', sectionSlug: 'guides', title: 'Getting started', order: 2, summary: 'First steps.' },
      { slug: 'tuning', sectionSlug: 'guides-advanced', title: 'Tuning', order: 5, summary: '' },
    ])
    expect(problemsOf(result, 'error')).toEqual([])
    expect(problemsOf(result, 'warning')).toEqual([
      {
        file: 'reference/api.md',
        message: 'Page is marked as a draft (draft: true or published: false) and was skipped',
      },
    ])
  })

  it('reads a Docusaurus site', async () => {
    const root = await tree({
      'intro.md': page('sidebar_position: 1', '# Introduction\n\nStart with the [tutorial](./tutorial-basics).'),
      'tutorial-basics/_category_.json': JSON.stringify({
        label: 'Tutorial - Basics',
        position: 2,
        link: { type: 'generated-index', description: '5 minutes to learn the basics.' },
      }),
      'tutorial-basics/index.md': page('sidebar_label: Overview', 'See [create a page](create-a-page#first-steps).'),
      'tutorial-basics/02-create-a-page.md': page(
        'sidebar_position: 2\ntitle: Create a page',
        'Back to the [intro](../intro) or the [overview](./).',
      ),
      'tutorial-basics/03-deploy.md': page('slug: /deploying-your-site', '# Deploy\n\nRead [the guide](./guide).'),
      'extras/_category_.yml': 'label: Extras\nposition: 3\ndescription: Other things.\n',
      'extras/markdown-features.md': page('id: features\nsidebar_label: Markdown features'),
    })
    const result = await readHandbookFolder(root)

    expect(result.sections).toEqual([
      { slug: 'general', title: 'General', summary: '', order: 0 },
      { slug: 'tutorial-basics', title: 'Tutorial - Basics', summary: '5 minutes to learn the basics.', order: 2 },
      { slug: 'extras', title: 'Extras', summary: 'Other things.', order: 3 },
    ])
    const intro = pageBySlug(result, 'intro')
    expect(intro).toMatchObject({
      title: 'Introduction',
      order: 1,
      body: 'Start with the [tutorial](./tutorial-basics).',
    })
    expect(pageBySlug(result, 'tutorial-basics')).toMatchObject({ title: 'Overview', order: 1002 })
    expect(pageBySlug(result, 'markdown-features')).toMatchObject({ title: 'Markdown features', sectionSlug: 'extras' })
    expect(pageBySlug(result, 'create-a-page')).toMatchObject({ order: 2, sectionSlug: 'tutorial-basics' })
    expect(pageBySlug(result, 'deploying-your-site')).toMatchObject({ title: 'Deploy', order: 3 })
    expect(problemsOf(result, 'error')).toEqual([])
    expect(problemsOf(result, 'warning')).toEqual([
      { file: 'tutorial-basics/03-deploy.md', message: 'Broken link to ./guide' },
    ])

    const resolve = createLinkResolver(result, intro)
    expect(resolve('./tutorial-basics')).toBe('/handbook/tutorial-basics')
    const overview = pageBySlug(result, 'tutorial-basics')
    expect(createLinkResolver(result, overview)('create-a-page#first-steps')).toBe(
      '/handbook/create-a-page#section-first-steps',
    )
    const createPage = pageBySlug(result, 'create-a-page')
    expect(createLinkResolver(result, createPage)('../intro')).toBe('/handbook/intro')
    expect(createLinkResolver(result, createPage)('./')).toBe('/handbook/tutorial-basics')
    expect(createLinkResolver(result, createPage)('./deploying-your-site')).toBe('/handbook/deploying-your-site')
  })

  it('collects problems and carries on', async () => {
    const root = await tree({
      '01-a/01-no-title.md': 'Just some text, no heading.\n',
      '01-a/02-bad-yaml.md': '---\ntitle: [unclosed\n---\n\nBody\n',
      '01-a/03-good.md': page(
        'title: Good',
        [
          '[Missing page](04-missing.md) [gone folder](../02-nothing/) [fine](05-same.md#part) [anchor](#top)',
          '[site](/people) [web](https://example.com "Title") [mail](mailto:a@example.com) [bad](javascript:void)',
          '![Missing](images/nope.png) ![Present](images/chart.png)',
          '[![Badge](images/chart.png)](04-also-missing.md)',
          '`[not a link](in-code.md)`',
          '```\n[also not](in-fence.md)\n```',
          '[ref]: ./05-same.md',
          '[ref2]: ./06-nowhere.md',
        ].join('\n\n'),
      ),
      '01-a/images/chart.png': 'png',
      '01-a/05-same.md': page('title: Same\nslug: good'),
      '01-a/06-same.md': page('title: Same again\npermalink: /docs/good/'),
      '01-a/07-big.md': `---\ntitle: Big\n---\n${'a'.repeat(1024 * 1024)}`,
      '01-a/08-long-summary.md': page(`title: Long\nsummary: ${'word '.repeat(80)}`),
      '01-a/09-list.md': page('title: List\nroles: 7\nresources: nope\norder: soon'),
      '01-a/10-not-a-map.md': '---\n- a\n- b\n---\nBody\n',
    })
    const result = await readHandbookFolder(root)

    expect(result.pages.map(({ slug }) => slug)).toEqual(['good', 'good-2', 'good-3', 'long-summary', 'list'])
    expect(problemsOf(result, 'error')).toEqual([
      { file: '01-a/01-no-title.md', message: 'Page has no title' },
      { file: '01-a/02-bad-yaml.md', message: expect.stringMatching(/^Front matter is not valid YAML: /) },
      { file: '01-a/07-big.md', message: 'File is larger than 1 MB and was skipped' },
      { file: '01-a/10-not-a-map.md', message: 'Front matter must be a list of "key: value" lines' },
    ])
    const warnings = problemsOf(result, 'warning')
    expect(warnings).toEqual([
      { file: '01-a/08-long-summary.md', message: 'Summary is longer than 300 characters and was shortened' },
      { file: '01-a/09-list.md', message: 'Front matter "order" is not a number' },
      { file: '01-a/09-list.md', message: 'Front matter "resources" must be a list' },
      { file: '01-a/05-same.md', message: 'Slug "good" is already used, so this one is "good-2"' },
      { file: '01-a/06-same.md', message: 'Slug "good" is already used, so this one is "good-3"' },
      { file: '01-a/03-good.md', message: 'Broken link to 04-missing.md' },
      { file: '01-a/03-good.md', message: 'Broken link to ../02-nothing/' },
      { file: '01-a/03-good.md', message: 'Link to javascript:void is not allowed and will show as text' },
      { file: '01-a/03-good.md', message: 'Broken link to 04-also-missing.md' },
      { file: '01-a/03-good.md', message: 'Broken link to ./06-nowhere.md' },
      { file: '01-a/03-good.md', message: 'Missing image images/nope.png' },
      { file: '01-a/03-good.md', message: 'Image chart.png is not a PNG, JPEG, GIF or WebP image' },
    ])
    const summary = pageBySlug(result, 'long-summary').summary
    expect(summary.length).toBeLessThanOrEqual(300)
    expect(summary.endsWith('…')).toBe(true)
    expect(pageBySlug(result, 'list')).toMatchObject({ roles: ['7'], order: 9 })
  })

  it('lets front matter choose the section', async () => {
    const root = await tree({
      '01-one/_section.yml': 'title: One\norder: 1\n',
      '01-one/a.md': page('title: A'),
      '02-two/b.md': page('title: B\nsection: one'),
      '02-two/c.md': page('title: C\nsection: Ways of working'),
      'root-page.md': page('title: Root'),
    })
    const result = await readHandbookFolder(root)
    // Folder 02-two is not a section: both its pages chose another one.
    expect(result.sections).toEqual([
      { slug: 'general', title: 'General', summary: '', order: 0 },
      { slug: 'one', title: 'One', summary: '', order: 1 },
      { slug: 'ways-of-working', title: 'Ways of working', summary: '', order: 1003 },
    ])
    expect(result.pages.map(({ slug, sectionSlug }) => [slug, sectionSlug])).toEqual([
      ['root-page', 'general'],
      ['a', 'one'],
      ['b', 'one'],
      ['c', 'ways-of-working'],
    ])
  })

  it('reports a missing folder', async () => {
    const result = await readHandbookFolder(path.join(os.tmpdir(), 'valuekit-no-such-folder-4f2c'))
    expect(result.pages).toEqual([])
    expect(result.problems).toEqual([
      { file: '.', message: expect.stringMatching(/^Cannot read the folder: /), severity: 'error' },
    ])
  })
})

const starterHandbook = path.resolve(import.meta.dirname, '../../../content/handbook')

function hasMarkdown(folder: string): boolean {
  if (!existsSync(folder)) return false
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).some(file => /\.(?:md|markdown)$/.test(file))
}

describe('the starter handbook', () => {
  it.skipIf(!hasMarkdown(starterHandbook))('imports without errors or broken links', async () => {
    const result = await readHandbookFolder(starterHandbook)
    expect(result.problems.filter(problem => problem.severity === 'error')).toEqual([])
    expect(result.problems.filter(problem => /^(?:Broken link|Missing image)/.test(problem.message))).toEqual([])
    expect(result.pages.length).toBeGreaterThan(0)
    for (const page of result.pages) {
      const rendered = renderMarkdown(page.body, { resolveLink: createLinkResolver(result, page) })
      expect({ page: page.sourcePath, brokenLinks: rendered.brokenLinks }).toEqual({
        page: page.sourcePath,
        brokenLinks: [],
      })
    }
  })
})
