// Reading a spreadsheet of people (CSV, RFC 4180) and working out what importing it would do:
// which accounts and profiles it creates or changes, and every problem, by row and column. Pure
// functions: the service loads what already exists and writes the result in one transaction.
import type { FrameworkTerms } from '../framework/framework.terms.ts'
import type { Role } from '../platform/auth/roles.ts'
import { isoDate } from '../platform/dates.ts'
import type { Person } from './people.types.ts'

export const MAX_IMPORT_ROWS = 20_000
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

export const IMPORT_COLUMNS = [
  'name',
  'email',
  'career_role',
  'line_manager_email',
  'associate_of_email',
  'business_area',
  'group',
  'date_into_role',
  'role',
] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]
const REQUIRED_COLUMNS: readonly ImportColumn[] = ['name', 'email', 'career_role']

/** A problem with one cell (or, with row 1, the header row). Row numbers are spreadsheet rows. */
export interface ImportError {
  readonly row: number
  readonly column: string
  readonly message: string
}

// ---- CSV ------------------------------------------------------------------------------------

export interface CsvRecord {
  /** The spreadsheet row (a value with line breaks in it is still one row): the header is 1. */
  readonly row: number
  readonly fields: string[]
}

export interface CsvError {
  readonly row: number
  /** Which value in the row, from 1. */
  readonly field: number
  readonly message: string
}

/**
 * A strict RFC 4180 reader: fields separated by commas, records by CRLF (LF and CR are accepted
 * too), a field in double quotes may hold commas, line breaks and doubled quotes. A quote inside
 * an unquoted field, text after a closing quote, or a quote never closed is an error, never a guess.
 */
export function parseCsv(text: string): { records: CsvRecord[]; error: CsvError | null } {
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let atFieldStart = true
  let row = 1
  let i = 0
  const n = text.length
  const endRecord = () => {
    fields.push(field)
    records.push({ row, fields })
    fields = []
    field = ''
    atFieldStart = true
    row++
  }
  const fail = (message: string, at: number) => ({ records, error: { row: at, field: fields.length + 1, message } })
  while (i < n) {
    const c = text[i]
    if (c === '"' && atFieldStart) {
      const startRow = row
      let j = i + 1
      for (;;) {
        const q = text.indexOf('"', j)
        if (q < 0) return fail('A value starts with a quote (") that is never closed', startRow)
        field += text.slice(j, q)
        if (text[q + 1] === '"') {
          field += '"'
          j = q + 2
          continue
        }
        i = q + 1
        break
      }
      const after = text[i]
      if (i < n && after !== ',' && after !== '\r' && after !== '\n')
        return fail('A quoted value must be followed by a comma or the end of the row', startRow)
      atFieldStart = false
    } else if (c === ',') {
      fields.push(field)
      field = ''
      atFieldStart = true
      i++
    } else if (c === '\r' || c === '\n') {
      endRecord()
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else if (c === '"') {
      return fail('Put quotes (") around the whole value, and write a quote inside a value as two quotes ("")', row)
    } else {
      let j = i
      while (j < n && !SPECIAL.has(text.charCodeAt(j))) j++
      field += text.slice(i, j)
      atFieldStart = false
      i = j
    }
  }
  if (!atFieldStart || fields.length > 0) endRecord()
  return { records, error: null }
}

const SPECIAL = new Set([0x2c, 0x0d, 0x0a, 0x22])

// ---- Reading rows -------------------------------------------------------------------------

export interface ImportRow {
  readonly row: number
  readonly name: string
  readonly email: string
  /** The role's slug, or null when the cell could not be read (an error says why). */
  readonly careerRole: string | null
  readonly lineManagerEmail: string
  readonly associateOfEmail: string
  readonly businessArea: string
  readonly group: string
  readonly dateIntoRole: string | null
  readonly accountRole: Role
}

export interface ReadResult {
  readonly rows: ImportRow[]
  /** A problem with the whole file (empty, too big, unreadable header): nothing else is checked. */
  readonly problem: string | null
  readonly errors: ImportError[]
  /** The known columns the header has; a missing optional column leaves that detail as it is. */
  readonly columns: ImportColumn[]
  readonly ignoredColumns: string[]
}

export interface ReadOptions {
  /**
   * The current framework's roles: those people can hold now (roles), and every role it has had
   * (roleOrder), so a known role outside the pathway gets its own message.
   */
  readonly terms: Pick<FrameworkTerms, 'roles' | 'roleOrder' | 'roleName'>
  /** Today, YYYY-MM-DD: dates into role cannot be later. */
  readonly today: string
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/
const MAX_TEXT = 100
const MAX_NAME = 120
const ACCOUNT_ROLES: readonly Role[] = ['member', 'editor', 'leader', 'administrator']

const headerKey = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

const isBlank = (fields: string[]) => fields.every(f => f.trim() === '')

/** YYYY-MM-DD or DD/MM/YYYY to YYYY-MM-DD, or null when it is not a real date. */
export function readDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value)
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : []
  return importDate(Number(y), Number(m), Number(d))
}

