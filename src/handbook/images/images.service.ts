// Images pages show: uploaded by an editor, or kept from an upstream handbook; each kept once, by
// an id made from its bytes.
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { imageFileName, imageId, imageProblem, imageUrl, sniffImageType } from '../handbook.images.ts'
import type { HandbookRepository } from '../handbook.repository.ts'
import type { StoredImage } from '../handbook.types.ts'

export class HandbookImages {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HandbookRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Keeps images (already checked: id from the bytes, type by content, size) unless kept before, with
   * where they came from; says how many it stored. Following an upstream handbook brings its images so.
   */
  async keepImages(
    actor: Actor,
    images: readonly { id: string; fileName: string; contentType: string; bytes: Buffer }[],
    sourceKey: string,
  ): Promise<number> {
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      let stored = 0
      for (const image of images) {
        const kept = await this.repo.images.insertImage(trx, {
          ...image,
          sourceKey: `${sourceKey}/${image.fileName}`.slice(-500),
          createdAt: at,
          createdByName: actor.name,
        })
        if (kept) stored++
      }
      if (stored > 0)
        await this.audit.record(trx, actor, {
          action: 'handbook.images-kept',
          subjectType: 'handbook',
          summary: `Kept ${stored} ${stored === 1 ? 'image' : 'images'} from ${sourceKey}`,
        })
      return stored
    })
  }

  /** Keeps an image an editor uploaded (checked by its bytes, as an import checks them); gives its address. */
  async uploadImage(actor: Actor, fileName: string, bytes: Buffer): Promise<{ url: string } | { problem: string }> {
    const name = imageFileName(fileName)
    const problem = imageProblem(bytes, name)
    if (problem) return { problem }
    const id = imageId(bytes)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const added = await this.repo.images.insertImage(trx, {
        id,
        fileName: name,
        contentType: sniffImageType(bytes) ?? 'image/png',
        bytes,
        sourceKey: null,
        createdAt: at,
        createdByName: actor.name,
      })
      if (added)
        await this.audit.record(trx, actor, {
          action: 'handbook.image-uploaded',
          subjectType: 'handbook',
          summary: `Uploaded the image ${name}`,
        })
    })
    return { url: imageUrl(id, name) }
  }

  /** A kept image, by its id (made from its bytes), or null. */
  async image(id: string): Promise<StoredImage | null> {
    return this.repo.images.findImage(this.db, id)
  }
}
