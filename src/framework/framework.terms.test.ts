import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  addPersonWithId,
  buildTestApp,
  formFields,
  setUpInstallation,
  type TestContext,
} from '../../test/build-test-app.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import { FRAMEWORK_2017, FRAMEWORK_2025, withLeadership } from './framework.bundled.ts'
import type { ProposalChange } from './framework.service.ts'
import { BUNDLED_TERMS, bundledRoleName, bundledSkillName, equivalentSkills, termsOf } from './framework.terms.ts'

describe('framework terms', () => {
  it('offers the active roles of the pathway shape, junior first, and orders every role', () => {
    const small = termsOf(1, FRAMEWORK_2025, 'small')
    expect(small.roles.map(r => r.name)).toEqual(['Associate product manager', 'Product manager', 'Head of product'])
    expect(small.roleOrder).toEqual([
      'associate-product-manager',
      'product-manager',
      'senior-product-manager',
      'lead-product-manager',
      'head-of-product',
    ])
    expect(BUNDLED_TERMS.roles).toHaveLength(5)
  })

  it('leaves retired roles and skills out of the choices but keeps their names and place', () => {
    const doc = withLeadership(FRAMEWORK_2025)
    const retired = {
      ...doc,
      roles: doc.roles.map(r => (r.slug === 'lead-product-manager' ? { ...r, retired: true } : r)),
      skills: doc.skills.map(s => (s.slug === 'teaching' ? { ...s, retired: true } : s)),
    }
    const terms = termsOf(7, retired, 'enterprise')
    expect(terms.version).toBe(7)
    expect(terms.roles.map(r => r.slug)).not.toContain('lead-product-manager')
    expect(terms.roleOrder).toContain('lead-product-manager')
    expect(terms.roleName('lead-product-manager')).toBe('Lead product manager')
    expect(terms.skills.map(s => s.slug)).not.toContain('teaching')
    expect(terms.skillName('teaching')).toBe('Teaching')
  })

  it('puts core skills before leadership ones', () => {
    const groups = BUNDLED_TERMS.skills.map(s => s.group)
    expect(groups.indexOf('leadership')).toBe(9)
    expect(groups.lastIndexOf('core')).toBe(8)
  })

  it('finds the matching skills of another framework through the suggested mapping', () => {
    const terms2017 = termsOf(1, FRAMEWORK_2017, 'enterprise')
    expect(equivalentSkills('agile-and-lean-practices', terms2017)).toEqual(['working-with-agility'])
    expect(equivalentSkills('product-management', terms2017)).toEqual(['product-ownership', 'problem-ownership'])
    expect(equivalentSkills('product-leadership', terms2017)).toEqual([])
    expect(equivalentSkills('user-focus', BUNDLED_TERMS)).toEqual(['applying-user-centred-insights'])
    expect(equivalentSkills('coaching', BUNDLED_TERMS)).toEqual(['coaching'])
  })

  it('names roles and skills of other bundled frameworks, and falls back to the slug', () => {
    const terms = termsOf(1, FRAMEWORK_2017, 'enterprise')
    expect(terms.skillName('user-focus')).toBe('User focus')
    expect(terms.skillName('agile-and-lean-practices')).toBe('Agile and Lean practices')
    expect(bundledSkillName('coaching')).toBe('Coaching')
    expect(bundledRoleName('head-of-product')).toBe('Head of product')
    expect(terms.skillName('made-up-skill')).toBe('made-up-skill')
  })
})

