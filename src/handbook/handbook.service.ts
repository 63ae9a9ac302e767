// The organisation's handbook under one name: the facade routes and other capabilities call
// (services.handbook). Each operation lives in its sub-resource's service; this file only builds
// them and passes each call on, so a caller never needs to know which one serves it.
//   pages/pages.service.ts              contents, reading, search, saving pages
//   pages/versions.service.ts           a page's history, comparing and restoring versions
//   sections/sections.service.ts        sections
//   suggestions/suggestions.service.ts  suggested changes, reviewed, accepted or declined
//   import/import.service.ts            reading a folder, dry runs, importing, the starter handbook
//   images/images.service.ts            images uploaded or kept from an upstream handbook
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { EmailService } from '../email/email.service.ts'
import type { TermsSource } from '../framework/framework.terms.ts'
import type { Clock } from '../platform/clock.ts'
import type { HandbookRepository } from './handbook.repository.ts'
import { HandbookImages } from './images/images.service.ts'
import { HandbookImport } from './import/import.service.ts'
import { HandbookPages } from './pages/pages.service.ts'
import { HandbookVersions } from './pages/versions.service.ts'
import { HandbookSections } from './sections/sections.service.ts'
import { HandbookSuggestions } from './suggestions/suggestions.service.ts'

export class HandbookService {
  private readonly pagesService: HandbookPages
  private readonly versionsService: HandbookVersions
  private readonly sectionsService: HandbookSections
  private readonly suggestionsService: HandbookSuggestions
  private readonly importService: HandbookImport
  private readonly imagesService: HandbookImages

  constructor(
    db: DbExecutor,
    repo: HandbookRepository,
    audit: AuditService,
    clock: Clock,
    /** The current framework's roles and skills, which pages are tagged with. */
    framework: TermsSource,
    /** Tells the author of a suggestion what was decided (the email outbox). */
    email: Pick<EmailService, 'enqueue'>,
  ) {
    this.pagesService = new HandbookPages(db, repo, audit, clock, framework)
    this.versionsService = new HandbookVersions(db, repo, this.pagesService)
    this.sectionsService = new HandbookSections(db, repo, audit, clock)
    this.suggestionsService = new HandbookSuggestions(db, repo, audit, clock, this.pagesService, email)
    this.importService = new HandbookImport(db, repo, audit, clock, framework)
    this.imagesService = new HandbookImages(db, repo, audit, clock)
  }

  // ---- Pages: contents, reading, search, saving ----
  readonly tagTerms: HandbookPages['tagTerms'] = () => this.pagesService.tagTerms()
  readonly revision: HandbookPages['revision'] = () => this.pagesService.revision()
  readonly rememberedRevision: HandbookPages['rememberedRevision'] = () => this.pagesService.rememberedRevision()
  readonly contents: HandbookPages['contents'] = () => this.pagesService.contents()
  readonly pageStamp: HandbookPages['pageStamp'] = slug => this.pagesService.pageStamp(slug)
  readonly page: HandbookPages['page'] = slug => this.pagesService.page(slug)
  readonly pageInContext: HandbookPages['pageInContext'] = slug => this.pagesService.pageInContext(slug)
  readonly search: HandbookPages['search'] = (...args) => this.pagesService.search(...args)
  readonly pagesForSkills: HandbookPages['pagesForSkills'] = skills => this.pagesService.pagesForSkills(skills)
  readonly renderBody: HandbookPages['renderBody'] = body => this.pagesService.renderBody(body)
  readonly createPage: HandbookPages['createPage'] = (...args) => this.pagesService.createPage(...args)
  readonly updatePage: HandbookPages['updatePage'] = (...args) => this.pagesService.updatePage(...args)
  readonly reorderPage: HandbookPages['reorderPage'] = (...args) => this.pagesService.reorderPage(...args)
  readonly deletePage: HandbookPages['deletePage'] = (...args) => this.pagesService.deletePage(...args)
  readonly exportData: HandbookPages['exportData'] = () => this.pagesService.exportData()

  // ---- Sections ----
  readonly sections: HandbookSections['sections'] = () => this.sectionsService.sections()
  readonly section: HandbookSections['section'] = slug => this.sectionsService.section(slug)
  readonly createSection: HandbookSections['createSection'] = (...args) => this.sectionsService.createSection(...args)
  readonly updateSection: HandbookSections['updateSection'] = (...args) => this.sectionsService.updateSection(...args)
  readonly reorderSection: HandbookSections['reorderSection'] = (...args) =>
    this.sectionsService.reorderSection(...args)
  readonly deleteSection: HandbookSections['deleteSection'] = (...args) => this.sectionsService.deleteSection(...args)

  // ---- History ----
  readonly history: HandbookVersions['history'] = slug => this.versionsService.history(slug)
  readonly version: HandbookVersions['version'] = (...args) => this.versionsService.version(...args)
  readonly compare: HandbookVersions['compare'] = (...args) => this.versionsService.compare(...args)
  readonly restore: HandbookVersions['restore'] = (...args) => this.versionsService.restore(...args)

  // ---- Suggestions ----
  readonly suggest: HandbookSuggestions['suggest'] = (...args) => this.suggestionsService.suggest(...args)
  readonly suggestion: HandbookSuggestions['suggestion'] = id => this.suggestionsService.suggestion(id)
  readonly openSuggestions: HandbookSuggestions['openSuggestions'] = () => this.suggestionsService.openSuggestions()
  readonly openSuggestionSummary: HandbookSuggestions['openSuggestionSummary'] = () =>
    this.suggestionsService.openSuggestionSummary()
  readonly suggestionsBy: HandbookSuggestions['suggestionsBy'] = userId => this.suggestionsService.suggestionsBy(userId)
  readonly review: HandbookSuggestions['review'] = id => this.suggestionsService.review(id)
  readonly acceptSuggestion: HandbookSuggestions['acceptSuggestion'] = (...args) =>
    this.suggestionsService.acceptSuggestion(...args)
  readonly declineSuggestion: HandbookSuggestions['declineSuggestion'] = (...args) =>
    this.suggestionsService.declineSuggestion(...args)

  // ---- Import and starter content ----
  readonly readFolder: HandbookImport['readFolder'] = (...args) => this.importService.readFolder(...args)
  readonly loadStarter: HandbookImport['loadStarter'] = (...args) => this.importService.loadStarter(...args)
  readonly importResult: HandbookImport['importResult'] = (...args) => this.importService.importResult(...args)
  readonly dryRunImport: HandbookImport['dryRunImport'] = (...args) => this.importService.dryRunImport(...args)
  readonly slugsInUse: HandbookImport['slugsInUse'] = () => this.importService.slugsInUse()

  // ---- Images ----
  readonly keepImages: HandbookImages['keepImages'] = (...args) => this.imagesService.keepImages(...args)
  readonly uploadImage: HandbookImages['uploadImage'] = (...args) => this.imagesService.uploadImage(...args)
  readonly image: HandbookImages['image'] = id => this.imagesService.image(id)
}
