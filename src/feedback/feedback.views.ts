// Peer feedback's presenters: a request with each colleague's status and answers, grouped by
// skill; and the feedback a person received on a skill, as check-in evidence can quote it.
import { formatDate } from '../platform/dates.ts'
import type { RequestDetail } from './feedback.service.ts'
import type { AskStatus, ReceivedFeedback } from './feedback.types.ts'

const ASK_TAGS: Record<AskStatus, { text: string; classes: string }> = {
  asked: { text: 'Waiting', classes: 'govuk-tag--blue' },
  answered: { text: 'Answered', classes: 'govuk-tag--green' },
  declined: { text: 'Declined', classes: 'govuk-tag--grey' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
}

export const askTag = (status: AskStatus) => ASK_TAGS[status]

/** A request for its page: colleagues with their status, then what each said on each skill. */
export function requestView(d: RequestDetail) {
  const names = new Map(d.asks.map(a => [a.id, a.colleagueName]))
  const answeredAt = new Map(d.asks.map(a => [a.id, a.answeredAt]))
  return {
    id: d.request.id,
    path: `/feedback/requests/${d.request.id}`,
    createdAt: d.request.createdAt,
    withdrawnAt: d.request.withdrawnAt,
    version: d.request.version,
    note: d.request.note,
    skillNames: d.skills.map(s => s.name),
    colleagues: d.asks.map(a => ({ name: a.colleagueName, tag: askTag(a.status), answeredAt: a.answeredAt })),
    answered: d.asks.filter(a => a.status === 'answered').length,
    bySkill: d.skills
      .map(s => ({
        slug: s.slug,
        name: s.name,
        answers: d.answers
          .filter(a => a.skillSlug === s.slug)
          .map(a => ({ from: names.get(a.askId) ?? '', at: answeredAt.get(a.askId) ?? '', text: a.text })),
      }))
      .filter(s => s.answers.length > 0),
  }
}

/** How a piece of feedback reads when quoted as evidence: the words, then who said them and when. */
export const quoteOf = (f: Pick<ReceivedFeedback, 'text' | 'fromName' | 'answeredAt'>): string =>
  `“${f.text}” (feedback from ${f.fromName}, ${formatDate(f.answeredAt)})`

/** The checkboxes offering each skill's feedback to quote, leaving out what the evidence already quotes. */
export function quoteChoices(received: readonly ReceivedFeedback[], skillSlug: string, evidence: string) {
  return received
    .filter(f => f.skillSlug === skillSlug && !evidence.includes(quoteOf(f)))
    .map(f => ({ value: f.askId, text: `From ${f.fromName}, ${formatDate(f.answeredAt)}`, hint: { text: f.text } }))
}

/**
 * The evidence of each skill with the feedback the person ticked quoted at the end. Only feedback
 * they received on that skill can be quoted; a quote already there is not added twice. Lengths are
 * checked afterwards, like anything typed.
 */
export function withQuotes<R extends { evidence: string }>(
  ratings: Record<string, R>,
  received: readonly ReceivedFeedback[],
  ticked: Record<string, readonly string[]>,
): Record<string, R> {
  const out: Record<string, R> = { ...ratings }
  for (const [slug, askIds] of Object.entries(ticked)) {
    const rating = out[slug]
    if (!rating) continue
    let evidence = rating.evidence
    for (const f of received.filter(r => r.skillSlug === slug && askIds.includes(r.askId))) {
      const quote = quoteOf(f)
      if (!evidence.includes(quote)) evidence = evidence ? `${evidence}\n\n${quote}` : quote
    }
    out[slug] = { ...rating, evidence }
  }
  return out
}
