// Data access for the handbook, one repository per sub-resource, bundled under one name so
// buildServices (src/services.ts) makes them once and tests can swap the bundle. Each returns
// domain types (handbook.types.ts), never raw rows. Only the handbook's services use them.
import { FeedbackRepository } from './owners/feedback.repository.ts'
import { ImagesRepository } from './images/images.repository.ts'
import { OwnersRepository } from './owners/owners.repository.ts'
import { PagesRepository } from './pages/pages.repository.ts'
import { RevisionRepository } from './pages/revision.repository.ts'
import { VersionsRepository } from './pages/versions.repository.ts'
import { SectionsRepository } from './sections/sections.repository.ts'
import { SuggestionsRepository } from './suggestions/suggestions.repository.ts'
import { UploadsRepository } from './import/uploads.repository.ts'

export class HandbookRepository {
  /** The revision counter that keys rendered-page caches: one per bundle, as it remembers the last read. */
  readonly revision = new RevisionRepository()
  readonly sections = new SectionsRepository()
  readonly pages = new PagesRepository()
  readonly versions = new VersionsRepository()
  readonly suggestions = new SuggestionsRepository()
  readonly owners = new OwnersRepository()
  readonly feedback = new FeedbackRepository()
  readonly images = new ImagesRepository()
  /** Handbooks uploaded in the browser, staged and imported. */
  readonly uploads = new UploadsRepository()
}
