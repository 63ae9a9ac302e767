// Evidence packs: /evidence (your packs and those shared with you), making one for a role, the
// pack, its skills one form each, sharing it with named people, a printable copy, a copy to
// download, and deleting it. Each
// handler loads the pack, asks evidence.policy.ts, calls the service, then renders or redirects.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../platform/auth/authorize.ts'
import { requireViewer, type Viewer } from '../platform/auth/viewer.ts'
import { formErrors, saveVersioned, type FormErrors, type FormValues } from '../platform/forms.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import { ValidationError } from '../platform/errors.ts'
import type { Services } from '../services.ts'
import { canEditPack, canMakePack, canReadPack, canSeeEvidence } from './evidence.policy.ts'
import { SKILL_FIELDS, readRoleForm, readShareForm, readSkillForm } from './evidence.schemas.ts'
import { MAX_EXAMPLES, type PackSkillView } from './evidence.service.ts'
import type { Pack } from './evidence.types.ts'
import { downloadName, packDocument } from './evidence.download.ts'
import {
  evidenceItems,
  listPage,
  packHref,
  packPage,
  pickedValues,
  roleItems,
  skillSection,
  skillValues,
  starFields,
  moreExampleSlots,
} from './evidence.views.ts'

const NAV = 'pathway'
const config = { access: 'signed-in' } as const
const packParams = uuidParams('packId')
const skillParams = {
  type: 'object',
  properties: {
    packId: { type: 'string', pattern: '^[0-9a-f-]{36}$' },
    skill: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,99}$' },
  },
  required: ['packId', 'skill'],
} as const
const shareParams = uuidParams('packId', 'personId')

type PackRequest = FastifyRequest<{ Params: { packId: string } }>
type SkillRequest = FastifyRequest<{ Params: { packId: string; skill: string } }>
type ShareRequest = FastifyRequest<{ Params: { packId: string; personId: string } }>

