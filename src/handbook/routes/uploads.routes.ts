// Uploads to the handbook: importing a handbook from a zip (upload, read its report, answer where
// pages go, confirm, follow its progress) and adding an image for a page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { formErrors, readChoice, readText, type FormErrors } from '../../platform/forms.ts'
import { readUpload, uploadRoutes } from '../../platform/http/uploads.ts'
import type { Services } from '../../services.ts'
import { MAX_IMAGE_BYTES } from '../handbook.images.ts'
import { canImportHandbook, canUploadImages } from '../handbook.policy.ts'
import type { HandbookImport } from '../handbook.uploads.ts'
import { importProgressView, importReportView } from '../handbook.views.ts'
import { idParams, requireUser, SLUG } from './shared.ts'

/** The largest zip an editor may upload. */
const MAX_ZIP_BYTES = 50 * 1024 * 1024
const MAX_ALT_TEXT = 250

type IdRequest = FastifyRequest<{ Params: { id: string } }>

export default async function uploadsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { handbook, handbookUploads } = services

  const importForm = (reply: FastifyReply, errors?: FormErrors, status = 200) =>
    reply.page(
      'handbook/views/import.njk',
      { pageTitle: errors ? 'Error: Import a handbook' : 'Import a handbook', errors },
      { nav: 'handbook', status },
    )

  const loadImport = async (request: IdRequest): Promise<HandbookImport> => {
    authorize(canImportHandbook(request.user))
    const found = await handbookUploads.get(request.params.id)
    if (!found) throw new NotFoundError('There is no such import')
    return found
  }

  const reportPage = (
    reply: FastifyReply,
    staged: HandbookImport,
    values: Record<string, string> = {},
    errors?: FormErrors,
  ) =>
    reply.page(
      'handbook/views/import-report.njk',
      {
        pageTitle: `${errors ? 'Error: ' : ''}Check the handbook before you import it`,
        errors,
        ...importReportView(staged, values, errors),
      },
      { nav: 'handbook', status: errors ? 400 : 200 },
    )

  app.get('/handbook/import', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canImportHandbook(request.user))
    return importForm(reply)
  })

  app.get(
    '/handbook/import/:id',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request: IdRequest, reply) => {
      const found = await loadImport(request)
      if (found.status !== 'staged') return reply.redirect(`/handbook/import/${found.id}/progress`, 303)
      return reportPage(reply, found)
    },
  )

  // Confirming: every address question answered (the offered address, or another that is free).
  app.post(
    '/handbook/import/:id',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request: IdRequest, reply) => {
      const user = requireUser(request)
      const found = await loadImport(request)
      if (found.status !== 'staged') return reply.seeOther(`/handbook/import/${found.id}/progress`)
      const values: Record<string, string> = {}
      const messages: Record<string, string> = {}
      const addresses: Record<string, string> = {}
      const questions = found.staged.questions
      const chosenOf = (index: number) => readText(request.body, `slug-${index}`, 200).toLowerCase()
      questions.forEach((question, index) => {
        const choice = readChoice(request.body, `address-${index}`, ['offered', 'other'] as const)
        values[`address-${index}`] = choice ?? ''
        values[`slug-${index}`] = readText(request.body, `slug-${index}`, 200)
        if (choice === undefined) messages[`address-${index}`] = `Choose where ‘${question.title}’ goes`
        addresses[question.sourceKey] = choice === 'other' ? chosenOf(index) : question.offered
      })
      // Addresses the other pages of this import will take, to refuse a second page at one.
      const others = (index: number) =>
        [
          ...(found.staged.report.pages ?? []).map(page => page.slug),
          ...questions.map((question, i) => (i === index ? '' : (addresses[question.sourceKey] ?? ''))),
        ].filter(slug => slug !== '' && slug !== questions[index]?.offered)
      for (const [index, question] of questions.entries()) {
        if (values[`address-${index}`] !== 'other') continue
        const problem = await handbookUploads.addressProblem(addresses[question.sourceKey] ?? '', others(index))
        if (problem) messages[`slug-${index}`] = problem
      }
      if (Object.keys(messages).length > 0) {
        const order = questions.flatMap((_, index) => [`address-${index}`, `slug-${index}`])
        return reportPage(reply, found, values, formErrors(messages, order))
      }
      await handbookUploads.confirm(found.id, actorOf(user), addresses)
      return reply.seeOther(`/handbook/import/${found.id}/progress`)
    },
  )

  app.get(
    '/handbook/import/:id/progress',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request: IdRequest, reply) => {
      const found = await loadImport(request)
      if (found.status === 'staged') return reply.redirect(`/handbook/import/${found.id}`, 303)
      return reply.page(
        'handbook/views/import-progress.njk',
        { pageTitle: 'Importing the handbook', ...importProgressView(found, handbookUploads.progress(found.id)) },
        { nav: 'handbook' },
      )
    },
  )

  app.get('/handbook/images/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canUploadImages(request.user))
    const page = pageOf(request.query)
    return reply.page(
      'handbook/views/image-upload.njk',
      { pageTitle: 'Add an image', page, values: {} },
      { nav: 'handbook' },
    )
  })

  // The routes that take a file.
  await app.register(
    uploadRoutes({ fileSize: MAX_ZIP_BYTES + 1 }, upload => {
      upload.post('/handbook/import', { config: { access: 'signed-in' } }, async (request, reply) => {
        const user = requireUser(request)
        authorize(canImportHandbook(user))
        const file = readUpload(request.body, 'file')
        const refuse = (message: string) => importForm(reply, formErrors({ file: message }), 400)
        if (!file) return refuse('Select a zip file of the handbook')
        if (file.tooLarge) return refuse('The zip file must be 50 MB or smaller')
        if (!isZip(file.bytes)) return refuse('The selected file must be a zip file')
        const staged = await handbookUploads.stage(actorOf(user), file.fileName, file.bytes)
        if (!staged.ok) return refuse(staged.message)
        return reply.seeOther(`/handbook/import/${staged.id}`)
      })
    }),
  )
  await app.register(
    uploadRoutes({ fileSize: MAX_IMAGE_BYTES + 1 }, upload => {
      upload.post('/handbook/images/new', { config: { access: 'signed-in' } }, async (request, reply) => {
        const user = requireUser(request)
        authorize(canUploadImages(user))
        const page = pageOf(request.body)
        const alt = readText(request.body, 'alt', 1000).replace(/\s+/g, ' ')
        const file = readUpload(request.body, 'file')
        const messages: Record<string, string> = {}
        if (!file) messages.file = 'Select an image'
        else if (file.tooLarge) messages.file = 'The image must be 2 MB or smaller'
        if (alt === '') messages.alt = 'Enter the alt text: what the image shows, for people who cannot see it'
        else if (alt.length > MAX_ALT_TEXT) messages.alt = `The alt text must be ${MAX_ALT_TEXT} characters or fewer`
        let url: string | null = null
        if (file && !messages.file) {
          const stored = await handbook.uploadImage(actorOf(user), file.fileName, file.bytes)
          if ('problem' in stored) messages.file = imageMessage(stored.problem)
          else url = stored.url
        }
        if (Object.keys(messages).length > 0 || url === null)
          return reply.page(
            'handbook/views/image-upload.njk',
            {
              pageTitle: 'Error: Add an image',
              page,
              values: { alt },
              errors: formErrors(messages, ['file', 'alt']),
            },
            { nav: 'handbook', status: 400 },
          )
        const markdown = `![${alt.replace(/[[\]\\]/g, '\\$&')}](${url})`
        return reply.page(
          'handbook/views/image-added.njk',
          { pageTitle: 'Image added', page, markdown, url, alt },
          { nav: 'handbook' },
        )
      })
    }),
  )
}

const PAGE_SLUG = new RegExp(`^${SLUG}$`)

/** The page an image is for (to link back to its edit screen), from the query or the form. */
function pageOf(source: unknown): string | null {
  const value = readText(source, 'page', 200)
  return PAGE_SLUG.test(value) ? value : null
}

/** A zip file starts with a local file header (or, empty, with the end of its directory). */
function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)
}

/** The import's wording of an image problem, said to the person who chose the file. */
function imageMessage(problem: string): string {
  if (problem.includes('SVG')) return 'The image must be a PNG, JPEG, GIF or WebP. SVG images are not accepted'
  if (problem.includes('larger than')) return 'The image must be 2 MB or smaller'
  if (problem.includes('is empty')) return 'The selected file is empty'
  return 'The image must be a PNG, JPEG, GIF or WebP'
}
