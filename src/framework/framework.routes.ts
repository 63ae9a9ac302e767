// The capability framework's pages: the current version, each skill, the history of versions,
// proposals and their review, and moving the profession to a newer version.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../platform/auth/authorize.ts'
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.ts'
import { formErrors, parseForm, type FormErrors } from '../platform/forms.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import type { Services } from '../services.ts'
import {
  KIND_HINTS,
  SHAPE_LABELS,
  frameworkView,
  levelItems,
  levelOptions,
  levelsView,
  skillView,
} from './framework.views.ts'
import { LEVEL_NAMES, LEVEL_SUMMARIES, LEVELS } from './framework.bundled.ts'
import {
  canMigrateFramework,
  canProposeFrameworkChange,
  canReadFramework,
  canReviewFrameworkProposal,
} from './framework.policy.ts'
import { requireViewer, type Viewer } from '../platform/auth/viewer.ts'
import { PROPOSAL_KINDS, type ProposalKind } from './framework.repository.ts'
import {
  NOT_CARRIED,
  NOT_EXPECTED,
  PROPOSAL_FIELDS,
  TARGET_PATTERN,
  approveSchema,
  chooseKindQuery,
  isProposalKind,
  migrateFormSchema,
  parseProposalForm,
  prefillQuery,
  readMapping,
  rejectSchema,
  type FormLists,
} from './framework.schemas.ts'
import { FrameworkMovedOnError, PROPOSAL_KIND_NAMES, ProposalNoLongerAppliesError } from './framework.changes.ts'
import { activeRoles, activeSkills, expectedLevel } from './framework.document.ts'
import { parseTargetKey, type MigrationPlan, keepsSkillsMeaning, targetKey } from './framework.migration.ts'
import type { FrameworkVersion, SkillMapping } from './framework.types.ts'

const NAV = { nav: 'framework' }