/** A real calendar date from 1900 on as YYYY-MM-DD, or null: nobody's dates in a spreadsheet are older. */
export function importDate(year: number, month: number, day: number): string | null {
  return year < 1900 ? null : isoDate(year, month, day)
}

/** A career role the framework knows, from its slug or its name, in any case. */
export function readRole(value: string, terms: ReadOptions['terms']): string | null {
  const v = value.trim().toLowerCase()
  const found = terms.roleOrder.find(
    slug => slug === v || terms.roleName(slug).toLowerCase() === v || slug === v.replace(/\s+/g, '-'),
  )
  return found ?? null
}

/** Reads and checks each row on its own; what needs the database comes later, in planImport. */
export function readPeopleCsv(text: string, options: ReadOptions): ReadResult {
  const empty = (problem: string | null, errors: ImportError[] = []): ReadResult => ({
    rows: [],
    problem,
    errors,
    columns: [],
    ignoredColumns: [],
  })
  if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_BYTES) return empty('The spreadsheet must be 5 MB or smaller')
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (source.trim() === '') return empty('Enter the people as CSV, or upload a CSV file')
  const parsed = parseCsv(source)
  const header = parsed.records.find(r => !isBlank(r.fields))
  if (parsed.error) {
    const column = (header && header.row < parsed.error.row && header.fields[parsed.error.field - 1]?.trim()) || ''
    return empty(null, [{ row: parsed.error.row, column: headerKey(column), message: parsed.error.message }])
  }
  if (!header) return empty('Enter the people as CSV, or upload a CSV file')
  const records = parsed.records.filter(r => r.row > header.row && !isBlank(r.fields))
  if (records.length > MAX_IMPORT_ROWS)
    return empty(`The spreadsheet must have ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows of people or fewer`)

  const errors: ImportError[] = []
  const index = new Map<ImportColumn, number>()
  const ignoredColumns: string[] = []
  header.fields.forEach((raw, i) => {
    const key = headerKey(raw)
    if ((IMPORT_COLUMNS as readonly string[]).includes(key)) {
      const column = key as ImportColumn
      if (index.has(column))
        errors.push({ row: header.row, column, message: `The header row has two ${column} columns` })
      else index.set(column, i)
    } else if (raw.trim() !== '') {
      ignoredColumns.push(raw.trim().slice(0, 60))
    }
  })
  for (const column of REQUIRED_COLUMNS) {
    if (!index.has(column))
      errors.push({ row: header.row, column, message: `The header row must have a ${column} column` })
  }
  if (errors.length > 0) return { rows: [], problem: null, errors, columns: [...index.keys()], ignoredColumns }

  const rows: ImportRow[] = []
  const seen = new Map<string, number>()
  const allowed = new Set(options.terms.roles.map(role => role.slug))
  const rolesList = options.terms.roles.map(role => role.name).join(', ')
  for (const { row, fields } of records) {
    if (fields.length !== header.fields.length) {
      errors.push({
        row,
        column: '',
        message: `This row has ${fields.length} values but the header row has ${header.fields.length}`,
      })
      continue
    }
    const cell = (column: ImportColumn) => {
      const i = index.get(column)
      return i === undefined ? '' : (fields[i] ?? '').trim()
    }
    const problem = (column: ImportColumn, message: string) => errors.push({ row, column, message })

    const name = cell('name')
    if (name === '') problem('name', 'Enter a name')
    else if (name.length > MAX_NAME) problem('name', `Name must be ${MAX_NAME} characters or fewer`)

    const email = cell('email').toLowerCase()
    if (email === '') problem('email', 'Enter an email address')
    else if (!isEmail(email)) problem('email', 'Enter an email address in the correct format, like name@example.gov.uk')
    else if (seen.has(email)) problem('email', `${email} is also on row ${seen.get(email)}`)
    else seen.set(email, row)

    const roleCell = cell('career_role')
    let careerRole: string | null = null
    if (roleCell === '') problem('career_role', 'Enter a career role')
    else {
      const slug = readRole(roleCell, options.terms)
      if (!slug) problem('career_role', `‘${roleCell.slice(0, 60)}’ is not a career role. Use one of: ${rolesList}`)
      else if (!allowed.has(slug))
        problem(
          'career_role',
          `${options.terms.roleName(slug)} is not a role in your career pathway. Use one of: ${rolesList}`,
        )
      else careerRole = slug
    }

    const managerEmail = cell('line_manager_email').toLowerCase()
    if (managerEmail !== '' && !isEmail(managerEmail))
      problem('line_manager_email', 'Enter the line manager’s email address in the correct format')
    else if (managerEmail !== '' && managerEmail === email)
      problem('line_manager_email', 'A person cannot be their own line manager')

    const associateEmail = cell('associate_of_email').toLowerCase()
    if (associateEmail !== '' && !isEmail(associateEmail))
      problem('associate_of_email', 'Enter the senior product manager’s email address in the correct format')
    else if (associateEmail !== '' && associateEmail === email)
      problem('associate_of_email', 'A person cannot be associated with themselves')
    else if (associateEmail !== '' && careerRole !== null && careerRole !== ASSOCIATE)
      problem('associate_of_email', 'Only associate product managers are associated with a senior product manager')

    const businessArea = cell('business_area')
    if (businessArea.length > MAX_TEXT)
      problem('business_area', `Business area must be ${MAX_TEXT} characters or fewer`)
    const group = cell('group')
    if (group.length > MAX_TEXT) problem('group', `Group must be ${MAX_TEXT} characters or fewer`)

    const dateCell = cell('date_into_role')
    let dateIntoRole: string | null = null
    if (dateCell !== '') {
      dateIntoRole = readDate(dateCell)
      if (!dateIntoRole) problem('date_into_role', 'Date into role must be a real date, like 2025-03-31 or 31/03/2025')
      else if (dateIntoRole > options.today) problem('date_into_role', 'Date into role must be today or in the past')
    }

    const roleValue = cell('role').toLowerCase()
    let accountRole: Role = 'member'
    if (roleValue !== '') {
      const found = ACCOUNT_ROLES.find(r => r === roleValue)
      if (found) accountRole = found
      else problem('role', 'Role must be member, editor, leader or administrator')
    }

    rows.push({
      row,
      name,
      email,
      careerRole,
      lineManagerEmail: managerEmail,
      associateOfEmail: associateEmail,
      businessArea,
      group,
      dateIntoRole,
      accountRole,
    })
  }
  return { rows, problem: null, errors, columns: [...index.keys()], ignoredColumns }
}

