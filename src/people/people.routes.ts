// The people of the profession: the list, each person's profile and history, changing a
// profile (which also adds an account to the profession), and importing people from a CSV with a
// preview and a row-by-row report of problems.
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import type { FrameworkTerms } from '../framework/framework.terms.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { ConflictError } from '../platform/errors.ts'
import { formErrors, saveVersioned, type FormErrors } from '../platform/forms.ts'
import { formatDate, ukToday } from '../platform/dates.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import type { Services } from '../services.ts'
import { MAX_IMPORT_ROWS, canonicalCsv, decodeCsvFile, type ImportPlan } from './people.import.ts'
import {
  canImportPeople,
  canListPeople,
  canManagePerson,
  canPlaceInAnyArea,
  canSeeProfile,
  canSetAccountRoles,
  canSetHeadOfProfession,
  peopleScope,
} from './people.policy.ts'
import { requireViewer, type Viewer } from '../platform/auth/viewer.ts'
import type { AccountChoice, Person } from './people.types.ts'
import {
  PROFILE_FIELDS,
  dateParts,
  listQueryJsonSchema,
  listQuerySchema,
  parseImportForm,
  readProfileForm,
  type DatePart,
  type ProfileForm,
} from './people.schemas.ts'
import { ASSOCIATE_ROLE, defaultCadenceDays, importSummary, type ProfileInput } from './people.service.ts'

/** A pasted 5 MB CSV grows when a browser encodes it; the import routes allow for that. */
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024
/** Longer lists of people than this become an email address box instead of a drop-down. */
const MAX_CHOICES = 1000
/** Rows listed in the import preview; the counts cover them all. */
const PREVIEW_ROWS = 200
const MAX_ERRORS_SHOWN = 1000

type IdRequest = FastifyRequest<{ Params: { id: string } }>

const ACTION_TEXT = {
  create: 'New account and profile',
  add: 'Add their account to the profession',
  update: 'Update profile',
  unchanged: 'No change',
} as const

