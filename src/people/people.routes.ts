// The people of the profession: the list, each person's profile and history, changing a
// profile (which also adds an account to the profession), and importing people from a CSV with a
// preview and a row-by-row report of problems.
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { ConflictError } from '../platform/errors.ts'
import {
  datePartsOf,
  readDateParts,
  formErrors,
  formValues,
  readChoices,
  readText,
  saveVersioned,
  type FormErrors,
  type FormResult,
} from '../platform/forms.ts'
import { ukToday } from '../platform/dates.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import { readUpload, uploadRoutes } from '../platform/http/uploads.ts'
import type { Services } from '../services.ts'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, canonicalCsv, decodeCsvFile, type ImportPlan } from './people.import.ts'
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
import type { Person } from './people.types.ts'
import {
  PROFILE_FIELDS,
  listQueryJsonSchema,
  listQuerySchema,
  parseImportForm,
  readProfileForm,
  type ProfileForm,
} from './people.schemas.ts'
import { importSummary, type ProfileInput } from './people.service.ts'
import { choiceItems, describeInput, listView, profileView, rolesFor } from './people.views.ts'

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
          ? { withoutProfileOnly: true, q: query.q || undefined }
          : {
              withProfileOnly: true,
              q: query.q || undefined,
              businessArea: scope.businessArea ?? (query.area || undefined),
              group: query.group || undefined,
              careerRole: query.role || undefined,
              lineManagerId: query.manager || undefined,
            },
        query.page,
      )
      const [allAreas, managers] = await Promise.all([
        people.areas(),
        showAccounts ? Promise.resolve([]) : people.lineManagers(scope.businessArea ?? undefined),
      ])
      const areas = allAreas.filter(a => scope.businessArea === null || a.businessArea === scope.businessArea)
      return reply.page(
        'people/views/index.njk',
        {
          ...listView(terms, { query, showAccounts, result, areas, managers }),
          leaderArea: scope.businessArea,
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
    invite = true,
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
        // Email each new account an invitation (ticked unless the person unticked it).
        emailOn: services.email.enabled,
        invite,
        ...(await columnHelp()),
      },
      { nav: 'people', status: failed ? 400 : notice.conflict ? 409 : 200 },
    )
  }

  /** Whether to email new accounts invitations: yes unless the preview's box was unticked. */
  const wantsInvitations = (body: unknown): boolean =>
    readText(body, 'inviteAsked') !== 'yes' || readChoices(body, 'invite', ['yes']).chosen.includes('yes')

  /** The CSV from the form: an uploaded file if one was chosen, or else the text area. */
  const readImport = (body: unknown): FormResult<{ csv: string; checked: string }> => {
    const values = formValues(body)
    const file = readUpload(body, 'file')
    if (file?.tooLarge)
      return { ok: false, errors: formErrors({ file: 'The selected file must be 5 MB or smaller' }), values }
    if (file && file.bytes.length > 0) {
      const decoded = decodeCsvFile(file.bytes)
      if ('error' in decoded) return { ok: false, errors: formErrors({ file: decoded.error }), values }
      return { ok: true, value: { csv: canonicalCsv(decoded.text), checked: '' }, values }
    }
    const form = parseImportForm(body)
    if (!form.ok) return form
    return { ok: true, value: { csv: form.value.csv, checked: form.value.checked ?? '' }, values }
  }

  app.get('/people/import', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canImportPeople(await viewerOf(request)))
    return importPage(reply)
  })

  /** Both import steps: who may import, then the CSV (typed or uploaded), or the form again saying what is wrong. */
  const readUploadedImport = async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = await viewerOf(request)
    authorize(canImportPeople(viewer))
    const form = readImport(request.body)
    if (!form.ok) return { answered: await importPage(reply, form.errors, '', 400) }
    const { csv, checked } = form.value
    if (csv === '')
      return {
        answered: await importPage(
          reply,
          formErrors({ csv: 'Paste the people as CSV, or choose a CSV file to upload' }),
          '',
          400,
        ),
      }
    return { viewer, csv, checked }
  }

  // The import form can send a CSV file: these two routes accept uploads (uploads.ts).
  await app.register(
    uploadRoutes({ fileSize: MAX_IMPORT_BYTES + 1, fieldSize: IMPORT_BODY_LIMIT }, upload => {
      upload.post(
        '/people/import/preview',
        { config: { access: 'signed-in' }, bodyLimit: IMPORT_BODY_LIMIT },
        async (request, reply) => {
          const read = await readUploadedImport(request, reply)
          if ('answered' in read) return read.answered
          const { viewer, csv } = read
          const plan = await people.previewImport(csv, importOptions(viewer))
          return previewPage(reply, viewer, csv, plan, {}, wantsInvitations(request.body))
        },
      )

      upload.post(
        '/people/import',
        { config: { access: 'signed-in' }, bodyLimit: IMPORT_BODY_LIMIT },
        async (request, reply) => {
          const read = await readUploadedImport(request, reply)
          if ('answered' in read) return read.answered
          const { viewer, csv, checked } = read
          const invite = wantsInvitations(request.body)
          const options = { ...importOptions(viewer), sendInvitations: invite && services.email.enabled }
          // Import only what was checked: a CSV changed after its preview is shown again first.
          if (checked !== digest(csv))
            return previewPage(
              reply,
              viewer,
              csv,
              await people.previewImport(csv, options),
              { changedSinceCheck: true },
              invite,
            )
          try {
            const outcome = await people.importPeople(actorOf(viewer.user), csv, options)
            if (!outcome.applied) return previewPage(reply, viewer, csv, outcome.plan)
            const { counts, invited } = outcome
            request.session.flash({
              kind: 'success',
              heading: `You imported the spreadsheet: ${importSummary(counts)}`,
              text:
                invited > 0
                  ? `We are emailing ${invited === 1 ? 'the new person an invitation' : `the ${invited.toLocaleString('en-GB')} new people invitations`} with a link to set their password.`
                  : counts.create > 0
                    ? canSetAccountRoles(viewer)
                      ? 'New accounts cannot sign in until they set a password. Make set-password links for them on the People page in Administration.'
                      : 'New accounts cannot sign in until they set a password. Ask an administrator to make set-password links for them.'
                    : undefined,
            })
            return reply.seeOther('/people')
          } catch (err) {
            if (err instanceof ConflictError)
              return previewPage(
                reply,
                viewer,
                csv,
                await people.previewImport(csv, options),
                { conflict: true },
                invite,
              )
            throw err
          }
        },
      )
    }),
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
          ...profileView(terms, person, history, {
            manage: canManagePerson(viewer, person),
            list: canListPeople(viewer),
          }),
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
    const lineManager = String(o.values.lineManager ?? '')
    const associateOf = String(o.values.associateOf ?? '')
    return reply.page(
      'people/views/edit.njk',
      {
        pageTitle: o.person.hasProfile ? `Change ${o.person.name}’s profile` : `Add ${o.person.name} to the profession`,
        person: o.person,
        values: o.values,
        errors: o.errors,
        dates: {
          dateIntoRole: readDateParts(o.values, 'dateIntoRole'),
          effectiveFrom: readDateParts(o.values, 'effectiveFrom'),
        },
        conflict: o.conflict,
        roleItems: roles.map(slug => ({
          value: slug,
          text: terms.roleName(slug),
          checked: slug === o.values.careerRole,
        })),
        managers: {
          asList: managers.length <= MAX_CHOICES,
          items: choiceItems(managers, lineManager, 'No line manager', o.person.id),
        },
        seniors: {
          asList: seniors.length <= MAX_CHOICES,
          items: choiceItems(seniors, associateOf, 'None', o.person.id),
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
    const into = datePartsOf(person.dateIntoRole)
    const effective = datePartsOf(todayIso)
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

/** The fingerprint of a checked CSV: an import goes ahead only for the CSV that was previewed. */
function digest(csv: string): string {
  return createHash('sha256').update(csv).digest('hex')
}