const ASSOCIATE = 'associate-product-manager'
const SENIOR = 'senior-product-manager'
const isEmail = (value: string) => value.length <= 320 && EMAIL.test(value)

// ---- Planning -----------------------------------------------------------------------------

export type ExistingPerson = Pick<
  Person,
  | 'id'
  | 'name'
  | 'email'
  | 'accountRole'
  | 'hasProfile'
  | 'careerRole'
  | 'lineManagerId'
  | 'associateOfId'
  | 'businessArea'
  | 'group'
  | 'dateIntoRole'
  | 'headOfProfession'
  | 'oneToOneCadenceDays'
  | 'version'
>

export interface ImportWorld {
  /** Accounts named anywhere in the file, by lower-case email. */
  readonly existing: ReadonlyMap<string, ExistingPerson>
  /** Every profile's line manager, by account id, for finding cycles through people not in the file. */
  readonly links: ReadonlyMap<string, { email: string; lineManagerId: string | null }>
  /** Career role slugs from most junior to most senior. */
  readonly roleOrder: readonly string[]
  /** Only administrators may give new accounts a role other than member. */
  readonly canSetAccountRoles: boolean
  /** Who is importing: nobody changes their own career role or line manager. */
  readonly importerId?: string | null
}

/** create: new account and profile; add: profile for an existing account; update; unchanged. */
export type ImportAction = 'create' | 'add' | 'update' | 'unchanged'

/**
 * A reference to an account: its id when it exists, or new:<email> for an account the import
 * creates. The service swaps new: keys for the ids it gives the new accounts.
 */
export type AccountKey = string
export const NEW_KEY_PREFIX = 'new:'

export interface PlannedProfile {
  readonly careerRole: string
  readonly lineManager: AccountKey | null
  readonly associateOf: AccountKey | null
  readonly businessArea: string
  readonly group: string
  readonly dateIntoRole: string | null
}

