import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  addPerson,
  buildTestApp,
  formFields,
  setUpInstallation,
  type TestContext,
} from '../../test/build-test-app.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import type { ProfileChanges } from './people.types.ts'

const profile = (overrides: Partial<ProfileChanges> = {}): ProfileChanges => ({
  careerRole: 'product-manager',
  lineManagerId: null,
  associateOfId: null,
  businessArea: 'Benefits',
  group: 'Claims',
  dateIntoRole: '2024-01-01',
  headOfProfession: false,
  oneToOneCadenceDays: 28,
  ...overrides,
})

const HEADER = 'name,email,career_role,line_manager_email,associate_of_email,business_area,group,date_into_role'

describe('the people of the profession', () => {
  let ctx: TestContext
  let admin: Agent
  let leader: Agent & { email: string; name: string }
  let member: Agent & { email: string; name: string }
  let hop: Agent & { email: string; name: string }
  const ids = { leader: '', member: '', other: '', benefitsPm: '' }

  const idOf = async (email: string) => (await ctx.app.services.people.findByEmail(email))?.id ?? ''
  const setProfile = async (email: string, changes: Partial<ProfileChanges>) => {
    const person = await ctx.app.services.people.get(await idOf(email))
    await ctx.app.services.people.saveProfile(SYSTEM_ACTOR, person.id, profile(changes), person.version)
  }
  const countUsers = async () => (await ctx.app.services.accounts.list()).length

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    leader = await addPerson(ctx, admin, 'leader', 'Lee Leader')
    member = await addPerson(ctx, admin, 'member', 'Mia Member')
    hop = await addPerson(ctx, admin, 'member', 'Hal Head')
    const other = await addPerson(ctx, admin, 'member', 'Oli Other')
    const benefitsPm = await addPerson(ctx, admin, 'member', 'Bea Benefits')
    await setProfile(leader.email, { careerRole: 'lead-product-manager', businessArea: 'Benefits', group: '' })
    await setProfile(hop.email, {
      careerRole: 'head-of-product',
      businessArea: 'Central',
      group: '',
      headOfProfession: true,
    })
    await setProfile(other.email, { businessArea: 'Pensions', group: 'Payments' })
    await setProfile(benefitsPm.email, {
      businessArea: 'Benefits',
      group: 'Claims',
      lineManagerId: await idOf(leader.email),
    })
    ids.leader = await idOf(leader.email)
    ids.member = await idOf(member.email)
    ids.other = await idOf(other.email)
    ids.benefitsPm = await idOf(benefitsPm.email)
  })
  afterAll(() => ctx.close())

  describe('the list of people', () => {
    it('is not for members', async () => {
      expect((await member.get('/people')).statusCode).toBe(403)
      expect((await member.get(`/people/${ids.other}`)).statusCode).toBe(403)
    })

    it('shows a leader the people of their own area only, and no import button', async () => {
      const res = await leader.get('/people')
      expect(res.statusCode).toBe(200)
      const page = $(res.body)
      const names = page('[data-testid="people"] tbody tr td:first-child')
        .map((_, el) => page(el).text().trim())
        .get()
      expect(names).toEqual(['Bea Benefits', 'Lee Leader'])
      expect(page('a[href="/people/import"]').length).toBe(0)
      expect(page('select#area').length).toBe(0)
    })

    it('shows administrators and heads of profession everyone, with filters and the import button', async () => {
      for (const agent of [admin, hop]) {
        const page = $((await agent.get('/people')).body)
        expect(page('[data-testid="people"] caption').text()).toContain('4 people')
        expect(page('a[href="/people/import"]').text()).toContain('Add people from a spreadsheet')
      }
      const row = $((await admin.get('/people')).body)(`a[href="/people/${ids.benefitsPm}"]`).closest('tr')
      expect(row.find('td').length).toBe(6)
      expect(row.text()).toContain('Product manager')
      expect(row.text()).toContain('Lee Leader')
      expect(row.text()).toContain('1 January 2024')

      const byArea = $((await admin.get('/people?area=Pensions')).body)
      expect(byArea('[data-testid="people"] tbody tr').length).toBe(1)
      expect(byArea('select#area option[selected]').attr('value')).toBe('Pensions')
      const byRole = $((await admin.get('/people?role=head-of-product')).body)
      expect(byRole('[data-testid="people"] tbody tr').text()).toContain('Hal Head')
      const byGroup = $((await admin.get('/people?group=Payments')).body)
      expect(byGroup('[data-testid="people"] tbody tr').text()).toContain('Oli Other')
      expect($((await admin.get('/people?group=Nothing')).body)('[data-testid="no-people"]').text()).toContain(
        'Nobody matches',
      )
      expect((await admin.get('/people?page=0')).statusCode).toBe(400)
    })

    it('lists accounts not yet in the profession for administrators', async () => {
      const page = $((await admin.get('/people?show=accounts')).body)
      expect(page('h1').text()).toBe('Accounts not in the profession')
      expect(page(`a[href="/people/${ids.member}/edit"]`).length).toBe(1)
      expect(page('[data-testid="people"]').text()).toContain('ada@example.gov.uk')
    })
  })

  describe('a profile', () => {
    it('adds an account to the profession, then records a promotion in the history', async () => {
      const person = await addPerson(ctx, admin, 'member', 'Pia Promoted')
      const id = await idOf(person.email)
      const form = await admin.get(`/people/${id}/edit`)
      expect($(form.body)('h1').text()).toBe('Add Pia Promoted to the profession')
      const added = await admin.post(`/people/${id}/edit`, {
        ...formFields(form.body, `/people/${id}/edit`),
        careerRole: 'product-manager',
        lineManager: leader.email,
        businessArea: 'Benefits',
        group: 'Claims',
        'dateIntoRole-day': '3',
        'dateIntoRole-month': '2',
        'dateIntoRole-year': '2025',
        'effectiveFrom-day': '3',
        'effectiveFrom-month': '2',
        'effectiveFrom-year': '2025',
      })
      expect(added.statusCode).toBe(303)
      expect(added.headers.location).toBe(`/people/${id}`)

      const edit = await admin.get(`/people/${id}/edit`)
      expect($(edit.body)('#lineManager option[selected]').attr('value')).toBe(leader.email)
      const promoted = await admin.post(`/people/${id}/edit`, {
        ...formFields(edit.body, `/people/${id}/edit`),
        careerRole: 'senior-product-manager',
        'dateIntoRole-day': '1',
        'dateIntoRole-month': '11',
        'dateIntoRole-year': '2026',
        'effectiveFrom-day': '1',
        'effectiveFrom-month': '11',
        'effectiveFrom-year': '2026',
      })
      expect(promoted.statusCode).toBe(303)

      const show = await admin.get(`/people/${id}`)
      const page = $(show.body)
      expect(page('.govuk-notification-banner').text()).toContain('You changed Pia Promoted’s profile')
      const summary = page('[data-testid="profile"]').text()
      expect(summary).toContain('Senior product manager')
      expect(summary).toContain('Lee Leader')
      expect(summary).toContain('1 November 2026')
      const history = page('[data-testid="history"] .moj-timeline__item')
        .map((_, el) => page(el).find('.moj-timeline__title').text() + ' | ' + page(el).find('time').text())
        .get()
      expect(history).toEqual([
        'Promoted: Senior product manager | 1 November 2026',
        'Joined the profession: Product manager | 3 February 2025',
      ])
      expect(page(`a[href="/people/${id}/edit#careerRole"]`).length).toBe(1)
      // The person sees their own profile, without links to change it.
      const own = $((await person.get(`/people/${id}`)).body)
      expect(own('[data-testid="profile"]').text()).toContain('Senior product manager')
      expect(own(`a[href^="/people/${id}/edit"]`).length).toBe(0)
    })

    it('keeps what was typed and shows both versions when someone else saved first', async () => {
      const form = await admin.get(`/people/${ids.other}/edit`)
      const fields = formFields(form.body, `/people/${ids.other}/edit`)
      await setProfile('oli.other@example.gov.uk', { businessArea: 'Pensions', group: 'Their group' })
      const res = await admin.post(`/people/${ids.other}/edit`, { ...fields, group: 'My group' })
      expect(res.statusCode).toBe(409)
      const page = $(res.body)
      const conflict = page('[data-testid="conflict"]').text()
      expect(conflict).toContain('Their group')
      expect(conflict).toContain('My group')
      expect(page('#group').attr('value')).toBe('My group')
      const person = await ctx.app.services.people.get(ids.other)
      expect(person.group).toBe('Their group')
      expect(page('input[name="version"]').attr('value')).toBe(String(person.version))
      // Saving again replaces their version knowingly.
      const again = await admin.post(`/people/${ids.other}/edit`, formFields(res.body, `/people/${ids.other}/edit`))
      expect(again.statusCode).toBe(303)
      expect((await ctx.app.services.people.get(ids.other)).group).toBe('My group')
    })

    it('says what is wrong: own line manager, a cycle, an associate without a senior, bad dates', async () => {
      const url = `/people/${ids.leader}/edit`
      const fields = formFields((await admin.get(url)).body, url)
      const problems = async (changes: Record<string, string>) => {
        const res = await admin.post(url, { ...fields, ...changes })
        expect(res.statusCode).toBe(400)
        const page = $(res.body)
        return page('.govuk-error-summary li a')
          .map((_, el) => `${page(el).attr('href')} ${page(el).text().trim()}`)
          .get()
      }
      expect(await problems({ lineManager: leader.email })).toEqual([
        '#lineManager A person cannot be their own line manager',
      ])
      expect(await problems({ lineManager: 'bea.benefits@example.gov.uk' })).toEqual([
        '#lineManager Lee Leader already manages Bea Benefits, directly or through others, so Bea Benefits cannot be their line manager',
      ])
      expect(await problems({ careerRole: 'associate-product-manager', associateOf: '' })).toEqual([
        '#associateOf Select the senior product manager this associate is associated with',
      ])
      expect(
        await problems({
          'dateIntoRole-day': '31',
          'dateIntoRole-month': '2',
          'dateIntoRole-year': '2025',
          'effectiveFrom-month': '',
        }),
      ).toEqual([
        '#dateIntoRole-day Date into role must be a real date',
        '#effectiveFrom-month The date the change took effect must include a month',
      ])
      expect(
        await problems({ 'dateIntoRole-day': '1', 'dateIntoRole-month': '1', 'dateIntoRole-year': '2030' }),
      ).toEqual(['#dateIntoRole-day Date into role must be today or in the past'])
      expect(await problems({ careerRole: '', cadenceDays: '0' })).toEqual([
        '#careerRole Select a career role',
        '#cadenceDays Days between 1:1s must be a whole number from 1 to 365',
      ])
      const res = await admin.post(url, { ...fields, careerRole: '', group: 'Kept <b>safe</b>' })
      expect($(res.body)('#group').attr('value')).toBe('Kept <b>safe</b>')
      expect(res.body).not.toContain('<b>safe</b>')
    })

    it('lets a leader change people in their own area, but not move them out or make a head of profession', async () => {
      expect((await leader.get(`/people/${ids.other}/edit`)).statusCode).toBe(403)
      const token = await leader.token()
      expect(
        (await leader.post(`/people/${ids.other}/edit`, { _csrf: token, careerRole: 'product-manager' })).statusCode,
      ).toBe(403)
      expect((await member.get(`/people/${ids.benefitsPm}/edit`)).statusCode).toBe(403)

      const url = `/people/${ids.benefitsPm}/edit`
      const form = await leader.get(url)
      expect(form.statusCode).toBe(200)
      expect($(form.body)('input[name="businessArea"]').length).toBe(0)
      expect($(form.body)('input[name="headOfProfession"]').length).toBe(0)
      const res = await leader.post(url, {
        ...formFields(form.body, url),
        group: 'Appeals',
        businessArea: 'Pensions',
        headOfProfession: 'yes',
      })
      expect(res.statusCode).toBe(303)
      expect(await ctx.app.services.people.get(ids.benefitsPm)).toMatchObject({
        group: 'Appeals',
        businessArea: 'Benefits',
        headOfProfession: false,
      })
      // The administrator sees the head-of-profession question.
      expect($((await admin.get(url)).body)('input[name="headOfProfession"]').length).toBe(2)
    })
  })

  describe('importing people from a spreadsheet', () => {
    const previewOf = (agent: Agent, csv: string) => agent.submit('/people/import', '/people/import/preview', { csv })

    it('shows each problem with its row and column, and saves nothing', async () => {
      const csv = [
        HEADER,
        'Ivy Import,ivy@import.gov.uk,Senior product manager,,,Tax,Income,2024-01-01',
        'Jon Import,jon@import.gov.uk,Product manager,ivy@import.gov.uk,,Tax,Income,2025-03-01',
        'Kim Import,kim@import.gov.uk,Associate product manager,jon@import.gov.uk,,Tax,Income,', // no senior
        'Len Import,len@import.gov.uk,Product manager,nobody@import.gov.uk,,Tax,Income,', // unknown manager
        'Meg Import,meg@import.gov.uk,Head of product,,,Tax,,31/02/2024', // not a real date
        'Ned Import,jon@import.gov.uk,Product manager,ivy@import.gov.uk,,Tax,Income,', // duplicate email
        'Ola Import,ola@import.gov.uk,Product manager,ivy@import.gov.uk,,Tax,Income,',
        'Pip Import,pip@import.gov.uk,Product manager,ivy@import.gov.uk,,Tax,Outgoings,',
        'Quin Import,quin@import.gov.uk,Product manager,meg@import.gov.uk,,Tax,,',
        'Rae Import,rae@import.gov.uk,Product manager,meg@import.gov.uk,,Tax,,',
      ].join('\n')
      const before = await countUsers()
      const res = await previewOf(admin, csv)
      expect(res.statusCode).toBe(400)
      const page = $(res.body)
      expect(page('.govuk-error-summary').text()).toContain(
        'Fix the 4 problems in the spreadsheet, then check it again',
      )
      const problems = page('[data-testid="problems"] tbody tr')
        .map((_, tr) => [
          page(tr)
            .find('td')
            .map((__, td) => page(td).text().trim())
            .get(),
        ])
        .get()
      expect(problems).toEqual([
        [
          '4',
          'associate_of_email',
          'Enter the email address of the senior product manager this associate is associated with',
        ],
        [
          '5',
          'line_manager_email',
          'Nobody with the email address nobody@import.gov.uk is in the spreadsheet or has an account',
        ],
        ['6', 'date_into_role', 'Date into role must be a real date, like 2025-03-31 or 31/03/2025'],
        ['7', 'email', 'jon@import.gov.uk is also on row 3'],
      ])
      expect(page('textarea#csv').text()).toBe(csv)
      expect(page('button[formaction="/people/import"]').length).toBe(0)
      expect(await countUsers()).toBe(before)

      // Importing it anyway is refused the same way.
      const forced = await admin.post('/people/import', { _csrf: await admin.token(), csv, checked: '' })
      expect(forced.statusCode).toBe(400)
      expect(await countUsers()).toBe(before)
    })

    it('imports the corrected spreadsheet, then finds nothing to change the second time', async () => {
      const csv = [
        HEADER,
        'Ivy Import,ivy@import.gov.uk,Senior product manager,,,Tax,Income,2024-01-01',
        'Jon Import,jon@import.gov.uk,Product manager,ivy@import.gov.uk,,Tax,Income,2025-03-01',
        'Kim Import,kim@import.gov.uk,Associate product manager,jon@import.gov.uk,ivy@import.gov.uk,Tax,Income,',
        'Len Import,len@import.gov.uk,Product manager,ivy@import.gov.uk,,Tax,Income,',
        'Meg Import,meg@import.gov.uk,Head of product,,,Tax,,28/02/2024',
        'Ned Import,ned@import.gov.uk,Product manager,ivy@import.gov.uk,,Tax,Income,',
        'Ola Import,ola@import.gov.uk,Product manager,ivy@import.gov.uk,,Tax,Income,',
        'Pip Import,pip@import.gov.uk,Product manager,ivy@import.gov.uk,,Tax,Outgoings,',
        'Quin Import,quin@import.gov.uk,Product manager,meg@import.gov.uk,,Tax,,',
        'Mia Member,mia.member@example.gov.uk,Product manager,meg@import.gov.uk,,Tax,,',
      ].join('\n')
      const before = await countUsers()
      const preview = await previewOf(admin, csv)
      expect(preview.statusCode).toBe(200)
      const page = $(preview.body)
      expect(page('[data-testid="counts"]').text().replace(/\s+/g, ' ')).toContain('New accounts and profiles 9')
      expect(page('[data-testid="counts"]').text().replace(/\s+/g, ' ')).toContain(
        'Existing accounts added to the profession 1',
      )
      expect(page('[data-testid="preview"] tbody tr').length).toBe(10)
      expect(page('.govuk-warning-text').text()).toContain('make set-password links')
      expect(page('button[formaction="/people/import"]').text().trim()).toBe('Import 10 people')

      const imported = await admin.post('/people/import', formFields(preview.body, '/people/import/preview'))
      expect(imported.statusCode).toBe(303)
      expect(imported.headers.location).toBe('/people')
      const list = $((await admin.get('/people')).body)
      expect(list('.govuk-notification-banner').text()).toContain(
        'You imported the spreadsheet: 9 new accounts, 1 existing account added to the profession, 0 profiles updated, 0 unchanged',
      )
      expect(await countUsers()).toBe(before + 9)
      const kim = await ctx.app.services.people.findByEmail('kim@import.gov.uk')
      expect(kim).toMatchObject({
        accountStatus: 'invited',
        lineManagerName: 'Jon Import',
        associateOfName: 'Ivy Import',
      })
      expect((await ctx.app.services.people.history(kim?.id ?? '')).map(h => h.change)).toEqual(['joined'])
      const events = await ctx.app.services.audit.list({}, 1)
      expect(events.events.filter(e => e.action === 'people.imported')).toHaveLength(1)

      const again = await previewOf(admin, csv)
      expect(again.statusCode).toBe(200)
      expect($(again.body)('[data-testid="counts"]').text().replace(/\s+/g, ' ')).toContain('No change 10')
      expect($(again.body)('[data-testid="nothing-to-do"]').length).toBe(1)
      expect($(again.body)('button[formaction="/people/import"]').length).toBe(0)
    })

    it('checks again instead of importing a spreadsheet changed after its check', async () => {
      const csv = `${HEADER}\nSue Sneaky,sue@sneaky.gov.uk,Product manager,,,Tax,,`
      const preview = await previewOf(admin, csv)
      const fields = formFields(preview.body, '/people/import/preview')
      const res = await admin.post('/people/import', {
        ...fields,
        csv: `${csv}\nTom Sneaky,tom@sneaky.gov.uk,Product manager,,,Tax,,`,
      })
      expect(res.statusCode).toBe(200)
      expect($(res.body)('.govuk-inset-text').text()).toContain('changed after it was checked')
      expect(await ctx.app.services.people.findByEmail('sue@sneaky.gov.uk')).toBeNull()
    })

    it('reads an uploaded CSV file and refuses a workbook', async () => {
      // The CSV box is sent empty beside the file, as the form sends it.
      const upload = (filename: string, content: Buffer) =>
        admin.upload(
          '/people/import/preview',
          { name: filename, bytes: content, type: 'text/csv' },
          { csv: '' },
          '/people/import',
        )
      const ok = await upload(
        'people.csv',
        Buffer.from(`\uFEFF${HEADER}\r\nUma Upload,uma@upload.gov.uk,Product manager,,,Tax,,\r\n`),
      )
      expect(ok.statusCode).toBe(200)
      expect($(ok.body)('[data-testid="preview"]').text()).toContain('uma@upload.gov.uk')
      expect($(ok.body)('textarea#csv').text()).toBe(`${HEADER}\nUma Upload,uma@upload.gov.uk,Product manager,,,Tax,,`)

      const workbook = await upload('people.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))
      expect(workbook.statusCode).toBe(400)
      expect($(workbook.body)('#file-error').text()).toContain('spreadsheet workbook')

      const broken = await admin.request({
        method: 'POST',
        url: '/people/import/preview',
        payload: 'not multipart at all',
        headers: { 'content-type': 'multipart/form-data; boundary=nothing' },
      })
      expect(broken.statusCode).toBe(400)
    })

    it('lets a head of profession import, but not give anyone the administrator role', async () => {
      expect((await hop.get('/people/import')).statusCode).toBe(200)
      expect((await leader.get('/people/import')).statusCode).toBe(403)
      const res = await previewOf(
        hop,
        'name,email,career_role,role\nVic Admin,vic@roles.gov.uk,Product manager,administrator',
      )
      expect(res.statusCode).toBe(400)
      expect($(res.body)('[data-testid="problems"]').text()).toContain(
        'Only administrators can give people the editor, leader or administrator role',
      )
    })

    it('imports 10,000 people in under 15 seconds', async () => {
      const rows = [HEADER]
      const managers = 100
      for (let i = 0; i < 10_000; i++) {
        const manager = i < managers ? '' : `bulk.${i % managers}@bulk.gov.uk`
        const role =
          i < managers ? 'Senior product manager' : i % 5 === 0 ? 'Associate product manager' : 'Product manager'
        const senior = role === 'Associate product manager' ? manager : ''
        rows.push(
          `Bulk Person ${i},bulk.${i}@bulk.gov.uk,${role},${manager},${senior},Area ${i % 7},Group ${i % 13},2025-01-01`,
        )
      }
      const csv = rows.join('\n')
      const started = Date.now()
      const preview = await previewOf(admin, csv)
      expect(preview.statusCode).toBe(200)
      expect($(preview.body)('[data-testid="preview"] caption').text()).toContain('Showing the first 200 of 10,000')
      const imported = await admin.post('/people/import', formFields(preview.body, '/people/import/preview'))
      const took = Date.now() - started
      expect(imported.statusCode).toBe(303)
      expect(took).toBeLessThan(15_000)
      const page = $((await admin.get('/people?area=Area%203')).body)
      expect(page('[data-testid="people"] caption').text()).toContain('1,429 people')
      expect(page('.govuk-pagination').length).toBe(1)
      expect((await ctx.app.services.people.findByEmail('bulk.9999@bulk.gov.uk'))?.lineManagerName).toBe(
        'Bulk Person 99',
      )
    }, 60_000)
  })
})
