// Whether real UK government service names start with a verb, as the tagger and our frame read
// them, and the rewrites suggested for those that start with a noun.
import { describe, expect, it } from 'vitest'
import { nameGuidance, startsWithVerb, suggestNames } from './naming.ts'

// Names of services on GOV.UK, and older or departmental names that start with a noun.
const VERB_FIRST = [
  'Apply for a passport',
  'Renew a passport',
  'Register to vote',
  'Check if you need a visa',
  'Pay your council tax',
  'Find a job',
  'Book your driving test',
  'Learn to drive',
  'Visit the UK',
  'Claim Child Benefit',
  'Tax your vehicle',
  'Sign in to your HMRC account',
  'Change your address on your driving licence',
  'Get a fishing licence',
  'Import goods into the UK',
  'Export goods',
  'Register a birth',
  'Register a death',
  'Check your State Pension forecast',
  'Use a lasting power of attorney',
  'Make a lasting power of attorney',
  'Object to a planning application',
  'Appeal a benefit decision',
  'Contact HMRC',
  'Report benefit fraud',
  'Start a business',
  'Get help with energy bills',
  'Update your details',
  'Prove your identity',
  'Manage your student loan',
  'Search for a trade mark',
  'View your driving licence information',
  'Claim a tax refund',
  'Cancel your tax credits',
  'Transfer a vehicle to a new keeper',
  'Vote',
  'Dispose of a vehicle',
  'Get a copy of your birth certificate',
  'Apply online for a UK passport',
  'Report a problem with a road',
  'Find out about housing benefit',
  'Send your Self Assessment tax return',
]

const NOUN_FIRST = [
  'Statutory Off Road Vehicle Notification',
  'Universal Credit',
  'Lasting power of attorney',
  'Vehicle tax',
  'Passport renewal',
  'Child Benefit',
  'Council tax',
  'Driving licence',
  'Change of address',
  'Apprenticeship funding',
  'Self Assessment',
  'Student finance',
  "Jobseeker's Allowance",
  'Personal Independence Payment',
  'Marriage Allowance',
  'Blue Badge scheme',
  "Carer's Allowance",
  'Pension Credit',
  'Winter Fuel Payment',
  'Vehicle registration',
  'Planning permission',
  'Company registration',
  'Fishing licence applications',
  'Driving test booking',
  'Passport applications',
]

describe('names that start with a verb', () => {
  it('has a table of at least 40 real names of both kinds', () => {
    expect(VERB_FIRST.length + NOUN_FIRST.length).toBeGreaterThanOrEqual(40)
    expect(VERB_FIRST.length).toBeGreaterThanOrEqual(20)
    expect(NOUN_FIRST.length).toBeGreaterThanOrEqual(20)
  })

  it.each(VERB_FIRST)('reads “%s” as starting with a verb', name => {
    expect(startsWithVerb(name)).toBe(true)
  })

  it.each(NOUN_FIRST)('reads “%s” as starting with a noun', name => {
    expect(startsWithVerb(name)).toBe(false)
  })

  it('catches imperatives the tagger reads as nouns at the start of a sentence', () => {
    // On their own, these first words look like nouns (a check, a claim, a contact); in the frame
    // "I want to …" they are verbs.
    for (const name of ['Check if you need a visa', 'Claim Child Benefit', 'Contact HMRC', 'Export goods'])
      expect(startsWithVerb(name), name).toBe(true)
  })

  it('reads names in any case the same way', () => {
    expect(startsWithVerb('APPLY FOR A PASSPORT')).toBe(true)
    expect(startsWithVerb('apply for a passport')).toBe(true)
    expect(startsWithVerb('passport renewal')).toBe(false)
    expect(startsWithVerb('Passport Renewal')).toBe(false)
  })

  it('says nothing about names it cannot tell apart, rather than nagging a good one', () => {
    // "Tax credits" and "Work permits" can be read as instructions; we leave them be.
    for (const name of ['Tax credits', 'Work permits', '']) expect(startsWithVerb(name), name).toBe(true)
  })
})

describe('suggested names', () => {
  it.each([
    ['Passport renewal', ['Renew your passport', 'Apply to renew your passport']],
    [
      'Statutory Off Road Vehicle Notification',
      ['Tell us about your statutory off road vehicle', 'Report a statutory off road vehicle'],
    ],
    ['Universal Credit', ['Apply for Universal Credit', 'Check if you can get Universal Credit']],
    ['Vehicle tax', ['Pay your vehicle tax', 'Check how much vehicle tax you need to pay']],
    ['Lasting power of attorney', ['Make a lasting power of attorney', 'Register a lasting power of attorney']],
    ['Change of address', ['Change your address', 'Tell us about a change to your address']],
    ['Driving test booking', ['Book a driving test', 'Change or cancel a driving test']],
    ['Blue Badge scheme', ['Apply for a Blue Badge', 'Renew your Blue Badge']],
    ['Vehicle registration', ['Register a vehicle', 'Apply to register a vehicle']],
    ['Fishing licence applications', ['Apply for a fishing licence', 'Get a fishing licence']],
    ['Export licensing', ['Apply for an export licence', 'Check if you need an export licence']],
    ['Apprenticeship funding', ['Apply for apprenticeship funding', 'Check if you can get apprenticeship funding']],
  ] as const)('rewrites “%s”', (name, expected) => {
    expect(suggestNames(name)).toEqual(expected)
  })

  it('suggests only names that themselves start with a verb', () => {
    for (const name of NOUN_FIRST)
      for (const suggestion of suggestNames(name)) expect(startsWithVerb(suggestion), suggestion).toBe(true)
  })
})

describe('name guidance', () => {
  it('is given for services named with a noun, and nothing else', () => {
    expect(nameGuidance({ kind: 'service', name: 'Passport renewal' })).toEqual({
      name: 'Passport renewal',
      suggestions: ['Renew your passport', 'Apply to renew your passport'],
    })
    expect(nameGuidance({ kind: 'service', name: 'Renew a passport' })).toBeNull()
    // Technology and data are named descriptively, so they get no advice.
    expect(nameGuidance({ kind: 'data', name: 'Passport record' })).toBeNull()
    expect(nameGuidance({ kind: 'technology', name: 'Case management system' })).toBeNull()
  })
})