export default async function peopleRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { people } = services

  // The import form can send a file. This parser serves only the import routes (any other form
  // here sent as multipart is refused with 415); they raise the body limit for themselves.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
    (request, body, done) => {
      if (!request.routeOptions.url?.startsWith('/people/import')) {
        done(Object.assign(new Error('Only the import form sends files'), { statusCode: 415 }), undefined)
        return
      }
      try {
        done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''))
      } catch (err) {
        done(err as Error, undefined)
      }
    },
  )

  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => requireViewer(request)
  const careerRoles = () => people.careerRoles()
  const today = () => ukToday(services.clock)

  // ---- The list ------------------------------------------------------------------------------

  app.get(
    '/people',
    { config: { access: 'signed-in' }, schema: { querystring: listQueryJsonSchema } },
    async (request, reply) => {
      const viewer = await viewerOf(request)
      authorize(canListPeople(viewer))
      const query = listQuerySchema.parse(request.query ?? {})
      const scope = peopleScope(viewer)
      const can = { import: canImportPeople(viewer) }
      const showAccounts = query.show === 'accounts' && can.import
      const terms = await careerRoles()
      const result = await people.listPage(
        showAccounts
          ? { withoutProfileOnly: true }
          : {
              withProfileOnly: true,
              businessArea: scope.businessArea ?? (query.area || undefined),
              group: query.group || undefined,
              careerRole: query.role || undefined,
            },
        query.page,
      )
      const areas = (await people.areas()).filter(
        a => scope.businessArea === null || a.businessArea === scope.businessArea,
      )
      const areaNames = [...new Set(areas.map(a => a.businessArea).filter(a => a !== ''))]
      const groupNames = [...new Set(areas.map(a => a.group).filter(g => g !== ''))].sort()
      const option = (value: string, text: string, selected: string) => ({ value, text, selected: value === selected })
      const params = (page: number) => {
        const p = new URLSearchParams()
        if (showAccounts) p.set('show', 'accounts')
        else
          for (const [k, v] of [
            ['role', query.role],
            ['area', query.area],
            ['group', query.group],
          ] as const)
            if (v) p.set(k, v)
        if (page > 1) p.set('page', String(page))
        const s = p.toString()
        return `/people${s ? `?${s}` : ''}`
      }
      return reply.page(
        'people/views/index.njk',
        {
          pageTitle: showAccounts ? 'Accounts not in the profession' : 'People',
          showAccounts,
          query,
          leaderArea: scope.businessArea,
          result,
          people: result.people.map(p => ({ ...p, careerRoleName: p.careerRole ? terms.roleName(p.careerRole) : '' })),
          roleItems: [option('', 'All roles', query.role), ...terms.roles.map(r => option(r.slug, r.name, query.role))],
          areaItems: [option('', 'All areas', query.area), ...areaNames.map(a => option(a, a, query.area))],
          groupItems: [option('', 'All groups', query.group), ...groupNames.map(g => option(g, g, query.group))],
          filtered: !showAccounts && Boolean(query.role || query.area || query.group),
          pagination: pagination(result.page, result.pages, params),
          can,
        },
        { nav: 'people' },
      )
    },
  )

  // ---- Import --------------------------------------------------------------------------------

  const importOptions = (viewer: Viewer) => ({
    canSetAccountRoles: canSetAccountRoles(viewer),
    importerId: viewer.user.id,
  })

  const importPage = async (reply: FastifyReply, errors?: FormErrors, csv = '', status = 200) =>
    reply.page(
      'people/views/import.njk',
      { pageTitle: 'Add people from a spreadsheet', errors, csv, ...(await columnHelp()) },
      { nav: 'people', status },
    )

  const columnHelp = async () => ({
    maxRows: MAX_IMPORT_ROWS,
    roleNames: (await careerRoles()).roles.map(role => role.name),
  })

  const previewPage = async (
    reply: FastifyReply,
    viewer: Viewer,
    csv: string,
    plan: ImportPlan,
    notice: { changedSinceCheck?: boolean; conflict?: boolean } = {},
  ) => {
    const failed = plan.problem !== null || plan.errors.length > 0
    const terms = await careerRoles()
    const changing = plan.rows.filter(r => r.action !== 'unchanged')
    const messages: Record<string, string> = {}
    if (plan.problem) messages.csv = plan.problem
    else if (plan.errors.length > 0)
      messages.csv = `Fix the ${plan.errors.length === 1 ? 'problem' : `${plan.errors.length.toLocaleString('en-GB')} problems`} in the spreadsheet, then check it again`
    return reply.page(
      'people/views/import-preview.njk',
      {
        pageTitle: 'Check the people in your spreadsheet',
        errors: failed ? formErrors(messages, ['csv']) : undefined,
        problemList: plan.errors.slice(0, MAX_ERRORS_SHOWN),
        moreProblems: Math.max(0, plan.errors.length - MAX_ERRORS_SHOWN),
        plan,
        failed,
        csv,
        checked: failed ? '' : digest(csv),
        rows: changing.slice(0, PREVIEW_ROWS).map(r => ({
          ...r,
          actionText: ACTION_TEXT[r.action],
          careerRoleName: terms.roleName(r.profile.careerRole),
        })),
        changingCount: changing.length,
        notice,
        newAccounts: plan.counts.create > 0,
        canSendLinks: canSetAccountRoles(viewer),
        ...(await columnHelp()),
      },
      { nav: 'people', status: failed ? 400 : notice.conflict ? 409 : 200 },
    )
  }

  /** The CSV from the form: an uploaded file if one was chosen, or else the text area. */
  const readImport = (
    body: unknown,
  ): { ok: true; csv: string; checked: string } | { ok: false; errors: FormErrors; csv: string } => {
    const raw = (body ?? {}) as Record<string, unknown>
    const file = raw.file
    if (Buffer.isBuffer(file) && file.length > 0) {
      const decoded = decodeCsvFile(file)
      if ('error' in decoded) return { ok: false, errors: formErrors({ file: decoded.error }), csv: '' }
      return { ok: true, csv: canonicalCsv(decoded.text), checked: '' }
    }
    const form = parseImportForm(body)
    if (!form.ok) return { ok: false, errors: form.errors, csv: '' }
    return { ok: true, csv: form.value.csv, checked: form.value.checked ?? '' }
  }

  app.get('/people/import', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canImportPeople(await viewerOf(request)))
    return importPage(reply)
  })

  app.post(
    '/people/import/preview',
    { config: { access: 'signed-in' }, bodyLimit: IMPORT_BODY_LIMIT },
    async (request, reply) => {
      const viewer = await viewerOf(request)
      authorize(canImportPeople(viewer))
      const form = readImport(request.body)
      if (!form.ok) return importPage(reply, form.errors, form.csv, 400)
      if (form.csv === '')
        return importPage(
          reply,
          formErrors({ csv: 'Paste the people as CSV, or choose a CSV file to upload' }),
          '',
          400,
        )
      const plan = await people.previewImport(form.csv, importOptions(viewer))
      return previewPage(reply, viewer, form.csv, plan)
    },
  )

  app.post(
    '/people/import',
    { config: { access: 'signed-in' }, bodyLimit: IMPORT_BODY_LIMIT },
    async (request, reply) => {
      const viewer = await viewerOf(request)
      authorize(canImportPeople(viewer))
      const form = readImport(request.body)
      if (!form.ok) return importPage(reply, form.errors, form.csv, 400)
      if (form.csv === '')
        return importPage(
          reply,
          formErrors({ csv: 'Paste the people as CSV, or choose a CSV file to upload' }),
          '',
          400,
        )
      const options = importOptions(viewer)
      // Import only what was checked: a CSV changed after its preview is shown again first.
      if (form.checked !== digest(form.csv))
        return previewPage(reply, viewer, form.csv, await people.previewImport(form.csv, options), {
          changedSinceCheck: true,
        })
      try {
        const outcome = await people.importPeople(actorOf(viewer.user), form.csv, options)
        if (!outcome.applied) return previewPage(reply, viewer, form.csv, outcome.plan)
        const { counts } = outcome
        request.session.flash({
          kind: 'success',
          heading: `You imported the spreadsheet: ${importSummary(counts)}`,
          text:
            counts.create > 0
              ? canSetAccountRoles(viewer)
                ? 'New accounts cannot sign in until they set a password. Make set-password links for them on the People page in Administration.'
                : 'New accounts cannot sign in until they set a password. Ask an administrator to make set-password links for them.'
              : undefined,
        })
        return reply.seeOther('/people')
      } catch (err) {
        if (err instanceof ConflictError)
          return previewPage(reply, viewer, form.csv, await people.previewImport(form.csv, options), { conflict: true })
        throw err
      }
    },
  )

  // ---- A person ------------------------------------------------------------------------------

  app.get<{ Params: { id: string } }>(
    '/people/:id',
    { config: { access: 'signed-in' }, schema: { params: uuidParams('id') } },
    async (request: IdRequest, reply) => {
      const viewer = await viewerOf(request)
      const person = await people.get(request.params.id)
      authorize(canSeeProfile(viewer, person))
      const history = person.hasProfile ? await people.history(person.id) : []
      const terms = await careerRoles()
      return reply.page(
        'people/views/show.njk',
        {
          pageTitle: person.name,
          person,
          careerRoleName: person.careerRole ? terms.roleName(person.careerRole) : '',
          history: history.map(h => ({ ...h, careerRoleName: terms.roleName(h.careerRole) })),
          can: { manage: canManagePerson(viewer, person), list: canListPeople(viewer) },
        },
        { nav: 'people' },
      )
    },
  )

  const editPage = async (
    reply: FastifyReply,
    o: {
      viewer: Viewer
      person: Person
      values: Record<string, unknown>
      errors?: FormErrors
      dateErrors?: Record<string, DatePart[]>
      conflict?: { theirs: Record<string, string>; yours: Record<string, string> }
      status?: number
    },
  ) => {
    const terms = await careerRoles()
    const roles = rolesFor(terms, o.person)
    const [managers, seniors] = await Promise.all([
      people.managerChoices(MAX_CHOICES + 1),
      people.seniorChoices(MAX_CHOICES + 1),
    ])
    const choiceItems = (list: AccountChoice[], selected: string, none: string) => {
      const items = [{ value: '', text: none, selected: selected === '' }]
      for (const c of list)
        if (c.id !== o.person.id)
          items.push({ value: c.email, text: `${c.name} (${c.email})`, selected: c.email === selected })
      if (selected !== '' && !items.some(i => i.value === selected))
        items.push({ value: selected, text: selected, selected: true })
      return items
    }
    const lineManager = String(o.values.lineManager ?? '')
    const associateOf = String(o.values.associateOf ?? '')
    return reply.page(
      'people/views/edit.njk',
      {
        pageTitle: o.person.hasProfile ? `Change ${o.person.name}’s profile` : `Add ${o.person.name} to the profession`,
        person: o.person,
        values: o.values,
        errors: o.errors,
        dateItems: {
          dateIntoRole: dateItems(o.values, 'dateIntoRole', o.dateErrors?.dateIntoRole ?? []),
          effectiveFrom: dateItems(o.values, 'effectiveFrom', o.dateErrors?.effectiveFrom ?? []),
        },
        conflict: o.conflict,
        roleItems: roles.map(slug => ({
          value: slug,
          text: terms.roleName(slug),
          checked: slug === o.values.careerRole,
        })),
        managers: {
          asList: managers.length <= MAX_CHOICES,
          items: choiceItems(managers, lineManager, 'No line manager'),
        },
        seniors: {
          asList: seniors.length <= MAX_CHOICES,
          items: choiceItems(seniors, associateOf, 'None'),
        },
        can: {
          setHeadOfProfession: canSetHeadOfProfession(o.viewer, o.person),
          placeInAnyArea: canPlaceInAnyArea(o.viewer),
        },
      },
      { nav: 'people', status: o.status ?? 200 },
    )
  }

  /** The form's values for what is saved now. */
  const valuesOf = (person: Person, todayIso: string): Record<string, unknown> => {
    const into = dateParts(person.dateIntoRole)
    const effective = dateParts(todayIso)
    return {
      careerRole: person.careerRole ?? '',
      lineManager: person.lineManagerEmail ?? '',
      associateOf: person.associateOfEmail ?? '',
      businessArea: person.businessArea,
      group: person.group,
      'dateIntoRole-day': into.day,
      'dateIntoRole-month': into.month,
      'dateIntoRole-year': into.year,
      headOfProfession: person.headOfProfession ? 'yes' : 'no',
      cadenceDays: person.hasProfile ? String(person.oneToOneCadenceDays) : '',
      'effectiveFrom-day': effective.day,
      'effectiveFrom-month': effective.month,
      'effectiveFrom-year': effective.year,
      version: String(person.version),
    }
  }

  app.get<{ Params: { id: string } }>(
    '/people/:id/edit',
    { config: { access: 'signed-in' }, schema: { params: uuidParams('id') } },
    async (request: IdRequest, reply) => {
      const viewer = await viewerOf(request)
      const person = await people.get(request.params.id)
      authorize(canManagePerson(viewer, person))
      return editPage(reply, { viewer, person, values: valuesOf(person, today()) })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/people/:id/edit',
    { config: { access: 'signed-in' }, schema: { params: uuidParams('id') } },
    async (request: IdRequest, reply) => {
      const viewer = await viewerOf(request)
      const person = await people.get(request.params.id)
      authorize(canManagePerson(viewer, person))
      const values = submittedValues(request.body)
      const terms = await careerRoles()
      const form = readProfileForm(request.body, { roles: rolesFor(terms, person), today: today() })
      return saveVersioned({
        form,
        fields: PROFILE_FIELDS,
        save: value =>
          people.changeProfile(
            actorOf(viewer.user),
            person.id,
            profileInput(value, viewer, person),
            value.version,
            value.effectiveFrom,
          ),
        invalid: (errors, status) =>
          editPage(reply, {
            viewer,
            person,
            values,
            errors,
            dateErrors: form.ok ? undefined : form.dateErrors,
            status,
          }),
        conflict: (theirs: Person, value, status) =>
          editPage(reply, {
            viewer,
            person: theirs,
            // Their values stay in the form; the version is the one now saved, so saving again
            // replaces it knowingly.
            values: { ...values, version: String(theirs.version) },
            conflict: {
              theirs: describeInput(terms, {
                careerRole: theirs.careerRole ?? '',
                lineManagerEmail: theirs.lineManagerEmail ?? '',
                associateOfEmail: theirs.associateOfEmail ?? '',
                businessArea: theirs.businessArea,
                group: theirs.group,
                dateIntoRole: theirs.dateIntoRole,
                headOfProfession: theirs.headOfProfession,
                cadenceDays: theirs.oneToOneCadenceDays,
              }),
              yours: describeInput(terms, profileInput(value, viewer, person)),
            },
            status,
          }),
        saved: saved => {
          request.session.flash({
            kind: 'success',
            heading: person.hasProfile
              ? `You changed ${saved.name}’s profile`
              : `You added ${saved.name} to the profession`,
          })
          return reply.seeOther(`/people/${person.id}`)
        },
      })
    },
  )

  /** What the viewer may change: the head-of-profession answer and the area are policed here. */
  function profileInput(form: ProfileForm, viewer: Viewer, person: Person): ProfileInput {
    return {
      careerRole: form.careerRole,
      lineManagerEmail: form.lineManagerEmail,
      associateOfEmail: form.associateOfEmail,
      businessArea: canPlaceInAnyArea(viewer) ? form.businessArea : person.businessArea,
      group: form.group,
      dateIntoRole: form.dateIntoRole,
      headOfProfession: canSetHeadOfProfession(viewer, person) ? form.headOfProfession : null,
      cadenceDays: form.cadenceDays,
    }
  }
}

