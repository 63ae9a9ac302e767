// The evidence capability's domain types: a person's evidence pack for a role they are going for.
// Packs are personal data: only the person and the people they share a pack with see it.

export interface Pack {
  id: string
  personId: string
  /** The role the person is going for (a role of the framework). */
  roleSlug: string
  createdAt: string
  updatedAt: string
}

/** What the person chose and wrote for one skill of a pack. */
export interface PackSkill {
  id: string
  packId: string
  skillSlug: string
  /** The check-ins whose evidence for this skill they picked. */
  picked: string[]
  situation: string
  task: string
  action: string
  result: string
  /** Further STAR examples, in order, each whole (the first is the four fields above). */
  more: StarExample[]
  updatedAt: string
  version: number
}

/** The STAR example: situation, task, action and result. */
export interface StarExample {
  situation: string
  task: string
  action: string
  result: string
}

export interface SkillInput extends StarExample {
  picked: string[]
  /**
   * Further examples as the form's slots posted them (slot i is numbered i + 2 on the form); an
   * empty slot is dropped when saved. Optional: callers with one example leave it out.
   */
  more?: StarExample[]
}

/** Someone a pack is shared with. */
export interface Share {
  personId: string
  name: string
  email: string
  sharedAt: string
}

/** A pack shared with the viewer, with its owner's name. */
export interface SharedPack extends Pack {
  ownerName: string
  sharedAt: string
}
