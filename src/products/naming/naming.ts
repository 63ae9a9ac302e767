// Names that describe what users do. A service is named after what someone is trying to get done,
// starting with a verb ("Renew a passport"), not after the process government runs ("Passport
// renewal"). This module decides whether a name starts with a verb, using a real part-of-speech
// tagger (compromise, pure JavaScript and offline), and builds two suggested rewrites from the
// name's own words. It only ever advises: nothing here stops a name being saved.
import nlp from 'compromise/two'

interface Term {
  text: string
  normal: string
  tags: string[]
}

/** The tagger's reading of a sentence, as one list of terms. */
function tag(sentence: string): Term[] {
  const sentences = nlp(sentence).json() as { terms: Term[] }[]
  return sentences.flatMap(s => s.terms)
}

const isAcronym = (word: string) => /^[A-Z]{2,}s?$/.test(word)

/** Lower case, except acronyms such as HMRC or UK, which read as nouns whatever their place. */
const lowered = (words: readonly string[]) => words.map(w => (isAcronym(w) ? w : w.toLowerCase())).join(' ')

const words = (name: string) => name.trim().split(/\s+/).filter(Boolean)

// The few verbs that take "of" straight after them. Any other verb followed by "of" is really a
// noun: "Change of address" is a thing, where "Dispose of a vehicle" is something you do.
const VERBS_TAKING_OF = new Set(['dispose', 'approve', 'think', 'hear', 'learn', 'know', 'consist', 'disapprove'])

/**
 * Whether a name starts with a verb, as "Apply for a passport" does and "Passport renewal" does not.
 *
 * The tagger reads a word by its neighbours, and a name on its own is a poor sentence: the
 * imperative at the start of "Check if you need a visa", "Claim Child Benefit" or "Contact HMRC"
 * looks like a noun there (a check, a claim, a contact). So we tag the name as it would be said,
 * after "I want to": in that place a verb can only be read as a verb, and a word that cannot be one
 * ("Vehicle", "Universal", "Statutory") still reads as a noun or an adjective. A word ending in -ing
 * there ("Driving licence", "Lasting power of attorney") is a gerund used as a noun, not an
 * instruction. The name is lower-cased first (except acronyms) because Title Case makes the tagger
 * read every word as part of a proper name.
 *
 * Some names are truly ambiguous: "Tax credits" or "State Pension" can be read as an instruction
 * ("tax the credits"). When the tagger can read the first word as a verb we take it as one, so the
 * guidance errs towards saying nothing rather than nagging a good name.
 */
export function startsWithVerb(name: string): boolean {
  const known = verdicts.get(name)
  if (known !== undefined) return known
  const verdict = readsAsVerb(name)
  // Tagging costs about a millisecond and a name rarely changes: remember the answer per name.
  if (verdicts.size >= 5000) verdicts.clear()
  verdicts.set(name, verdict)
  return verdict
}

const verdicts = new Map<string, boolean>()

function readsAsVerb(name: string): boolean {
  const list = words(name)
  if (list.length === 0) return true
  // "I want to" is three terms; the name starts at the fourth.
  const terms = tag(`I want to ${lowered(list)}.`).slice(3)
  const [first, second] = terms
  if (!first) return true
  const verb = first.tags.includes('Verb') && first.tags.includes('Infinitive') && !first.tags.includes('Gerund')
  if (!verb) return false
  if (second?.normal === 'of' && !VERBS_TAKING_OF.has(first.normal)) return false
  return true
}

// ---- Suggested rewrites --------------------------------------------------------------------------

/** Words at the end of a name that name the delivery, not the thing: "Blue Badge scheme". */
const TRAILING = new Set(['scheme', 'service', 'services', 'system', 'programme', 'portal', 'online', 'process'])

/**
 * Heads that name an action: the last word of "Passport renewal", or the word before "of" in
 * "Change of address". Each gives two ways to say the action with a verb, about the rest of the
 * name: {x} is the rest, {a} the rest with "a" or "an".
 */
