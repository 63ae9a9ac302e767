// Confirming and querying agreed levels on both engines: who may, what each step records, the
// email to the line manager (never the query's text), the task lists, and two tabs at once.
import { must, rejection } from '../../test/assert.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../test/dialects.ts'
import { pathwayWorld, type PathwayWorld } from '../../test/pathway-world.ts'
import { ForbiddenError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { ResponseStageError } from './pathway.responses.ts'

const SECRET = 'I led the discovery for the payments service myself'

describe.each(DIALECTS)('confirming or querying agreed levels on %s', dialect => {
  let w: PathwayWorld | undefined
  afterEach(async () => {
    await w?.close()
    w = undefined
  })

  async function agreed() {
    w = await pathwayWorld(dialect)
    const mel = await w.person('Mel Manager', { careerRole: 'senior-product-manager' })
    const pat = await w.person('Pat Person', { lineManagerId: mel.user.id })
    const other = await w.person('Otto Other')
    const checkinId = await w.agreedCheckin(pat, await w.viewerOf(mel.user.id))
    return { w, mel: await w.viewerOf(mel.user.id), pat, other, checkinId }
  }

  it('lets the person confirm the agreed levels once, and records when', async () => {
    const { w, pat, checkinId } = await agreed()
    const responses = w.services.checkinResponses
    expect((await responses.latest(pat.user.id))?.response).toBeNull()
    await responses.confirm(pat, pat.user.id, checkinId, 0)
    const response = await responses.of(checkinId)
    expect(response).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String) })
    expect(await rejection(responses.confirm(pat, pat.user.id, checkinId, 0))).toBeInstanceOf(ResponseStageError)
    const events = (await w.services.audit.list({}, 1)).events.map(e => e.action)
    expect(events).toContain('checkin.levels-confirmed')
  })

  it('refuses anyone else confirming or querying', async () => {
    const { pat, mel, other, checkinId } = await agreed()
    const responses = must(w).services.checkinResponses
    expect(await rejection(responses.confirm(mel, pat.user.id, checkinId, 0))).toBeInstanceOf(ForbiddenError)
    expect(
      await rejection(responses.query(other, pat.user.id, checkinId, { skills: ['product-management'], text: 'x' }, 0)),
    ).toBeInstanceOf(ForbiddenError)
  })

  it('sends a query to the line manager: their task, an email without the text, an audit without it', async () => {
    const { w, pat, mel, checkinId } = await agreed()
    const responses = w.services.checkinResponses
    const problems = await rejection(responses.query(pat, pat.user.id, checkinId, { skills: [], text: '' }, 0))
    expect(problems).toBeInstanceOf(ValidationError)
    expect(Object.keys((problems as ValidationError).fieldErrors)).toEqual(['skills', 'text'])

    await responses.query(pat, pat.user.id, checkinId, { skills: ['product-management'], text: SECRET }, 0)
    expect(await responses.of(checkinId)).toMatchObject({
      status: 'queried',
      managerId: mel.user.id,
      querySkills: ['product-management'],
      queryText: SECRET,
    })
    expect(await responses.waitingFor(mel.user.id)).toEqual([
      { checkinId, personId: pat.user.id, name: 'Pat Person', queriedAt: expect.any(String) },
    ])
    const mail = await w.outbox()
    expect(mail).toHaveLength(1)
    expect(mail[0]).toMatchObject({ kind: 'levels-queried', recipient_id: mel.user.id })
    expect(JSON.stringify(mail)).not.toContain('discovery')
    expect(mail[0]?.subject).not.toContain('Pat')
    const audit = JSON.stringify((await w.services.audit.list({}, 1)).events)
    expect(audit).toContain('checkin.levels-queried')
    expect(audit).not.toContain('discovery')
  })

  it('lets the line manager change a queried level, which re-agrees the check-in', async () => {
    const { w, pat, mel, other, checkinId } = await agreed()
    const responses = w.services.checkinResponses
    await responses.query(pat, pat.user.id, checkinId, { skills: ['product-management'], text: SECRET }, 0)
    const queried = await responses.of(checkinId)
    const before = await w.services.pathway.checkin(pat.user.id, checkinId)
    const input = { levels: { 'product-management': 'practitioner' as const }, reply: 'You are right' }
    expect(
      await rejection(responses.answer(other, pat.user.id, checkinId, input, must(queried).version)),
    ).toBeInstanceOf(ForbiddenError)
    expect(await responses.answer(mel, pat.user.id, checkinId, input, must(queried).version)).toBe('changed')
    const after = await w.services.pathway.checkin(pat.user.id, checkinId)
    expect(after.skills.find(s => s.skill.slug === 'product-management')?.rating.agreedLevel).toBe('practitioner')
    expect(after.skills.find(s => s.skill.slug === 'agile-and-lean-practices')?.rating.agreedLevel).toBe('working')
    expect(must(after.checkin.agreedAt) > must(before.checkin.agreedAt)).toBe(true)
    expect((await w.services.pathway.currentLevels(pat.user.id)).get('product-management')).toBe('practitioner')
    expect(await responses.of(checkinId)).toMatchObject({
      status: 'answered',
      outcome: 'changed',
      reply: 'You are right',
    })
    expect(await responses.waitingFor(mel.user.id)).toEqual([])
    // Answered, the person may confirm (or query again).
    await responses.confirm(pat, pat.user.id, checkinId, must(await responses.of(checkinId)).version)
    expect((await responses.of(checkinId))?.status).toBe('confirmed')
  })

  it('lets the line manager keep the levels with a reply, and needs a level and a reply', async () => {
    const { w, pat, mel, checkinId } = await agreed()
    const responses = w.services.checkinResponses
    await responses.query(pat, pat.user.id, checkinId, { skills: ['product-management'], text: SECRET }, 0)
    const version = must(await responses.of(checkinId)).version
    const problems = await rejection(
      responses.answer(mel, pat.user.id, checkinId, { levels: { 'product-management': null }, reply: '' }, version),
    )
    expect(Object.keys((problems as ValidationError).fieldErrors)).toEqual(['level-product-management', 'reply'])
    const kept = await responses.answer(
      mel,
      pat.user.id,
      checkinId,
      { levels: { 'product-management': 'working' }, reply: 'We agreed working' },
      version,
    )
    expect(kept).toBe('kept')
    expect(await responses.of(checkinId)).toMatchObject({ status: 'answered', outcome: 'kept' })
  })

  it('catches two tabs: an answer from a stale page changes nothing', async () => {
    const { w, pat, mel, checkinId } = await agreed()
    const responses = w.services.checkinResponses
    await responses.query(pat, pat.user.id, checkinId, { skills: ['product-management'], text: SECRET }, 0)
    const version = must(await responses.of(checkinId)).version
    const stale = await rejection(
      responses.answer(
        mel,
        pat.user.id,
        checkinId,
        { levels: { 'product-management': 'expert' }, reply: 'No' },
        version + 5,
      ),
    )
    expect(stale).toBeInstanceOf(StaleVersionError)
    const now = await w.services.pathway.checkin(pat.user.id, checkinId)
    expect(now.skills.find(s => s.skill.slug === 'product-management')?.rating.agreedLevel).toBe('working')
    expect((await responses.of(checkinId))?.status).toBe('queried')
  })

  it('puts levels to confirm and queries to answer on the home task lists', async () => {
    const { w, pat, mel, checkinId } = await agreed()
    const own = await w.services.home.facts(await w.viewerOf(pat.user.id))
    expect(own.levelsToConfirm?.checkinId).toBe(checkinId)
    await w.services.checkinResponses.query(
      pat,
      pat.user.id,
      checkinId,
      { skills: ['product-management'], text: SECRET },
      0,
    )
    expect((await w.services.home.facts(await w.viewerOf(pat.user.id))).levelsToConfirm).toBeNull()
    const manager = await w.services.home.facts(await w.viewerOf(mel.user.id))
    expect(manager.queries?.map(q => q.checkinId)).toEqual([checkinId])
  })
})