export default async function evidenceRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { evidence } = services

  /** The pack in the address, once the viewer may read it; with whether they may change it. */
  const load = async (request: PackRequest | SkillRequest | ShareRequest) => {
    const viewer = requireViewer(request)
    const { pack, sharedWithViewer } = await evidence.find(request.params.packId, viewer.user.id)
    authorize(canReadPack(viewer, pack, sharedWithViewer))
    return { viewer, pack, can: { edit: canEditPack(viewer, pack) } }
  }

  /** As load, for the pages only its person uses. */
  const loadOwn = async (request: PackRequest | SkillRequest | ShareRequest) => {
    const loaded = await load(request)
    authorize(loaded.can.edit)
    return loaded
  }

  app.get('/evidence', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canSeeEvidence(viewer))
    const list = await evidence.list(viewer)
    return reply.page(
      'evidence/views/index.njk',
      { pageTitle: 'Evidence for promotion', ...listPage(list, { make: canMakePack(viewer) }) },
      { nav: NAV },
    )
  })

  const newPage = async (
    reply: FastifyReply,
    viewer: Viewer,
    o: { values?: FormValues; errors?: FormErrors; status?: number } = {},
  ) => {
    const [{ roles, suggested }, list] = await Promise.all([evidence.roleChoices(viewer), evidence.list(viewer)])
    const chosen = typeof o.values?.role === 'string' ? o.values.role : undefined
    return reply.page(
      'evidence/views/new.njk',
      {
        pageTitle: 'Start an evidence pack',
        roles: roleItems(roles, { suggested, chosen, existing: list.own.map(p => p.roleSlug) }),
        errors: o.errors,
      },
      { nav: NAV, status: o.status ?? 200 },
    )
  }

  app.get('/evidence/new', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canMakePack(viewer))
    return newPage(reply, viewer)
  })

  app.post('/evidence/new', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canMakePack(viewer))
    const { roles } = await evidence.roleChoices(viewer)
    const form = readRoleForm(
      request.body,
      roles.map(r => r.slug),
    )
    if (!form.ok) return newPage(reply, viewer, { values: form.values, errors: form.errors, status: 400 })
    try {
      const { pack, created } = await evidence.create(viewer, form.value.role)
      if (created) request.session.flash({ kind: 'success', heading: 'Your evidence pack has been started' })
      return reply.seeOther(packHref(pack.id, '/edit'))
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return newPage(reply, viewer, { values: form.values, errors: formErrors(err.fieldErrors, ['role']), status: 400 })
    }
  })

  app.get('/evidence/:packId', { config, schema: { params: packParams } }, async (request: PackRequest, reply) => {
    const { viewer, pack, can } = await load(request)
    const [view, shares] = await Promise.all([
      evidence.view(pack),
      can.edit ? evidence.shares(viewer, pack) : Promise.resolve([]),
    ])
    const page = packPage(view, can)
    return reply.page('evidence/views/show.njk', { pageTitle: page.title, page, shares, self: can.edit }, { nav: NAV })
  })

  app.get(
    '/evidence/:packId/print',
    { config, schema: { params: packParams } },
    async (request: PackRequest, reply) => {
      const { pack, can } = await load(request)
      const page = packPage(await evidence.view(pack), can)
      return reply.page(
        'evidence/views/print.njk',
        { pageTitle: `${page.title}: ${page.ownerName}`, page },
        { nav: NAV },
      )
    },
  )

  // The pack as one self-contained HTML file, for whoever may read it. Nothing of it is logged:
  // the request log carries the address only, which holds the pack's id and nothing personal.
  app.get(
    '/evidence/:packId/download',
    { config, schema: { params: packParams } },
    async (request: PackRequest, reply) => {
      const { pack, can } = await load(request)
      const page = packPage(await evidence.view(pack), can)
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="${downloadName(page)}"`)
        .send(packDocument(page, services.clock().toISOString()))
    },
  )

  // Deleting a pack: a page that asks first, then the POST that deletes it, its evidence and
  // whom it was shared with. Only its person does.
  app.get(
    '/evidence/:packId/delete',
    { config, schema: { params: packParams } },
    async (request: PackRequest, reply) => {
      const { viewer, pack } = await loadOwn(request)
      const [view, shares] = await Promise.all([evidence.view(pack), evidence.shares(viewer, pack)])
      return reply.page(
        'evidence/views/delete.njk',
        {
          pageTitle: `Delete your evidence for ${view.roleName}`,
          roleName: view.roleName,
          packHref: packHref(pack.id),
          action: packHref(pack.id, '/delete'),
          shares,
        },
        { nav: NAV },
      )
    },
  )

  app.post(
    '/evidence/:packId/delete',
    { config, schema: { params: packParams } },
    async (request: PackRequest, reply) => {
      const { viewer, pack } = await loadOwn(request)
      const { roleName } = await evidence.view(pack)
      await evidence.remove(viewer, pack)
      request.session.flash({ kind: 'success', heading: `Your evidence pack for ${roleName} has been deleted` })
      return reply.seeOther('/evidence')
    },
  )

  app.get('/evidence/:packId/edit', { config, schema: { params: packParams } }, async (request: PackRequest, reply) => {
    const { pack, can } = await loadOwn(request)
    const page = packPage(await evidence.view(pack), can)
    return reply.page(
      'evidence/views/edit.njk',
      { pageTitle: `Change your ${page.title.toLowerCase()}`, page },
      { nav: NAV },
    )
  })

  const skillPage = async (
    reply: FastifyReply,
    pack: Pack,
    skillSlug: string,
    o: { values?: FormValues; errors?: FormErrors; conflict?: PackSkillView; status?: number } = {},
  ) => {
    const { view, skill, offered } = await evidence.skillForm(pack, skillSlug)
    const values = o.values ?? skillValues(skill.saved)
    return reply.page(
      'evidence/views/skill.njk',
      {
        pageTitle: `${skill.skill.name}: evidence for ${view.roleName}`,
        roleName: view.roleName,
        packHref: packHref(pack.id),
        editHref: packHref(pack.id, '/edit'),
        action: packHref(pack.id, `/edit/${skill.skill.slug}`),
        section: skillSection(skill),
        evidence: evidenceItems(offered, pickedValues(values)),
        star: starFields(values),
        moreSlots: moreExampleSlots(values),
        maxExamples: MAX_EXAMPLES,
        version: o.conflict ? String(o.conflict.saved?.version ?? 0) : String(values.version ?? '0'),
        conflict: o.conflict ? skillSection(o.conflict) : null,
        errors: o.errors,
      },
      { nav: NAV, status: o.status ?? 200 },
    )
  }

  app.get(
    '/evidence/:packId/edit/:skill',
    { config, schema: { params: skillParams } },
    async (request: SkillRequest, reply) => {
      const { pack } = await loadOwn(request)
      return skillPage(reply, pack, request.params.skill)
    },
  )

  app.post(
    '/evidence/:packId/edit/:skill',
    { config, schema: { params: skillParams } },
    async (request: SkillRequest, reply) => {
      const { viewer, pack } = await loadOwn(request)
      const { offered } = await evidence.skillForm(pack, request.params.skill)
      const form = readSkillForm(
        request.body,
        offered.map(o => o.checkinId),
      )
      return saveVersioned({
        form,
        fields: SKILL_FIELDS,
        save: value => evidence.saveSkill(viewer, pack, request.params.skill, value.input, value.version),
        invalid: (errors, status) =>
          skillPage(reply, pack, request.params.skill, { values: form.values, errors, status }),
        conflict: (latest: PackSkillView, _value, status) =>
          skillPage(reply, pack, request.params.skill, { values: form.values, conflict: latest, status }),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Evidence saved' })
          return reply.seeOther(packHref(pack.id, '/edit'))
        },
      })
    },
  )

  const sharePage = async (
    reply: FastifyReply,
    viewer: Viewer,
    pack: Pack,
    o: { values?: FormValues; errors?: FormErrors; status?: number } = {},
  ) => {
    const [view, shares] = await Promise.all([evidence.view(pack), evidence.shares(viewer, pack)])
    return reply.page(
      'evidence/views/share.njk',
      {
        pageTitle: `Share your evidence for ${view.roleName}`,
        roleName: view.roleName,
        packHref: packHref(pack.id),
        action: packHref(pack.id, '/share'),
        shares: shares.map(s => ({ ...s, stop: packHref(pack.id, `/share/${s.personId}/stop`) })),
        values: o.values ?? {},
        errors: o.errors,
      },
      { nav: NAV, status: o.status ?? 200 },
    )
  }

  app.get(
    '/evidence/:packId/share',
    { config, schema: { params: packParams } },
    async (request: PackRequest, reply) => {
      const { viewer, pack } = await loadOwn(request)
      return sharePage(reply, viewer, pack)
    },
  )

  app.post(
    '/evidence/:packId/share',
    { config, schema: { params: packParams } },
    async (request: PackRequest, reply) => {
      const { viewer, pack } = await loadOwn(request)
      const form = readShareForm(request.body)
      if (!form.ok) return sharePage(reply, viewer, pack, { values: form.values, errors: form.errors, status: 400 })
      try {
        const { person, added } = await evidence.share(viewer, pack, form.value.email)
        request.session.flash({
          kind: 'success',
          heading: added ? `${person.name} can now read your evidence pack` : `${person.name} could already read it`,
        })
        return reply.seeOther(packHref(pack.id, '/share'))
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err
        return sharePage(reply, viewer, pack, {
          values: form.values,
          errors: formErrors(err.fieldErrors, ['email']),
          status: 400,
        })
      }
    },
  )

  app.post(
    '/evidence/:packId/share/:personId/stop',
    { config, schema: { params: shareParams } },
    async (request: ShareRequest, reply) => {
      const { viewer, pack } = await loadOwn(request)
      const stopped = await evidence.unshare(viewer, pack, request.params.personId)
      if (stopped)
        request.session.flash({ kind: 'success', heading: `${stopped.name} can no longer read your evidence pack` })
      return reply.seeOther(packHref(pack.id, '/share'))
    },
  )
}
