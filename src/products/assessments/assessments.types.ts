// Service assessments: what an assessment is, the 14 points of the Service Standard it checks a
// service against, and how far each point is met. The point names follow the Service Standard;
// the hints are ours.

export const ASSESSMENT_STAGES = ['end-of-alpha', 'before-beta', 'before-live'] as const
export type AssessmentStage = (typeof ASSESSMENT_STAGES)[number]
export const STAGE_LABELS: Record<AssessmentStage, string> = {
  'end-of-alpha': 'End of alpha',
  'before-beta': 'Before public beta',
  'before-live': 'Before live',
}
export const STAGE_HINTS: Record<AssessmentStage, string> = {
  'end-of-alpha': 'You have tested ways of solving the problem and want to start building the real thing.',
  'before-beta': 'The service works for a small group and you want to open it to everyone who needs it.',
  'before-live': 'The service is ready to replace the old way of doing things.',
}

export const POINT_STATUSES = ['not-started', 'not-met', 'partly-met', 'met'] as const
export type PointStatus = (typeof POINT_STATUSES)[number]
export const POINT_STATUS_LABELS: Record<PointStatus, string> = {
  'not-started': 'Not started',
  'not-met': 'Not met',
  'partly-met': 'Partly met',
  met: 'Met',
}

/** The 14 points of the Service Standard, in order, each with a one-line hint in our words. */
export const STANDARD_POINTS: readonly { name: string; hint: string }[] = [
  {
    name: 'Understand users and their needs',
    hint: 'Show the research that tells you who your users are and what they are trying to do.',
  },
  {
    name: 'Solve a whole problem for users',
    hint: 'Show how this fits the whole journey, including the parts other teams or organisations own.',
  },
  {
    name: 'Provide a joined-up experience across all channels',
    hint: 'Online, by phone, on paper and in person should work together and give the same answer.',
  },
  {
    name: 'Make the service simple to use',
    hint: 'Show that people can use it first time without help, and how you tested that.',
  },
  {
    name: 'Make sure everyone can use the service',
    hint: 'Include disabled people and people with low digital skills, and meet accessibility rules.',
  },
  {
    name: 'Have a multidisciplinary team',
    hint: 'Have the mix of skills you need for the phase you are in, with a product owner who can decide.',
  },
  {
    name: 'Use agile ways of working',
    hint: 'Work in small steps, learn from users as you go, and change the plan when you learn something.',
  },
  {
    name: 'Iterate and improve frequently',
    hint: 'Keep enough people to keep improving the service after it launches, not just to build it.',
  },
  {
    name: 'Create a secure service which protects users’ privacy',
    hint: 'Know the threats and the personal data you hold, and how you keep both under control.',
  },
  {
    name: 'Define what success looks like and publish performance data',
    hint: 'Set measures that show whether users’ problems are solved, and share what they say.',
  },
  {
    name: 'Choose the right tools and technology',
    hint: 'Explain why you chose what you did, and how you avoid being locked in to one supplier.',
  },
  {
    name: 'Make new source code open',
    hint: 'Publish the code you write unless there is a good reason to keep part of it closed.',
  },
  {
    name: 'Use and contribute to open standards, common components and patterns',
    hint: 'Reuse what already works across government, and give back what you improve.',
  },
  {
    name: 'Operate a reliable service',
    hint: 'Know how you will keep it running, find problems quickly and fix them.',
  },
]

/** How far one point of the Service Standard is met, with notes and links to evidence. */
export interface PointRecord {
  status: PointStatus
  notes: string
  /** Parts of the thing's strategy that show it, by slug (as in /products/:id/<slug>). */
  evidence: string[]
}

export interface Assessment {
  id: string
  productId: string
  stage: AssessmentStage
  /** The date of the assessment (ISO), if known. */
  assessOn: string | null
  /** One record for each of the 14 points, in order. */
  points: PointRecord[]
  createdAt: string
  createdByName: string
  updatedAt: string
  updatedByName: string
  version: number
}

/** A new assessment: what it is for and when. */
export interface NewAssessment {
  stage: AssessmentStage
  assessOn: string | null
}

/** A change to an assessment: its stage, date and checklist. */
export interface AssessmentChanges extends NewAssessment {
  points: PointRecord[]
}

/** A part of a thing's strategy that can be given as evidence. */
export interface EvidenceOption {
  slug: string
  name: string
}

/** Where the parts of a thing's strategy that exist come from (documents, the health check…). */
export type EvidenceSource = (productId: string) => Promise<EvidenceOption[]>

export const emptyPoints = (): PointRecord[] =>
  STANDARD_POINTS.map(() => ({ status: 'not-started' as const, notes: '', evidence: [] }))