const ACTIONS: Record<string, readonly [string, string]> = {
  renewal: ['Renew your {x}', 'Apply to renew your {x}'],
  renewals: ['Renew your {x}', 'Apply to renew your {x}'],
  registration: ['Register {a}', 'Apply to register {a}'],
  registrations: ['Register {a}', 'Apply to register {a}'],
  application: ['Apply for {a}', 'Get {a}'],
  applications: ['Apply for {a}', 'Get {a}'],
  notification: ['Tell us about your {x}', 'Report {a}'],
  notifications: ['Tell us about your {x}', 'Report {a}'],
  booking: ['Book {a}', 'Change or cancel {a}'],
  bookings: ['Book {a}', 'Change or cancel {a}'],
  appeal: ['Appeal against {a} decision', 'Ask for {a} decision to be looked at again'],
  appeals: ['Appeal against {a} decision', 'Ask for {a} decision to be looked at again'],
  claim: ['Claim {x}', 'Check if you can claim {x}'],
  claims: ['Claim {x}', 'Check if you can claim {x}'],
  request: ['Ask for {x}', 'Check how to ask for {x}'],
  requests: ['Ask for {x}', 'Check how to ask for {x}'],
  change: ['Change your {x}', 'Tell us about a change to your {x}'],
  changes: ['Change your {x}', 'Tell us about a change to your {x}'],
  replacement: ['Replace your {x}', 'Get a replacement {x}'],
  cancellation: ['Cancel your {x}', 'Stop your {x}'],
  licensing: ['Apply for {a} licence', 'Check if you need {a} licence'],
  checking: ['Check {a}', 'Find out how to check {a}'],
  reporting: ['Report {a}', 'Tell us about {a}'],
}

type Group = {
  heads: readonly string[]
  countable: readonly string[]
  pair: readonly [string, string]
  /** Whether a proper name of this kind still takes "a": "a Blue Badge", but "Universal Credit". */
  properArticle?: boolean
}

/**
 * Heads that name a thing: money people get, money they pay, papers they hold, and things they
 * make. {n} is the whole name, {an} the name with "a" or "an" where the thing can be counted.
 */
const GROUPS: readonly Group[] = [
  {
    heads: ['credit', 'benefit', 'allowance', 'pension', 'grant', 'loan', 'funding', 'finance', 'payment', 'support'],
    countable: ['grant', 'loan', 'payment'],
    pair: ['Apply for {an}', 'Check if you can get {an}'],
  },
  {
    heads: ['relief', 'refund', 'bursary', 'bonus', 'discount', 'exemption'],
    countable: ['refund', 'bursary', 'bonus', 'discount', 'exemption'],
    pair: ['Claim {an}', 'Check if you can get {an}'],
  },
  {
    heads: ['tax', 'fee', 'fees', 'fine', 'charge', 'duty', 'levy', 'penalty', 'rates'],
    countable: [],
    pair: ['Pay your {n}', 'Check how much {n} you need to pay'],
  },
  {
    heads: ['licence', 'license', 'permit', 'passport', 'certificate', 'visa', 'badge', 'card', 'permission'],
    countable: ['licence', 'license', 'permit', 'passport', 'certificate', 'visa', 'badge', 'card'],
    pair: ['Apply for {an}', 'Renew your {n}'],
    properArticle: true,
  },
  {
    heads: ['power', 'will', 'complaint', 'plan'],
    countable: ['power', 'will', 'complaint', 'plan'],
    pair: ['Make {an}', 'Register {an}'],
  },
]

const DEFAULT_PAIR: readonly [string, string] = ['Apply for {an}', 'Get {an}']