const slugParams = {
  type: 'object',
  properties: { slug: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' } },
  required: ['slug'],
} as const
const numberParams = {
  type: 'object',
  properties: { number: { type: 'integer', minimum: 1, maximum: 1000000 } },
  required: ['number'],
} as const
const versionSkillParams = {
  type: 'object',
  properties: {
    number: { type: 'integer', minimum: 1, maximum: 1000000 },
    slug: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' },
  },
  required: ['number', 'slug'],
} as const
const idParams = uuidParams('id')
const kindParams = {
  type: 'object',
  properties: { kind: { type: 'string', enum: [...PROPOSAL_KINDS] } },
  required: ['kind'],
} as const
const reviewQuery = {
  type: 'object',
  properties: { target: { type: 'string', pattern: TARGET_PATTERN } },
  required: ['target'],
} as const

const text = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : ''

export default async function frameworkRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { framework } = services

  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => requireViewer(request)

  // ---- Reading ------------------------------------------------------------------------------

  const versionPage = async (reply: FastifyReply, viewer: Viewer, version: FrameworkVersion, readOnly: boolean) => {
    const shape = await framework.shape()
    const base = readOnly ? `/framework/versions/${version.number}/skills/` : '/framework/skills/'
    const openProposals = readOnly ? 0 : await framework.openProposalCount()
    return reply.page(
      'framework/views/framework.njk',
      {
        pageTitle: readOnly ? `Version ${version.number} of the capability framework` : 'Capability framework',
        version,
        readOnly,
        shapeLabel: SHAPE_LABELS[shape],
        table: frameworkView(version.document, shape, slug => `${base}${slug}`),
        levels: levelsView(),
        openProposals,
        can: {
          propose: !readOnly && canProposeFrameworkChange(viewer),
          migrate: !readOnly && canMigrateFramework(viewer),
        },
        subnav: readOnly ? 'versions' : 'framework',
      },
      NAV,
    )
  }

  app.get('/framework', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canReadFramework(request.user))
    const viewer = await viewerOf(request)
    return versionPage(reply, viewer, await framework.current(), false)
  })

  app.get<{ Params: { slug: string } }>(
    '/framework/skills/:slug',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canReadFramework(request.user))
      const viewer = await viewerOf(request)
      const [version, shape] = await Promise.all([framework.current(), framework.shape()])
      const view = skillView(version.document, shape, request.params.slug)
      return reply.page(
        'framework/views/skill.njk',
        {
          pageTitle: view.skill.name,
          version,
          readOnly: false,
          ...view,
          can: { propose: canProposeFrameworkChange(viewer) && !view.skill.retired },
          subnav: 'framework',
        },
        NAV,
      )
    },
  )

  app.get('/framework/versions', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canReadFramework(request.user))
    const viewer = await viewerOf(request)
    await framework.current()
    const [versions, migrations] = await Promise.all([framework.versions(), framework.migrations()])
    return reply.page(
      'framework/views/versions.njk',
      {
        pageTitle: 'Versions of the capability framework',
        versions,
        migrations,
        can: { migrate: canMigrateFramework(viewer) },
        subnav: 'versions',
      },
      NAV,
    )
  })

  app.get<{ Params: { number: number } }>(
    '/framework/versions/:number',
    { config: { access: 'signed-in' }, schema: { params: numberParams } },
    async (request, reply) => {
      authorize(canReadFramework(request.user))
      const viewer = await viewerOf(request)
      return versionPage(reply, viewer, await framework.version(request.params.number), true)
    },
  )

  app.get<{ Params: { number: number; slug: string } }>(
    '/framework/versions/:number/skills/:slug',
    { config: { access: 'signed-in' }, schema: { params: versionSkillParams } },
    async (request, reply) => {
      authorize(canReadFramework(request.user))
      const [version, shape] = await Promise.all([framework.version(request.params.number), framework.shape()])
      const view = skillView(version.document, shape, request.params.slug)
      return reply.page(
        'framework/views/skill.njk',
        {
          pageTitle: `${view.skill.name} in version ${version.number}`,
          version,
          readOnly: true,
          ...view,
          can: {},
          subnav: 'versions',
        },
        NAV,
      )
    },
  )

  // ---- Proposals ----------------------------------------------------------------------------

  app.get('/framework/proposals', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canReadFramework(request.user))
    const viewer = await viewerOf(request)
    const proposals = await framework.proposals()
    return reply.page(
      'framework/views/proposals.njk',
      {
        pageTitle: 'Proposed changes to the framework',
        open: proposals.filter(p => p.status === 'open'),
        decided: proposals.filter(p => p.status !== 'open'),
        can: { propose: canProposeFrameworkChange(viewer) },
        subnav: 'proposals',
      },
      NAV,
    )
  })

  const kindItems = (selected: unknown) =>
    PROPOSAL_KINDS.map(kind => ({
      value: kind,
      text: PROPOSAL_KIND_NAMES[kind],
      hint: { text: KIND_HINTS[kind] },
      checked: selected === kind,
    }))

  app.get('/framework/proposals/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canProposeFrameworkChange(await viewerOf(request)))
    const query = chooseKindQuery.safeParse(request.query)
    const kind = query.success ? query.data.kind : undefined
    if (isProposalKind(kind)) return reply.seeOther(`/framework/proposals/new/${kind}`)
    const chosen = query.success && query.data.chosen !== undefined
    return reply.page(
      'framework/views/proposal-kind.njk',
      {
        pageTitle: 'What do you want to change?',
        kindItems: kindItems(kind),
        errors: chosen ? formErrors({ kind: 'Select what you want to change' }) : undefined,
        subnav: 'proposals',
      },
      { ...NAV, status: chosen ? 400 : 200 },
    )
  })

  const proposalForm = async (
    reply: FastifyReply,
    kind: ProposalKind,
    values: Record<string, unknown>,
    errors?: FormErrors,
    status = 200,
  ) => {
    const version = await framework.current()
    const doc = version.document
    const roles = activeRoles(doc)
    const skills = activeSkills(doc)
    const shape = await framework.shape()
    const selectItems = (list: { slug: string; name: string }[], selected: unknown, prompt: string) => [
      { value: '', text: prompt, selected: !selected },
      ...list.map(item => ({ value: item.slug, text: item.name, selected: item.slug === selected })),
    ]
    return reply.page(
      'framework/views/proposal-form.njk',
      {
        pageTitle: PROPOSAL_KIND_NAMES[kind],
        kind,
        version,
        values,
        errors,
        skillItems: selectItems(skills, values.skill, 'Select a skill'),
        roleItems: selectItems(roles, values.role, 'Select a role'),
        levelItems: levelItems(values.level, kind === 'expectation'),
        groupItems: [
          { value: 'core', text: 'Core skill', checked: values.group === 'core' },
          { value: 'leadership', text: 'Leadership capability', checked: values.group === 'leadership' },
        ],
        descriptorFields: LEVELS.map(level => ({
          id: `descriptors-${level}`,
          name: LEVEL_NAMES[level],
          hint: LEVEL_SUMMARIES[level],
          value: values[`descriptors-${level}`],
        })),
        roleLevels: roles.map(role => ({
          id: `expectations-${role.slug}`,
          name: role.name,
          hint: role.shapes.includes(shape) ? '' : 'Your pathway shape does not use this role at present',
          items: levelOptions(values[`expectations-${role.slug}`]),
        })),
        skillLevels: skills.map(skill => ({
          id: `expectations-${skill.slug}`,
          name: skill.name,
          items: levelOptions(values[`expectations-${skill.slug}`]),
        })),
        afterItems: [
          { value: '', text: 'At the start of the pathway', selected: !values.after },
          ...roles.map(role => ({
            value: role.slug,
            text: `After ${role.name}`,
            selected: role.slug === values.after,
          })),
        ],
        shapeItems: (['small', 'medium', 'enterprise'] as const).map(s => {
          const chosen = values.shapes
          const list = Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : []
          return { value: s, text: SHAPE_LABELS[s], checked: list.includes(s) }
        }),
        subnav: 'proposals',
      },
      { ...NAV, status },
    )
  }

  const formLists = async (): Promise<FormLists> => {
    const doc = (await framework.current()).document
    return { roles: activeRoles(doc).map(r => r.slug), skills: activeSkills(doc).map(s => s.slug) }
  }

  app.get<{ Params: { kind: ProposalKind } }>(
    '/framework/proposals/new/:kind',
    { config: { access: 'signed-in' }, schema: { params: kindParams } },
    async (request, reply) => {
      authorize(canProposeFrameworkChange(await viewerOf(request)))
      const kind = request.params.kind
      const query = prefillQuery.safeParse(request.query)
      const prefill = query.success ? query.data : {}
      const doc = (await framework.current()).document
      const values: Record<string, unknown> = { ...prefill }
      const skill = doc.skills.find(s => s.slug === prefill.skill && !s.retired)
      const level = LEVELS.find(l => l === prefill.level)
      if (kind === 'descriptor' && skill && level) values.text = skill.descriptors[level]
      if (kind === 'expectation' && skill && prefill.role)
        values.level = expectedLevel(doc, prefill.role, skill.slug) ?? NOT_EXPECTED
      return proposalForm(reply, kind, values)
    },
  )

  app.post<{ Params: { kind: ProposalKind } }>(
    '/framework/proposals/new/:kind',
    { config: { access: 'signed-in' }, schema: { params: kindParams } },
    async (request, reply) => {
      const viewer = await viewerOf(request)
      authorize(canProposeFrameworkChange(viewer))
      const kind = request.params.kind
      const values = (request.body ?? {}) as Record<string, unknown>
      const lists = await formLists()
      const parsed = parseProposalForm(kind, request.body, lists)
      if (!parsed.ok) return proposalForm(reply, kind, values, parsed.errors, 400)
      try {
        const proposal = await framework.propose(viewer, parsed.value.change, parsed.value.reason)
        request.session.flash({
          kind: 'success',
          heading: 'Your proposal has been sent for review',
          text: 'Another head of profession or an administrator will review it.',
        })
        return reply.seeOther(`/framework/proposals/${proposal.id}`)
      } catch (err) {
        if (err instanceof ValidationError)
          return proposalForm(reply, kind, values, formErrors(err.fieldErrors, PROPOSAL_FIELDS[kind](lists)), 400)
        throw err
      }
    },
  )

  const proposalPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const viewer = await viewerOf(request)
    const [review, current] = await Promise.all([framework.review(id), framework.current()])
    const { proposal } = review
    return reply.page(
      'framework/views/proposal.njk',
      {
        pageTitle: proposal.summary,
        ...review,
        kindName: PROPOSAL_KIND_NAMES[proposal.change.kind],
        currentNumber: current.number,
        needsMapping: !keepsSkillsMeaning(proposal.change),
        can: {
          review: proposal.status === 'open' && canReviewFrameworkProposal(viewer, proposal),
          approve:
            proposal.status === 'open' && review.problem === null && canReviewFrameworkProposal(viewer, proposal),
        },
        subnav: 'proposals',
        ...extra,
      },
      { ...NAV, status },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/framework/proposals/:id',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      authorize(canReadFramework(request.user))
      return proposalPage(request, reply, request.params.id)
    },
  )

  const alreadyDecided = (request: FastifyRequest, reply: FastifyReply, id: string) => {
    request.session.flash({ kind: 'important', heading: 'Someone else has already decided this proposal' })
    return reply.seeOther(`/framework/proposals/${id}`)
  }

  app.post<{ Params: { id: string } }>(
    '/framework/proposals/:id/approve',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      const viewer = await viewerOf(request)
      const proposal = await framework.proposal(request.params.id)
      authorize(canReviewFrameworkProposal(viewer, proposal))
      const body = (request.body ?? {}) as Record<string, unknown>
      const parsed = parseForm(approveSchema, request.body, ['note'])
      if (!parsed.ok) {
        // A missing version number means the form is out of date: point at the review as a whole.
        const messages = Object.fromEntries(
          parsed.errors.list.map(e => [e.href === '#note' ? 'note' : 'review', e.text]),
        )
        return proposalPage(
          request,
          reply,
          proposal.id,
          { errors: formErrors(messages), approveNote: text(body.note) },
          400,
        )
      }
      try {
        const version = await framework.approve(viewer, proposal.id, parsed.value.note, parsed.value.currentNumber)
        if (version.mappingFrom !== null) {
          // Retiring a skill people hold a level in: straight on to saying where those levels go.
          request.session.flash({
            kind: 'important',
            heading: `Proposal approved: the framework is now at version ${version.number}`,
            text: `People keep their levels in every other skill. Now choose where their levels in the retired skill go.`,
          })
          return reply.seeOther(
            `/framework/migrate/review?target=${targetKey({ kind: 'version', from: version.mappingFrom })}`,
          )
        }
        request.session.flash({
          kind: 'success',
          heading: `Proposal approved: the framework is now at version ${version.number}`,
          text:
            version.peopleCarried === 0
              ? 'Nobody had agreed levels to carry across.'
              : `${version.peopleCarried === 1 ? "1 person's" : `${version.peopleCarried} people's`} agreed levels were carried across to version ${version.number} as they were.`,
        })
        return reply.seeOther(`/framework/proposals/${proposal.id}`)
      } catch (err) {
        if (err instanceof ProposalNoLongerAppliesError || err instanceof FrameworkMovedOnError)
          return proposalPage(
            request,
            reply,
            proposal.id,
            { errors: formErrors({ review: err.message }), approveNote: parsed.value.note },
            409,
          )
        if (err instanceof ConflictError) return alreadyDecided(request, reply, proposal.id)
        if (err instanceof ValidationError)
          return proposalPage(request, reply, proposal.id, { errors: formErrors(err.fieldErrors) }, 400)
        throw err
      }
    },
  )

  app.post<{ Params: { id: string } }>(
    '/framework/proposals/:id/reject',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      const viewer = await viewerOf(request)
      const proposal = await framework.proposal(request.params.id)
      authorize(canReviewFrameworkProposal(viewer, proposal))
      const body = (request.body ?? {}) as Record<string, unknown>
      const parsed = parseForm(rejectSchema, request.body, ['rejectNote'])
      if (!parsed.ok)
        return proposalPage(
          request,
          reply,
          proposal.id,
          {
            errors: formErrors({ rejectNote: parsed.errors.list[0]?.text ?? 'Check the note' }),
            rejectNote: text(body.note),
          },
          400,
        )
      try {
        await framework.reject(viewer, proposal.id, parsed.value.note)
      } catch (err) {
        if (err instanceof ConflictError) return alreadyDecided(request, reply, proposal.id)
        throw err
      }
      request.session.flash({
        kind: 'success',
        heading: 'Proposal rejected',
        text: 'The person who proposed it can see your note.',
      })
      return reply.seeOther(`/framework/proposals/${proposal.id}`)
    },
  )

  // ---- Moving to a newer version --------------------------------------------------------------

  const choosePage = async (reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const [choices, current] = await Promise.all([framework.migrationChoices(), framework.current()])
    return reply.page(
      'framework/views/migrate.njk',
      {
        pageTitle: 'Move to a newer version of the framework',
        current,
        targetItems: choices.map(c => ({ value: c.key, text: c.title, hint: { text: c.hint } })),
        subnav: 'versions',
        ...extra,
      },
      { ...NAV, status },
    )
  }

  app.get('/framework/migrate', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canMigrateFramework(await viewerOf(request)))
    return choosePage(reply)
  })

  const reviewPage = (reply: FastifyReply, plan: MigrationPlan, extra: { errors?: FormErrors } = {}, status = 200) =>
    reply.page(
      'framework/views/migrate-review.njk',
      {
        pageTitle: `Check how assessments carry across to version ${plan.to.number}`,
        plan,
        rows: plan.rows.map(row => ({
          ...row,
          id: `map-${row.skill.slug}`,
          items: [
            { value: NOT_CARRIED, text: 'Do not carry across', selected: row.selected === null },
            ...plan.targetSkills.map(s => ({ value: s.slug, text: s.name, selected: s.slug === row.selected })),
          ],
          suggestedName: plan.targetSkills.find(s => s.slug === row.suggested)?.name ?? 'Do not carry across',
        })),
        subnav: 'versions',
        ...extra,
      },
      { ...NAV, status },
    )

  app.get<{ Querystring: { target: string } }>(
    '/framework/migrate/review',
    { config: { access: 'signed-in' }, schema: { querystring: reviewQuery } },
    async (request, reply) => {
      authorize(canMigrateFramework(await viewerOf(request)))
      const target = parseTargetKey(request.query.target)
      if (!target) throw new NotFoundError('No such target')
      return reviewPage(reply, await framework.planMigration(target))
    },
  )

  app.post('/framework/migrate', { config: { access: 'signed-in' } }, async (request, reply) => {
    const viewer = await viewerOf(request)
    authorize(canMigrateFramework(viewer))
    const parsed = parseForm(migrateFormSchema, request.body, ['target'])
    const target = parsed.ok ? parseTargetKey(parsed.value.target) : null
    if (!parsed.ok || !target)
      return choosePage(reply, { errors: formErrors({ target: 'Choose where to move the framework' }) }, 400)

    /** The review again, with the reviewer's own choices, or the choice page when it no longer applies. */
    const again = async (mapping: SkillMapping, errors: FormErrors, status: number) => {
      try {
        return reviewPage(reply, await framework.planMigration(target, mapping), { errors }, status)
      } catch (err) {
        if (err instanceof NotFoundError) return choosePage(reply, { errors }, status)
        throw err
      }
    }

    const plan = await framework.planMigration(target).catch(err => {
      if (err instanceof NotFoundError) return null
      throw err
    })
    const mapping = readMapping(request.body, plan?.rows.map(r => r.skill.slug) ?? [])
    try {
      const result = await framework.applyMigration(viewer, target, mapping, parsed.value.currentNumber)
      const whose = result.peopleCarried === 1 ? "1 person's" : `${result.peopleCarried} people's`
      request.session.flash(
        result.newVersion
          ? {
              kind: 'success',
              heading: `The framework is now at version ${result.versionNumber}`,
              text: `${whose} agreed levels were carried across from version ${result.fromNumber}. Their earlier check-ins are unchanged.`,
            }
          : {
              kind: 'success',
              heading: `${whose.charAt(0).toUpperCase()}${whose.slice(1)} agreed levels carried from version ${result.fromNumber} into version ${result.versionNumber}`,
              text: 'Their earlier check-ins are unchanged.',
            },
      )
      return reply.seeOther('/framework/versions')
    } catch (err) {
      if (err instanceof ValidationError) {
        const order = plan?.rows.map(r => `map-${r.skill.slug}`) ?? []
        return again(mapping, formErrors(err.fieldErrors, order), 400)
      }
      if (err instanceof ConflictError) return again(mapping, formErrors({ target: err.message }), 409)
      if (err instanceof NotFoundError) return again(mapping, formErrors({ target: err.message }), 400)
      throw err
    }
  })
}
