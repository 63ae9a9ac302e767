import { describe, expect, it } from 'vitest'
import { BUNDLED_TERMS, termsOf } from '../framework/framework.terms.ts'
import { FRAMEWORK_2025 } from '../framework/framework.bundled.ts'
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  canonicalCsv,
  decodeCsvFile,
  parseCsv,
  planImport,
  readDate,
  readPeopleCsv,
  type ExistingPerson,
  type ImportWorld,
} from './people.import.ts'

const TODAY = '2026-11-24'
const ROLE_SLUGS = BUNDLED_TERMS.roleOrder
const read = (csv: string, terms = BUNDLED_TERMS) => readPeopleCsv(csv, { terms, today: TODAY })

function world(existing: ExistingPerson[] = [], canSetAccountRoles = true): ImportWorld {
  return {
    existing: new Map(existing.map(p => [p.email, p])),
    links: new Map(
      existing.filter(p => p.hasProfile).map(p => [p.id, { email: p.email, lineManagerId: p.lineManagerId }]),
    ),
    roleOrder: ROLE_SLUGS,
    canSetAccountRoles,
  }
}

function existingPerson(overrides: Partial<ExistingPerson> & { id: string; email: string }): ExistingPerson {
  return {
    name: overrides.email.split('@')[0] ?? '',
    accountRole: 'member',
    hasProfile: true,
    careerRole: 'product-manager',
    lineManagerId: null,
    associateOfId: null,
    businessArea: 'Benefits',
    group: 'Claims',
    dateIntoRole: '2024-01-01',
    headOfProfession: false,
    oneToOneCadenceDays: 28,
    version: 1,
    ...overrides,
  }
}

const plan = (csv: string, existing: ExistingPerson[] = [], canSetAccountRoles = true) =>
  planImport(read(csv), world(existing, canSetAccountRoles))

const HEADER = 'name,email,career_role,line_manager_email,associate_of_email,business_area,group,date_into_role'