/** The submitted form as plain strings, to put back in the form. */
function submittedValues(body: unknown): Record<string, unknown> {
  const raw = (body ?? {}) as Record<string, unknown>
  const values: Record<string, unknown> = {}
  const names = [
    'careerRole',
    'lineManager',
    'associateOf',
    'businessArea',
    'group',
    'headOfProfession',
    'cadenceDays',
    'version',
    ...['dateIntoRole', 'effectiveFrom'].flatMap(d => [`${d}-day`, `${d}-month`, `${d}-year`]),
  ]
  for (const name of names) {
    const v = raw[name]
    const first = Array.isArray(v) ? v[0] : v
    values[name] = typeof first === 'string' ? first.slice(0, 400) : ''
  }
  return values
}

/**
 * The roles a person can be given: the current framework's, and the one they hold if it has been
 * retired since, so saving other changes does not force a new role on them.
 */
function rolesFor(terms: FrameworkTerms, person: Person): string[] {
  const roles = terms.roles.map(role => role.slug)
  if (person.hasProfile && person.careerRole && !roles.includes(person.careerRole)) roles.push(person.careerRole)
  return roles
}

/** The three boxes of a GOV.UK date input, marking the ones with a problem. */
function dateItems(values: Record<string, unknown>, name: string, bad: DatePart[]) {
  return (['day', 'month', 'year'] as const).map(part => ({
    name: part,
    label: part === 'day' ? 'Day' : part === 'month' ? 'Month' : 'Year',
    classes: `govuk-input--width-${part === 'year' ? 4 : 2}${bad.includes(part) ? ' govuk-input--error' : ''}`,
    value: values[`${name}-${part}`],
  }))
}

