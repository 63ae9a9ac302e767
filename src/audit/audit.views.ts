// How the audit log names what happened. Events are stored with a short code (checkin.agreed),
// which stays stable for filters and exports; people read them in plain English. Codes without a
// name of their own are put into words from their parts, so a new kind of event never shows as a
// code.

/** What each kind of thing is called, for the subject of an event. */
const SUBJECTS: Record<string, string> = {
  assessment: 'Service assessment',
  checkin: 'Check-in',
  'evidence-pack': 'Evidence pack',
  framework: 'Framework',
  'framework-proposal': 'Framework proposal',
  goal: 'Development goal',
  handbook: 'Handbook',
  'handbook-page': 'Handbook page',
  'handbook-section': 'Handbook section',
  'handbook-suggestion': 'Handbook suggestion',
  health: 'Health check',
  hypothesis: 'Hypothesis',
  metric: 'Metric',
  'one-to-one': '1:1',
  organisation: 'Organisation',
  people: 'People',
  person: 'Person',
  product: 'Product',
  profession: 'Profession',
  roadmap: 'Roadmap',
  rotation: 'Placement',
  settings: 'Settings',
  strategy: 'Strategy',
}

/** Events whose words read better than their parts put together. */
const ACTIONS: Record<string, string> = {
  'checkin.submitted': 'Check-in sent to line manager',
  'checkin.reviewed': 'Line manager’s view of a check-in given',
  'checkin.agreed': 'Check-in levels agreed',
  'evidence.shared': 'Evidence pack shared',
  'evidence.deleted': 'Evidence pack deleted',
  'evidence.unshared': 'Evidence pack no longer shared',
  'framework.seeded': 'Framework set up',
  'framework.proposed': 'Framework change proposed',
  'framework.approved': 'Framework change approved',
  'framework.rejected': 'Framework change rejected',
  'framework.migrated': 'Agreed levels carried to a new framework version',
  'goal.note-added': 'Note added to a development goal',
  'handbook.imported': 'Handbook loaded',
  'handbook.suggestion-made': 'Handbook change suggested',
  'handbook.suggestion-accepted': 'Handbook suggestion accepted',
  'handbook.suggestion-declined': 'Handbook suggestion declined',
  'handbook.images-kept': 'Handbook images kept from another handbook',
  'handbook.upstream-kept': 'Handbook page kept without the upstream change',
  'health.answered': 'Health check answered',
  'health.round-opened': 'Health check round opened',
  'health.round-closed': 'Health check round closed',
  'hypothesis.result-recorded': 'Hypothesis result recorded',
  'metric.measured': 'Metric measurement recorded',
  'one-to-one.recorded': '1:1 recorded',
  'one-to-one.action-added': 'Action added at a 1:1',
  'one-to-one.action-done': 'Action from a 1:1 done',
  'organisation.created': 'Valuekit set up',
  'people.imported': 'People imported from a spreadsheet',
  'people.example-removed': 'Worked example people removed',
  'person.password-link-created': 'Set-password link made',
  'person.password-set': 'Password set',
  'person.password-changed': 'Password changed',
  'person.sign-in-paused': 'Sign-in paused after failed attempts',
  'person.profile-saved': 'Profession profile saved',
  'product.example-removed': 'Worked example products removed',
  'profession.capability-downloaded': 'Capability figures downloaded',
  'strategy.document-saved': 'Strategy document saved',
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** A kind of thing in plain words: "handbook-page" → "Handbook page". */
export function subjectName(type: string): string {
  return SUBJECTS[type] ?? sentence(type.replace(/[-_]+/g, ' '))
}

/** An event code in plain English: "checkin.agreed" → "Check-in levels agreed". */
export function actionName(code: string): string {
  const known = ACTIONS[code]
  if (known) return known
  const dot = code.indexOf('.')
  if (dot < 0) return sentence(code.replace(/[-_]+/g, ' '))
  const subject = subjectName(code.slice(0, dot))
  const what = code.slice(dot + 1).replace(/[-_.]+/g, ' ')
  return `${subject} ${what.charAt(0).toLowerCase()}${what.slice(1)}`
}

/** Choices for a select, by their names, each keeping its code as the value. */
export function namedChoices(
  codes: readonly string[],
  name: (code: string) => string,
  selected: string,
): { value: string; text: string; selected: boolean }[] {
  return codes
    .map(code => ({ value: code, text: name(code), selected: code === selected }))
    .sort((a, b) => a.text.localeCompare(b.text))
}
