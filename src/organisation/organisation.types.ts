// The organisation's settings as other capabilities read them (with the organisation service).

export type PathwayShape = 'small' | 'medium' | 'enterprise'
export type Phase = 'none' | 'alpha' | 'beta'

export interface Organisation {
  name: string
  logoText: string
  brandColour: string
  pathwayShape: PathwayShape
  phase: Phase
  feedbackUrl: string | null
  publicHandbook: boolean
  version: number
  updatedAt: string
}

export type OrganisationChanges = Omit<Organisation, 'version' | 'updatedAt'>