/** "a" or "an", by the sound of the next word as far as its spelling tells. */
function article(phrase: string): string {
  const word = phrase.split(' ')[0] ?? ''
  if (isAcronym(word)) return /^[AEFHILMNORSX]/.test(word) ? 'an' : 'a'
  const lower = word.toLowerCase()
  if (/^(uni|use|usu|eu|one)/.test(lower)) return 'a'
  if (/^(hour|honest|heir)/.test(lower)) return 'an'
  return /^[aeiou]/.test(lower) ? 'an' : 'a'
}

const withArticle = (phrase: string) => `${article(phrase)} ${phrase}`

/**
 * The words of a name as they should appear inside a sentence. A long name in Title Case
 * ("Statutory Off Road Vehicle Notification") is lower-cased; a short one whose words are all
 * capitalised ("Universal Credit", "Blue Badge") is kept, as it is probably the name of a scheme.
 */
function inSentence(list: readonly string[]): string[] {
  const capitalised = list.filter(w => /^[A-Z]/.test(w)).length
  const titleCase = capitalised === list.length
  if (titleCase && list.length >= 4) return list.map(w => (isAcronym(w) ? w : w.toLowerCase()))
  const properName = list.length > 1 && /^[A-Z]/.test(list[1] ?? '')
  return list.map((w, i) => (i === 0 && !properName && !isAcronym(w) ? w.toLowerCase() : w))
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_m, key: string) => values[key] ?? '')

const sentence = (text: string) => {
  const tidy = text.replace(/\s+/g, ' ').trim()
  return tidy.charAt(0).toUpperCase() + tidy.slice(1)
}

/**
 * Two rewrites of a name that start with a verb, built from its own words: "Passport renewal"
 * gives "Renew your passport"; "Universal Credit" gives "Apply for Universal Credit".
 */
export function suggestNames(name: string): [string, string] {
  let list = inSentence(words(name).map(w => w.replace(/[.,;:!?]+$/, '')))
  while (list.length > 1 && TRAILING.has((list.at(-1) ?? '').toLowerCase())) list = list.slice(0, -1)
  const lower = list.map(w => w.toLowerCase())

  // "Change of address", "Lasting power of attorney": the head is the word before "of".
  const of = lower.indexOf('of')
  const headAt = of > 0 ? of - 1 : list.length - 1
  const head = lower[headAt] ?? ''
  const action = ACTIONS[head]
  if (action) {
    const rest = of > 0 ? [...list.slice(0, headAt), ...list.slice(of + 1)] : list.slice(0, headAt)
    const x = rest.join(' ') || 'it'
    const values = { x, a: rest.length ? withArticle(x) : 'it' }
    return [sentence(fill(action[0], values)), sentence(fill(action[1], values))]
  }

  const whole = list.join(' ')
  const group = GROUPS.find(g => g.heads.includes(head))
  const countable = group ? group.countable.includes(head) : true
  // A capitalised name ("Universal Credit") is a proper name and takes no article, unless it
  // names something people hold one of ("a Blue Badge").
  const proper = /^[A-Z]/.test(list[0] ?? '') && !group?.properArticle
  const values = { n: whole, an: countable && !proper ? withArticle(whole) : whole }
  const pair = group?.pair ?? DEFAULT_PAIR
  return [sentence(fill(pair[0], values)), sentence(fill(pair[1], values))]
}

/** Guidance for a thing's name: for a service whose name starts with a noun, else nothing. */
export interface NameGuidance {
  name: string
  suggestions: [string, string]
}

export function nameGuidance(product: { kind: string; name: string }): NameGuidance | null {
  if (product.kind !== 'service' || startsWithVerb(product.name)) return null
  return { name: product.name, suggestions: suggestNames(product.name) }
}

/** Why names should start with a verb, in a few short sentences. */
export const NAME_ADVICE: readonly string[] = [
  'People come to a service to get something done. A name that starts with a verb, such as ‘Renew a passport’, tells them straight away that this is where they do it.',
  'A name that starts with a noun, such as ‘Passport renewal’, usually describes a process inside government. Users may not know that word, and are less likely to search for it.',
  'This is advice, not a rule: you can keep the name if it is what your users call the service.',
]