describe('parseCsv (RFC 4180)', () => {
  it('reads plain and quoted values, doubled quotes, commas and line breaks inside quotes', () => {
    const { records, error } = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n,,\n')
    expect(error).toBeNull()
    expect(records).toEqual([
      { row: 1, fields: ['a', 'b', 'c'] },
      { row: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { row: 3, fields: ['', '', ''] },
    ])
  })

  it('keeps a last row without a line break and an empty quoted value', () => {
    expect(parseCsv('a,""\n1,2').records).toEqual([
      { row: 1, fields: ['a', ''] },
      { row: 2, fields: ['1', '2'] },
    ])
    expect(parseCsv('a,\n').records).toEqual([{ row: 1, fields: ['a', ''] }])
  })

  it('refuses a quote inside an unquoted value, text after a closing quote, and a quote never closed', () => {
    expect(parseCsv('a,b\nO"Brien,x').error).toEqual({
      row: 2,
      field: 1,
      message: expect.stringContaining('quotes (") around the whole value') as string,
    })
    expect(parseCsv('a,b\n"x"y,z').error?.message).toMatch(/followed by a comma/)
    expect(parseCsv('a,b\n1,"never closed\n2,3').error).toMatchObject({
      row: 2,
      field: 2,
      message: expect.stringMatching(/never closed/) as string,
    })
  })
})

describe('reading the rows', () => {
  it('matches columns by name in any order and case, and lists columns it does not use', () => {
    const result = read('EMAIL,Career Role,Name,notes\nsam@example.gov.uk,product manager,Sam Jones,hello')
    expect(result.errors).toEqual([])
    expect(result.ignoredColumns).toEqual(['notes'])
    expect(result.rows[0]).toMatchObject({
      row: 2,
      name: 'Sam Jones',
      email: 'sam@example.gov.uk',
      careerRole: 'product-manager',
    })
  })

  it('needs a header row with the required columns, once each', () => {
    expect(read('name,email\nSam,sam@example.gov.uk').errors).toEqual([
      { row: 1, column: 'career_role', message: 'The header row must have a career_role column' },
    ])
    expect(read('name,email,career_role,email\n').errors[0]).toMatchObject({ row: 1, column: 'email' })
  })

  it('says why the whole file cannot be read: empty, too many rows, too big', () => {
    expect(read('  \n\n').problem).toMatch(/Enter the people/)
    const tooMany = [
      'name,email,career_role',
      ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `P${i},p${i}@x.gov.uk,pm`),
    ]
    expect(read(tooMany.join('\n')).problem).toBe('The spreadsheet must have 20,000 rows of people or fewer')
    expect(read('x'.repeat(MAX_IMPORT_BYTES + 1)).problem).toBe('The spreadsheet must be 5 MB or smaller')
  })

  it('gives a specific message for each bad cell, with its row and column', () => {
    const csv = [
      `${HEADER},role`,
      ',not-an-email,Wizard,,,,,,',
      'Ann,ann@example.gov.uk,Lead product manager,ann@example.gov.uk,,,,31/02/2025,king',
      'Bob,BOB@example.gov.uk,Product manager,,x@example.gov.uk,,,2027-01-01,',
      'Bob again,bob@example.gov.uk,Product manager,,,,,,',
      'Short,short@example.gov.uk',
    ].join('\n')
    const result = read(csv, termsOf(1, FRAMEWORK_2025, 'small'))
    expect(result.errors).toEqual([
      { row: 2, column: 'name', message: 'Enter a name' },
      { row: 2, column: 'email', message: 'Enter an email address in the correct format, like name@example.gov.uk' },
      {
        row: 2,
        column: 'career_role',
        message:
          '‘Wizard’ is not a career role. Use one of: Associate product manager, Product manager, Head of product',
      },
      {
        row: 3,
        column: 'career_role',
        message:
          'Lead product manager is not a role in your career pathway. Use one of: Associate product manager, Product manager, Head of product',
      },
      { row: 3, column: 'line_manager_email', message: 'A person cannot be their own line manager' },
      {
        row: 3,
        column: 'date_into_role',
        message: 'Date into role must be a real date, like 2025-03-31 or 31/03/2025',
      },
      { row: 3, column: 'role', message: 'Role must be member, editor, leader or administrator' },
      {
        row: 4,
        column: 'associate_of_email',
        message: 'Only associate product managers are associated with a senior product manager',
      },
      { row: 4, column: 'date_into_role', message: 'Date into role must be today or in the past' },
      { row: 5, column: 'email', message: 'bob@example.gov.uk is also on row 4' },
      { row: 6, column: '', message: 'This row has 2 values but the header row has 9' },
    ])
  })

  it('skips blank rows but keeps counting them, as a spreadsheet does', () => {
    const result = read('name,email,career_role\n\n,,\nSam,sam@example.gov.uk,pm\n')
    expect(result.errors).toEqual([
      { row: 4, column: 'career_role', message: expect.stringMatching(/‘pm’ is not a career role/) as string },
    ])
  })

  it('reads dates as YYYY-MM-DD or DD/MM/YYYY and refuses ones that do not exist', () => {
    expect(readDate('2025-03-31')).toBe('2025-03-31')
    expect(readDate('1/9/2025')).toBe('2025-09-01')
    expect(readDate('29/02/2024')).toBe('2024-02-29')
    expect(readDate('29/02/2025')).toBeNull()
    expect(readDate('2025-13-01')).toBeNull()
    expect(readDate('03/31/2025')).toBeNull()
    expect(readDate('yesterday')).toBeNull()
  })
})