export interface PlannedRow {
  readonly row: number
  readonly key: AccountKey
  readonly email: string
  /** The account's name: for an existing account, the name it already has. */
  readonly name: string
  readonly action: ImportAction
  readonly existing: ExistingPerson | null
  readonly accountRole: Role
  readonly profile: PlannedProfile
  /** What an update changes, in words. */
  readonly changes: string[]
}

export interface ImportPlan {
  readonly rows: PlannedRow[]
  readonly problem: string | null
  readonly errors: ImportError[]
  readonly counts: Record<ImportAction, number>
  readonly ignoredColumns: string[]
  readonly columns: ImportColumn[]
}

const COLUMN_ORDER = new Map<string, number>(IMPORT_COLUMNS.map((c, i) => [c, i]))

/** Everything that needs what already exists: managers, seniors, cycles, and what each row changes. */
export function planImport(read: ReadResult, world: ImportWorld): ImportPlan {
  const counts: Record<ImportAction, number> = { create: 0, add: 0, update: 0, unchanged: 0 }
  const base = { problem: read.problem, ignoredColumns: read.ignoredColumns, columns: read.columns }
  if (read.problem || read.rows.length === 0) return { ...base, rows: [], errors: [...read.errors], counts }

  const errors = [...read.errors]
  const problem = (row: number, column: ImportColumn, message: string) => errors.push({ row, column, message })
  const has = new Set(read.columns)
  const inFile = new Map(read.rows.map(r => [r.email, r]))
  const keyOf = (email: string): AccountKey => world.existing.get(email)?.id ?? `${NEW_KEY_PREFIX}${email}`
  const seniorFrom = world.roleOrder.indexOf(SENIOR)
  const isSeniorEnough = (role: string | null) => role !== null && world.roleOrder.indexOf(role) >= seniorFrom

  /** A referenced account, or an error when nobody has that email. */
  const reference = (r: ImportRow, column: ImportColumn, email: string): AccountKey | null => {
    if (email === '' || email === r.email) return null
    if (!inFile.has(email) && !world.existing.has(email)) {
      problem(r.row, column, `Nobody with the email address ${email} is in the spreadsheet or has an account`)
      return null
    }
    return keyOf(email)
  }

  // Each row's profile after the import. A column the file leaves out keeps what is there.
  const profiles = new Map<string, PlannedProfile>()
  for (const r of read.rows) {
    const existing = world.existing.get(r.email)
    const kept = existing?.hasProfile ? existing : null
    const lineManager = has.has('line_manager_email')
      ? reference(r, 'line_manager_email', r.lineManagerEmail)
      : (kept?.lineManagerId ?? null)
    let associateOf: AccountKey | null = null
    if (r.careerRole === ASSOCIATE) {
      associateOf = has.has('associate_of_email')
        ? reference(r, 'associate_of_email', r.associateOfEmail)
        : (kept?.associateOfId ?? null)
      if (has.has('associate_of_email') && r.associateOfEmail !== '' && r.associateOfEmail !== r.email) {
        const seniorRow = inFile.get(r.associateOfEmail)
        const senior = world.existing.get(r.associateOfEmail)
        const seniorRole = seniorRow ? seniorRow.careerRole : senior?.hasProfile ? senior.careerRole : null
        const unknownRole = seniorRow !== undefined && seniorRow.careerRole === null
        if ((seniorRow || senior) && !unknownRole && !isSeniorEnough(seniorRole))
          problem(
            r.row,
            'associate_of_email',
            `${r.associateOfEmail} is not a senior product manager or above, so cannot have an associate`,
          )
      }
      if (r.associateOfEmail === '' && associateOf === null)
        problem(
          r.row,
          'associate_of_email',
          'Enter the email address of the senior product manager this associate is associated with',
        )
    }
    if (r.accountRole !== 'member' && !existing && !world.canSetAccountRoles)
      problem(r.row, 'role', 'Only administrators can give people the editor, leader or administrator role')
    if (r.careerRole === null) continue
    profiles.set(r.email, {
      careerRole: r.careerRole,
      lineManager,
      associateOf,
      businessArea: has.has('business_area') ? r.businessArea : (kept?.businessArea ?? ''),
      group: has.has('group') ? r.group : (kept?.group ?? ''),
      dateIntoRole: has.has('date_into_role') ? r.dateIntoRole : (kept?.dateIntoRole ?? null),
    })
  }

  errors.push(...findCycles(read.rows, profiles, world, keyOf))

  const rows: PlannedRow[] = []
  for (const r of read.rows) {
    const profile = profiles.get(r.email)
    if (!profile) continue
    const existing = world.existing.get(r.email) ?? null
    let action: ImportAction
    let changes: string[] = []
    if (!existing) action = 'create'
    else if (!existing.hasProfile) action = 'add'
    else {
      changes = describeChanges(existing, profile)
      action = changes.length ? 'update' : 'unchanged'
    }
    if (existing && existing.id === world.importerId) {
      if (!existing.hasProfile || existing.careerRole !== profile.careerRole)
        problem(r.row, 'career_role', 'You cannot change your own career role. Ask someone else to change it')
      if (existing.hasProfile && existing.lineManagerId !== profile.lineManager)
        problem(r.row, 'line_manager_email', 'You cannot change your own line manager. Ask someone else to change it')
    }
    counts[action]++
    rows.push({
      row: r.row,
      key: keyOf(r.email),
      email: r.email,
      name: existing?.name ?? r.name,
      action,
      existing,
      accountRole: r.accountRole,
      profile,
      changes,
    })
  }
  errors.sort((a, b) => a.row - b.row || (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99))
  return { ...base, rows, errors, counts }
}

