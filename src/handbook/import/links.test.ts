import { describe, expect, it } from 'vitest'
import { page, pageBySlug, temporaryFolders } from '../../../test/handbook-folders.ts'
import { createLinkResolver } from './links.ts'
import { readHandbookFolder } from './read-folder.ts'

const tree = temporaryFolders()

describe('createLinkResolver', () => {
  it('maps relative targets to handbook URLs', async () => {
    const root = await tree({
      '01-about/01-intro.md': page('title: Intro'),
      '01-about/README.md': page('title: About'),
      '03-associate-product-manager/03-scrum.md': page('title: Scrum'),
      '03-associate-product-manager/sub/index.md': page('title: Sub index'),
    })
    const result = await readHandbookFolder(root)
    const resolve = createLinkResolver(result, pageBySlug(result, 'intro'))

    expect(resolve('../03-associate-product-manager/03-scrum.md')).toBe('/handbook/scrum')
    expect(resolve('../03-associate-product-manager/03-scrum.md#The Roles')).toBe('/handbook/scrum#section-the-roles')
    expect(resolve('../03-associate-product-manager/03-scrum.md?x=1#part')).toBe('/handbook/scrum#section-part')
    expect(resolve('../03-associate-product-manager/03-scrum')).toBe('/handbook/scrum')
    expect(resolve('../associate-product-manager/scrum')).toBe('/handbook/scrum')
    expect(resolve('../03-associate-product-manager/sub/')).toBe('/handbook/sub')
    expect(resolve('./README.md')).toBe('/handbook/about')
    expect(resolve('.')).toBe('/handbook/about')
    expect(resolve('01-intro.md')).toBe('/handbook/intro')
    expect(resolve('01-intro%2Emd')).toBe('/handbook/intro')
    expect(resolve('#why-it-matters')).toBe('#section-why-it-matters')
    expect(resolve('https://www.gov.uk/service-manual')).toBe('https://www.gov.uk/service-manual')
    expect(resolve('mailto:team@example.com')).toBe('mailto:team@example.com')
    expect(resolve('/people')).toBe('/people')
    expect(resolve('missing.md')).toBeNull()
    expect(resolve('../../outside.md')).toBeNull()
    expect(resolve('notes.pdf')).toBeNull()
    expect(resolve('')).toBeNull()
  })
})