describe('planning the import', () => {
  it('finds line managers anywhere in the file, in any order, and among existing accounts', () => {
    const boss = existingPerson({ id: 'boss-id', email: 'boss@example.gov.uk', careerRole: 'head-of-product' })
    const result = plan(
      [
        HEADER,
        'Apm,apm@example.gov.uk,Associate product manager,pm@example.gov.uk,spm@example.gov.uk,Benefits,Claims,',
        'Pm,pm@example.gov.uk,Product manager,spm@example.gov.uk,,Benefits,Claims,',
        'Spm,spm@example.gov.uk,Senior product manager,boss@example.gov.uk,,Benefits,,2024-05-01',
      ].join('\n'),
      [boss],
    )
    expect(result.errors).toEqual([])
    expect(result.counts).toEqual({ create: 3, add: 0, update: 0, unchanged: 0 })
    const byEmail = new Map(result.rows.map(r => [r.email, r]))
    expect(byEmail.get('apm@example.gov.uk')?.profile).toMatchObject({
      lineManager: 'new:pm@example.gov.uk',
      associateOf: 'new:spm@example.gov.uk',
    })
    expect(byEmail.get('spm@example.gov.uk')?.profile).toMatchObject({
      lineManager: 'boss-id',
      dateIntoRole: '2024-05-01',
    })
  })

  it('reports unknown managers, associates without a senior, and seniors who are not senior enough', () => {
    const pm = existingPerson({ id: 'pm-id', email: 'pm@example.gov.uk', careerRole: 'product-manager' })
    const result = plan(
      [
        HEADER,
        'A,a@example.gov.uk,Associate product manager,ghost@example.gov.uk,,,,',
        'B,b@example.gov.uk,Associate product manager,,pm@example.gov.uk,,,',
        'C,c@example.gov.uk,Associate product manager,,d@example.gov.uk,,,',
        'D,d@example.gov.uk,Product manager,,,,,',
      ].join('\n'),
      [pm],
    )
    expect(result.errors).toEqual([
      {
        row: 2,
        column: 'line_manager_email',
        message: 'Nobody with the email address ghost@example.gov.uk is in the spreadsheet or has an account',
      },
      {
        row: 2,
        column: 'associate_of_email',
        message: 'Enter the email address of the senior product manager this associate is associated with',
      },
      {
        row: 3,
        column: 'associate_of_email',
        message: 'pm@example.gov.uk is not a senior product manager or above, so cannot have an associate',
      },
      {
        row: 4,
        column: 'associate_of_email',
        message: 'd@example.gov.uk is not a senior product manager or above, so cannot have an associate',
      },
    ])
  })

  it('finds line-management cycles in the file and through people already in the profession', () => {
    const x = existingPerson({ id: 'x-id', email: 'x@example.gov.uk', lineManagerId: 'y-id' })
    const y = existingPerson({ id: 'y-id', email: 'y@example.gov.uk', lineManagerId: null })
    const result = plan(
      [
        'name,email,career_role,line_manager_email',
        'A,a@example.gov.uk,Product manager,b@example.gov.uk',
        'B,b@example.gov.uk,Product manager,a@example.gov.uk',
        'C,c@example.gov.uk,Product manager,d@example.gov.uk',
        'D,d@example.gov.uk,Product manager,',
        // y joins the file managed by x, but x is managed by y already: a cycle through the database
        'Y,y@example.gov.uk,Product manager,x@example.gov.uk',
      ].join('\n'),
      [x, y],
    )
    expect(result.errors.map(e => [e.row, e.column])).toEqual([
      [2, 'line_manager_email'],
      [3, 'line_manager_email'],
      [6, 'line_manager_email'],
    ])
    expect(result.errors[0]?.message).toBe(
      'Line management would go round in a circle: a@example.gov.uk → b@example.gov.uk → a@example.gov.uk. Give someone in it a different line manager',
    )
    expect(result.errors[2]?.message).toContain('y@example.gov.uk → x@example.gov.uk → y@example.gov.uk')
  })

  it('works out what each row does: create, add an existing account, update, or nothing', () => {
    const same = existingPerson({ id: 'same-id', email: 'same@example.gov.uk' })
    const moved = existingPerson({
      id: 'moved-id',
      email: 'moved@example.gov.uk',
      lineManagerId: 'same-id',
      version: 4,
    })
    const account = existingPerson({
      id: 'acc-id',
      email: 'account@example.gov.uk',
      hasProfile: false,
      careerRole: null,
    })
    const result = plan(
      [
        HEADER,
        'Same,same@example.gov.uk,Product manager,,,Benefits,Claims,2024-01-01',
        'Moved,moved@example.gov.uk,Senior product manager,,,Pensions,Claims,2024-01-01',
        'Account holder,account@example.gov.uk,product-manager,same@example.gov.uk,,Benefits,,',
        'New,new@example.gov.uk,Product manager,,,,,',
      ].join('\n'),
      [same, moved, account],
    )
    expect(result.errors).toEqual([])
    expect(result.counts).toEqual({ create: 1, add: 1, update: 1, unchanged: 1 })
    expect(result.rows.map(r => [r.email, r.action, r.changes])).toEqual([
      ['same@example.gov.uk', 'unchanged', []],
      ['moved@example.gov.uk', 'update', ['career role', 'line manager', 'business area']],
      ['account@example.gov.uk', 'add', []],
      ['new@example.gov.uk', 'create', []],
    ])
    // An existing account keeps its name.
    expect(result.rows[2]?.name).toBe('account')
  })

  it('keeps what is there for a column the file leaves out, and clears it for an empty cell', () => {
    const manager = existingPerson({ id: 'm-id', email: 'm@example.gov.uk' })
    const person = existingPerson({ id: 'p-id', email: 'p@example.gov.uk', lineManagerId: 'm-id', group: 'Claims' })
    const without = plan('name,email,career_role\nP,p@example.gov.uk,Product manager', [manager, person])
    expect(without.rows[0]).toMatchObject({ action: 'unchanged', profile: { lineManager: 'm-id', group: 'Claims' } })
    const emptied = plan('name,email,career_role,line_manager_email\nP,p@example.gov.uk,Product manager,', [
      manager,
      person,
    ])
    expect(emptied.rows[0]).toMatchObject({
      action: 'update',
      changes: ['line manager'],
      profile: { lineManager: null },
    })
  })

  it('lets only administrators give new accounts a role other than member', () => {
    const csv =
      'name,email,career_role,role\nA,a@example.gov.uk,Product manager,administrator\nB,b@example.gov.uk,Product manager,member'
    expect(plan(csv, [], true).errors).toEqual([])
    expect(plan(csv, [], true).rows[0]?.accountRole).toBe('administrator')
    expect(plan(csv, [], false).errors).toEqual([
      {
        row: 2,
        column: 'role',
        message: 'Only administrators can give people the editor, leader or administrator role',
      },
    ])
  })
})