function describeChanges(before: ExistingPerson, after: PlannedProfile): string[] {
  const changes: string[] = []
  if (before.careerRole !== after.careerRole) changes.push('career role')
  if (before.lineManagerId !== after.lineManager) changes.push('line manager')
  if (before.associateOfId !== after.associateOf) changes.push('associated senior product manager')
  if (before.businessArea !== after.businessArea) changes.push('business area')
  if (before.group !== after.group) changes.push('group')
  if (before.dateIntoRole !== after.dateIntoRole) changes.push('date into role')
  return changes
}

/**
 * Line management must not go round in a circle (A manages B manages A), counting both the file
 * and the people already in the profession. A cycle is reported on every row that is part of it.
 */
function findCycles(
  rows: readonly ImportRow[],
  profiles: ReadonlyMap<string, PlannedProfile>,
  world: ImportWorld,
  keyOf: (email: string) => AccountKey,
): ImportError[] {
  const rowOfKey = new Map<AccountKey, ImportRow>()
  const managerOfKey = new Map<AccountKey, AccountKey | null>()
  for (const r of rows) {
    const profile = profiles.get(r.email)
    if (!profile) continue
    const key = keyOf(r.email)
    rowOfKey.set(key, r)
    managerOfKey.set(key, profile.lineManager)
  }
  const next = (key: AccountKey): AccountKey | null =>
    managerOfKey.has(key) ? (managerOfKey.get(key) ?? null) : (world.links.get(key)?.lineManagerId ?? null)
  const emailOf = (key: AccountKey) =>
    rowOfKey.get(key)?.email ?? world.links.get(key)?.email ?? key.replace(NEW_KEY_PREFIX, '')

  const errors: ImportError[] = []
  const state = new Map<AccountKey, 'walking' | 'done'>()
  for (const start of rowOfKey.keys()) {
    const path: AccountKey[] = []
    let at: AccountKey | null = start
    while (at !== null && !state.has(at)) {
      state.set(at, 'walking')
      path.push(at)
      at = next(at)
    }
    if (at !== null && state.get(at) === 'walking') {
      const cycle = path.slice(path.indexOf(at))
      const shown = cycle.slice(0, 6).map(emailOf)
      const chain = [...shown, ...(cycle.length > 6 ? ['…'] : []), emailOf(at)].join(' → ')
      for (const key of cycle) {
        const row = rowOfKey.get(key)
        if (row)
          errors.push({
            row: row.row,
            column: 'line_manager_email',
            message: `Line management would go round in a circle: ${chain}. Give someone in it a different line manager`,
          })
      }
    }
    for (const key of path) state.set(key, 'done')
  }
  return errors
}

/**
 * The CSV as the pages keep it: line breaks as LF, no byte order mark, no blank lines before or
 * after. A text area gives back exactly this, so a checked CSV and the one imported can be compared.
 */
export function canonicalCsv(text: string): string {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return source
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd()
}

/** The text of an uploaded file, or why it cannot be read as CSV. */
export function decodeCsvFile(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length > MAX_IMPORT_BYTES) return { error: 'The selected file must be 5 MB or smaller' }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return { error: 'The selected file is a spreadsheet workbook. Save it as ‘CSV UTF-8’ and upload that file' }
  if (bytes.includes(0)) return { error: 'The selected file must be a CSV file' }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
    return { text }
  } catch {
    return { error: 'The selected file must be saved as ‘CSV UTF-8’' }
  }
}
