// Who may see and change evidence packs. A pack is the person's own: they make it, change it and
// choose who reads it. The people they share it with read it and print it; nobody else does, not
// their line manager, not leaders, not heads of profession, not administrators.
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Pack } from './evidence.types.ts'

/** The list of packs: your own and those shared with you. */
export const canSeeEvidence = (v: Viewer | null): boolean => v !== null

/** Making a pack: people in the profession (they have a career role to go on from). */
export const canMakePack = (v: Viewer | null): boolean => v !== null && v.hasProfile

/** Changing a pack and choosing who reads it: its person only. */
export const canEditPack = (v: Viewer | null, pack: Pick<Pack, 'personId'>): boolean =>
  v !== null && v.user.id === pack.personId

/** Reading and printing a pack: its person, and the people they shared it with. */
export const canReadPack = (v: Viewer | null, pack: Pick<Pack, 'personId'>, sharedWithViewer: boolean): boolean =>
  canEditPack(v, pack) || (v !== null && sharedWithViewer)