// Roles and skills added through proposals must be usable straight away: people can be given the
// new role (in the form and the spreadsheet import) and handbook pages tagged with the new skill.
describe('framework changes reach people and the handbook', () => {
  let ctx: TestContext
  let admin: Agent
  let hop: Viewer
  let adminViewer: Viewer

  const approve = async (change: ProposalChange) => {
    const { framework } = ctx.app.services
    const proposal = await framework.propose(hop, change, 'The profession needs it')
    return framework.approve(adminViewer, proposal.id, 'Agreed')
  }

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    const accounts = await ctx.app.services.accounts.list()
    const ada = accounts.find(a => a.name === 'Ada Admin')
    if (!ada) throw new Error('No administrator')
    adminViewer = {
      user: { id: ada.id, name: ada.name, email: ada.email, role: 'administrator' },
      businessArea: null,
      headOfProfession: false,
      hasProfile: false,
      lineManagerId: null,
      managesSomeone: false,
      group: null,
      careerRole: null,
    }
    const head = await addPersonWithId(ctx, admin, 'leader', 'Hana Head')
    hop = {
      user: { id: head.id, name: head.name, email: head.email, role: 'leader' },
      businessArea: null,
      headOfProfession: true,
      hasProfile: false,
      lineManagerId: null,
      managesSomeone: false,
      group: null,
      careerRole: null,
    }
    await approve({
      kind: 'add-role',
      payload: {
        name: 'Principal product manager',
        after: 'lead-product-manager',
        shapes: ['enterprise'],
        summary: 'Leads product across a portfolio of services.',
        expectations: { 'product-management': 'expert' },
      },
    })
    await approve({
      kind: 'add-skill',
      payload: {
        name: 'Data literacy',
        group: 'core',
        gist: 'Uses data to decide what to do next.',
        descriptors: {
          awareness: 'Knows where the numbers come from.',
          working: 'Reads the numbers and asks good questions of them.',
          practitioner: 'Uses data to shape decisions with the team.',
          expert: 'Sets how the profession uses data.',
        },
        expectations: { 'product-manager': 'working' },
      },
    })
  })
  afterAll(() => ctx.close())

  it('gives a person a role added by a proposal, and records it as a promotion', async () => {
    const person = await addPersonWithId(ctx, admin, 'member', 'Pat Principal')
    const form = await admin.get(`/people/${person.id}/edit`)
    expect(form.statusCode).toBe(200)
    expect($(form.body)('input[name="careerRole"][value="principal-product-manager"]').length).toBe(1)
    const save = (careerRole: string, page: string) =>
      admin.post(`/people/${person.id}/edit`, {
        ...formFields(page, `/people/${person.id}/edit`),
        careerRole,
        businessArea: 'Benefits',
        'dateIntoRole-day': '1',
        'dateIntoRole-month': '4',
        'dateIntoRole-year': '2025',
      })
    expect((await save('lead-product-manager', form.body)).statusCode).toBe(303)
    const again = await admin.get(`/people/${person.id}/edit`)
    const promoted = await save('principal-product-manager', again.body)
    expect(promoted.statusCode).toBe(303)
    const shown = await admin.get(`/people/${person.id}`)
    expect(shown.body).toContain('Principal product manager')
    const history = await ctx.app.services.people.history(person.id)
    expect(history.map(h => [h.careerRole, h.change])).toContainEqual(['principal-product-manager', 'promotion'])
  })

  it('accepts the new role by name in the spreadsheet import', async () => {
    const csv = 'name,email,career_role,business_area\nRia Ross,ria.ross@example.gov.uk,Principal product manager,Tax'
    const preview = await admin.submit('/people/import', '/people/import/preview', { csv })
    expect(preview.statusCode).toBe(200)
    expect($(preview.body)('.govuk-error-summary').length).toBe(0)
    expect(preview.body).toContain('Principal product manager')
  })

  it('keeps a role the pathway no longer uses for the people who hold it, but offers it to nobody else', async () => {
    const lead = { 'dateIntoRole-day': '1', 'dateIntoRole-month': '4', 'dateIntoRole-year': '2025' }
    const saveProfile = async (id: string, fields: Record<string, string>) => {
      const form = await admin.get(`/people/${id}/edit`)
      return admin.post(`/people/${id}/edit`, { ...formFields(form.body, `/people/${id}/edit`), ...lead, ...fields })
    }
    const holder = await addPersonWithId(ctx, admin, 'member', 'Lee Lead')
    const other = await addPersonWithId(ctx, admin, 'member', 'Max Mover')
    expect(
      (await saveProfile(holder.id, { careerRole: 'lead-product-manager', businessArea: 'Benefits' })).statusCode,
    ).toBe(303)
    expect((await saveProfile(other.id, { careerRole: 'product-manager', businessArea: 'Benefits' })).statusCode).toBe(
      303,
    )

    // The organisation moves to the small pathway, which has no lead product managers.
    const settings = await admin.get('/admin/settings')
    const changed = await admin.post('/admin/settings', {
      ...formFields(settings.body, '/admin/settings'),
      pathwayShape: 'small',
    })
    expect(changed.statusCode).toBe(303)

    const holderForm = $((await admin.get(`/people/${holder.id}/edit`)).body)
    expect(holderForm('input[name="careerRole"][value="lead-product-manager"]').attr('checked')).toBeDefined()
    expect((await saveProfile(holder.id, { careerRole: 'lead-product-manager', businessArea: 'Tax' })).statusCode).toBe(
      303,
    )
    expect((await ctx.app.services.people.get(holder.id)).businessArea).toBe('Tax')

    const otherForm = $((await admin.get(`/people/${other.id}/edit`)).body)
    expect(otherForm('input[name="careerRole"][value="lead-product-manager"]').length).toBe(0)
    const refused = await saveProfile(other.id, { careerRole: 'lead-product-manager', businessArea: 'Benefits' })
    expect(refused.statusCode).toBe(400)
    expect($(refused.body)('.govuk-error-summary').text()).toContain('Select a career role')

    const back = await admin.get('/admin/settings')
    await admin.post('/admin/settings', { ...formFields(back.body, '/admin/settings'), pathwayShape: 'enterprise' })
  })

  it('tags a handbook page with a skill added by a proposal, and names it on the page', async () => {
    const form = await admin.get('/handbook/scrum/edit')
    const page = $(form.body)
    expect(page('input[name="skills"][value="data-literacy"]').length).toBe(1)
    expect(page('input[name="roles"][value="principal-product-manager"]').length).toBe(1)
    const saved = await admin.post('/handbook/scrum/edit', {
      ...formFields(form.body, '/handbook/scrum/edit'),
      skills: ['agile-and-lean-practices', 'data-literacy'],
      roles: ['principal-product-manager'],
    })
    expect(saved.statusCode).toBe(303)
    const shown = $((await admin.get('/handbook/scrum')).body)
    expect(shown('main').text()).toContain('Data literacy')
    expect(shown('main').text()).toContain('Principal product manager')
    const pages = await ctx.app.services.handbook.pagesForSkills(['data-literacy'])
    expect(pages.map(p => p.slug)).toContain('scrum')
  })

  it('refuses a tag that is not in the current framework, keeping what was typed', async () => {
    const form = await admin.get('/handbook/scrum/edit')
    const refused = await admin.post('/handbook/scrum/edit', {
      ...formFields(form.body, '/handbook/scrum/edit'),
      title: 'Scrum, my way',
      skills: ['user-focus'],
    })
    expect(refused.statusCode).toBe(400)
    const page = $(refused.body)
    expect(page('.govuk-error-summary').text()).toContain('Select skills from the list')
    expect(page('input[name="title"]').val()).toBe('Scrum, my way')
  })
})
