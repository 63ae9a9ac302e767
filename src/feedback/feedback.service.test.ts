// Peer feedback on both engines: asking (limits, the emails that carry no content), answering
// (final once sent), declining, withdrawing, who sees the answers, and quoting them as evidence.
import { must, rejection } from '../../test/assert.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../test/dialects.ts'
import { pathwayWorld, type PathwayWorld } from '../../test/pathway-world.ts'
import { ForbiddenError, ValidationError } from '../platform/errors.ts'
import { AskClosedError, MAX_COLLEAGUES } from './feedback.service.ts'
import { quoteOf, withQuotes } from './feedback.views.ts'

const ANSWER = 'Ran the roadmap session with great care for the users'

describe.each(DIALECTS)('peer feedback on %s', dialect => {
  let w: PathwayWorld | undefined
  afterEach(async () => {
    await w?.close()
    w = undefined
  })

  async function world() {
    w = await pathwayWorld(dialect)
    const mel = await w.person('Mel Manager', { careerRole: 'senior-product-manager' })
    const pat = await w.person('Pat Person', { lineManagerId: mel.user.id })
    const cole = await w.person('Cole Colleague', { lineManagerId: mel.user.id })
    const boss = await w.person('Bea Boss', { careerRole: 'lead-product-manager' })
    await w.services.people.saveProfile(
      { id: boss.user.id, name: 'x' },
      cole.user.id,
      {
        ...(await w.services.people.get(cole.user.id)),
        careerRole: 'product-manager',
        lineManagerId: boss.user.id,
        associateOfId: null,
        group: '',
        dateIntoRole: '2025-01-01',
        businessArea: 'Benefits',
        headOfProfession: false,
        oneToOneCadenceDays: 28,
      },
      (await w.services.people.get(cole.user.id)).version,
    )
    const head = await w.person('Hope Head', { careerRole: 'head-of-product', headOfProfession: true })
    const admin = await w.person('Ada Admin', {}, 'administrator')
    const leader = await w.person('Lee Leader', { careerRole: 'lead-product-manager' }, 'leader')
    return {
      w,
      mel: await w.viewerOf(mel.user.id),
      pat: await w.viewerOf(pat.user.id),
      cole: await w.viewerOf(cole.user.id),
      boss: await w.viewerOf(boss.user.id),
      head,
      admin,
      leader,
    }
  }

  it('asks named colleagues on chosen skills, tells each without any content, and lists it for them', async () => {
    const { w, pat, cole } = await world()
    const feedback = w.services.feedback
    const problems = await rejection(feedback.ask(pat, { colleagues: [], skills: [], note: 'x'.repeat(1001) }))
    expect(Object.keys((problems as ValidationError).fieldErrors)).toEqual(['colleagues', 'skills', 'note'])
    const self = await rejection(
      feedback.ask(pat, { colleagues: [pat.user.id], skills: ['product-management'], note: '' }),
    )
    expect((self as ValidationError).fieldErrors.colleagues).toBe('Select colleagues from the list')
    const tooMany = Array.from({ length: MAX_COLLEAGUES + 1 }, (_, i) => `00000000-0000-4000-8000-00000000000${i % 10}`)
    expect(
      await rejection(feedback.ask(pat, { colleagues: tooMany, skills: ['product-management'], note: '' })),
    ).toBeInstanceOf(ValidationError)

    const id = await feedback.ask(pat, {
      colleagues: [cole.user.id],
      skills: ['product-management', 'agile-and-lean-practices'],
      note: 'The payments roadmap work',
    })
    const waiting = await feedback.waitingFor(cole.user.id)
    expect(waiting).toEqual([
      { askId: expect.any(String), personId: pat.user.id, personName: 'Pat Person', askedAt: expect.any(String) },
    ])
    const home = await w.services.home.facts(cole)
    expect(home.feedbackAsks?.map(a => a.askId)).toEqual([waiting[0]?.askId])
    const mail = await w.outbox()
    expect(mail).toEqual([expect.objectContaining({ kind: 'feedback-requested', recipient_id: cole.user.id })])
    expect(JSON.stringify(mail)).not.toMatch(/payments|product-management/)
    const detail = await feedback.request(pat, id)
    expect(detail.skills.map(s => s.slug)).toEqual(['agile-and-lean-practices', 'product-management'])
  })

  it('keeps answers final, for the person and their line manager only', async () => {
    const { w, pat, mel, cole, boss, head, admin, leader } = await world()
    const feedback = w.services.feedback
    const id = await feedback.ask(pat, { colleagues: [cole.user.id], skills: ['product-management'], note: '' })
    const [ask] = await feedback.waitingFor(cole.user.id)
    const problems = await rejection(
      feedback.answer(cole, must(ask).askId, { answers: { 'product-management': '' } }, 1),
    )
    expect((problems as ValidationError).fieldErrors['answer-product-management']).toMatch(/at least one skill/)
    expect(
      await rejection(feedback.answer(mel, must(ask).askId, { answers: { 'product-management': ANSWER } }, 1)),
    ).toBeInstanceOf(ForbiddenError)
    await feedback.answer(cole, must(ask).askId, { answers: { 'product-management': ANSWER } }, 1)
    expect(
      await rejection(feedback.answer(cole, must(ask).askId, { answers: { 'product-management': 'Again' } }, 2)),
    ).toBeInstanceOf(AskClosedError)
    expect((await feedback.request(pat, id)).answers).toEqual([
      { askId: must(ask).askId, skillSlug: 'product-management', text: ANSWER },
    ])
    expect((await feedback.request(mel, id)).answers).toHaveLength(1)
    for (const who of [cole, boss, head, admin, leader])
      expect(await rejection(feedback.request(who, id)), who.user.name).toBeInstanceOf(ForbiddenError)
    const audit = JSON.stringify((await w.services.audit.list({}, 1)).events)
    expect(audit).toContain('feedback.answered')
    expect(audit).not.toContain('roadmap session')
    expect(await feedback.waitingFor(cole.user.id)).toEqual([])
  })

  it('lets a colleague decline, and the person withdraw what is still waiting', async () => {
    const { w, pat, mel, cole, boss } = await world()
    const feedback = w.services.feedback
    const id = await feedback.ask(pat, {
      colleagues: [cole.user.id, boss.user.id, mel.user.id],
      skills: ['product-management'],
      note: '',
    })
    const [coleAsk] = await feedback.waitingFor(cole.user.id)
    const [bossAsk] = await feedback.waitingFor(boss.user.id)
    await feedback.decline(cole, must(coleAsk).askId, 1)
    await feedback.answer(boss, must(bossAsk).askId, { answers: { 'product-management': ANSWER } }, 1)
    expect(await rejection(feedback.withdraw(mel, id, 1))).toBeInstanceOf(ForbiddenError)
    await feedback.withdraw(pat, id, 1)
    expect(await rejection(feedback.withdraw(pat, id, 2))).toBeInstanceOf(AskClosedError)
    const detail = await feedback.request(pat, id)
    expect(Object.fromEntries(detail.asks.map(a => [a.colleagueName, a.status]))).toEqual({
      'Cole Colleague': 'declined',
      'Bea Boss': 'answered',
      'Mel Manager': 'withdrawn',
    })
    expect(detail.answers).toHaveLength(1)
    expect(await feedback.waitingFor(mel.user.id)).toEqual([])
    const [melAsk] = detail.asks.filter(a => a.colleagueName === 'Mel Manager')
    expect(
      await rejection(
        feedback.answer(mel, must(melAsk).id, { answers: { 'product-management': 'Late' } }, must(melAsk).version),
      ),
    ).toBeInstanceOf(AskClosedError)
  })

  it('offers what the person received on a skill to quote as evidence, with who said it', async () => {
    const { w, pat, cole } = await world()
    const feedback = w.services.feedback
    await feedback.ask(pat, {
      colleagues: [cole.user.id],
      skills: ['product-management', 'strategic-ownership'],
      note: '',
    })
    const [ask] = await feedback.waitingFor(cole.user.id)
    await feedback.answer(
      cole,
      must(ask).askId,
      { answers: { 'product-management': ANSWER, 'strategic-ownership': '' } },
      1,
    )
    const received = await feedback.receivedOn(pat.user.id, ['product-management', 'strategic-ownership'])
    expect(received).toEqual([
      {
        askId: must(ask).askId,
        skillSlug: 'product-management',
        text: ANSWER,
        fromName: 'Cole Colleague',
        answeredAt: expect.any(String),
      },
    ])
    expect(await feedback.receivedOn(cole.user.id, ['product-management'])).toEqual([])
    const ratings = {
      'product-management': { level: null, evidence: 'My own words' },
      'strategic-ownership': { level: null, evidence: '' },
    }
    const quoted = withQuotes(ratings, received, {
      'product-management': [must(ask).askId],
      'strategic-ownership': [must(ask).askId],
    })
    expect(quoted['product-management']?.evidence).toBe(`My own words\n\n${quoteOf(must(received[0]))}`)
    expect(quoted['product-management']?.evidence).toContain('(feedback from Cole Colleague,')
    expect(quoted['strategic-ownership']?.evidence).toBe('')
    // Quoting twice adds it once.
    expect(withQuotes(quoted, received, { 'product-management': [must(ask).askId] })).toEqual(quoted)
  })
})