/** One side of a conflict, in words. */
function describeInput(terms: FrameworkTerms, input: ProfileInput): Record<string, string> {
  return {
    careerRole: input.careerRole ? terms.roleName(input.careerRole) : 'None',
    lineManager: input.lineManagerEmail || 'None',
    associateOf: input.careerRole === ASSOCIATE_ROLE ? input.associateOfEmail || 'None' : 'None',
    businessArea: input.businessArea || 'None',
    group: input.group || 'None',
    dateIntoRole: input.dateIntoRole ? formatDate(input.dateIntoRole) : 'Not known',
    cadenceDays: String(input.cadenceDays ?? defaultCadenceDays(input.careerRole)),
  }
}

function pagination(page: number, pages: number, href: (n: number) => string) {
  if (pages <= 1) return null
  const numbers = new Set([1, pages, page - 1, page, page + 1].filter(n => n >= 1 && n <= pages))
  const items: { number?: number; href?: string; current?: boolean; ellipsis?: boolean }[] = []
  let last = 0
  for (const n of [...numbers].sort((a, b) => a - b)) {
    if (n - last > 1) items.push({ ellipsis: true })
    items.push({ number: n, href: href(n), current: n === page })
    last = n
  }
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items,
  }
}

/** The fingerprint of a checked CSV: an import goes ahead only for the CSV that was previewed. */
function digest(csv: string): string {
  return createHash('sha256').update(csv).digest('hex')
}