describe('files and text', () => {
  it('reads a UTF-8 CSV file and refuses workbooks, binary files and other encodings', () => {
    // The byte order mark Excel puts at the start of ‘CSV UTF-8’ files is dropped.
    expect(decodeCsvFile(Buffer.from('\uFEFFname,email\n'))).toEqual({ text: 'name,email\n' })
    expect(decodeCsvFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({
      error: 'The selected file is a spreadsheet workbook. Save it as ‘CSV UTF-8’ and upload that file',
    })
    expect(decodeCsvFile(Buffer.from([0x61, 0x00, 0x62]))).toEqual({ error: 'The selected file must be a CSV file' })
    expect(decodeCsvFile(Buffer.from([0x61, 0xe9, 0x62]))).toEqual({
      error: 'The selected file must be saved as ‘CSV UTF-8’',
    })
    expect(decodeCsvFile(Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61))).toEqual({
      error: 'The selected file must be 5 MB or smaller',
    })
  })

  it('keeps CSV text in one form, so what was checked can be compared with what is imported', () => {
    expect(canonicalCsv('\uFEFF\r\n  \r\na,b\r\nc,d\r\n\r\n')).toBe('a,b\nc,d')
    expect(canonicalCsv('a,b\rc,d')).toBe('a,b\nc,d')
  })
})