const MULTIPART_FIELDS = new Set(['_csrf', 'csv', 'checked', 'file'])
const CRLF = Buffer.from('\r\n')

function badRequest(): Error {
  return Object.assign(new Error('The form could not be read'), { statusCode: 400 })
}

/**
 * A small multipart/form-data reader for the import form: the text fields it knows and one file,
 * kept in memory (never written to disk, its name never used). Anything malformed is a 400.
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, string | Buffer> {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary) throw badRequest()
  const delimiter = Buffer.from(`--${boundary}`)
  const closing = Buffer.concat([CRLF, delimiter])
  const fields: Record<string, string | Buffer> = Object.create(null) as Record<string, string | Buffer>
  let pos = body.indexOf(delimiter)
  if (pos < 0) throw badRequest()
  for (let parts = 0; parts < 20; parts++) {
    pos += delimiter.length
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return fields
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw badRequest()
    const headerEnd = body.indexOf('\r\n\r\n', pos)
    if (headerEnd < 0 || headerEnd - pos > 2000) throw badRequest()
    const headers = body.toString('utf8', pos + 2, headerEnd)
    const end = body.indexOf(closing, headerEnd + 4)
    if (end < 0) throw badRequest()
    const disposition =
      /^content-disposition:[ \t]*form-data[ \t]*;[ \t]*name="([^"]{1,50})"([ \t]*;[ \t]*filename=)?/im.exec(headers)
    const name = disposition?.[1]
    if (name && MULTIPART_FIELDS.has(name) && !(name in fields)) {
      const content = body.subarray(headerEnd + 4, end)
      fields[name] = disposition?.[2] ? Buffer.from(content) : content.toString('utf8')
    }
    pos = end + 2
  }
  throw badRequest()
}
