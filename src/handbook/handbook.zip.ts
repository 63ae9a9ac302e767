// Reading an uploaded zip of a handbook into a folder, safely: every entry must stay inside the
// folder (no absolute paths, no `..`), no symbolic links, at most MAX_ZIP_ENTRIES entries and
// MAX_ZIP_UNPACKED bytes unpacked (sizes checked against what is really unpacked). Anything else
// refuses the whole zip with a reason an editor can act on. No database, no HTTP.
import { createWriteStream } from 'node:fs'
import { mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'

export const MAX_ZIP_ENTRIES = 5000
export const MAX_ZIP_UNPACKED = 100 * 1024 * 1024

/** A zip that is not unpacked, with a message for the person who uploaded it. */
export class ZipRefusedError extends Error {
  override readonly name = 'ZipRefusedError'
}

const S_IFMT = 0o170000
const S_IFLNK = 0o120000

/** Unpacks the zip into `folder` (which must exist and be empty); returns the folder holding the site. */
export async function unpackZip(bytes: Buffer, folder: string): Promise<string> {
  const zip = await open(bytes)
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES)
      throw new ZipRefusedError(
        `The zip file has ${zip.entryCount.toLocaleString('en-GB')} files and folders. A handbook can have at most ${MAX_ZIP_ENTRIES.toLocaleString('en-GB')}`,
      )
    let unpacked = 0
    for (;;) {
      const entry = await nextEntry(zip)
      if (!entry) break
      const name = entry.fileName
      if (name.startsWith('__MACOSX/')) continue
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT
      if (mode === S_IFLNK)
        throw new ZipRefusedError(
          `The zip file has a link to another file (${name}). Replace links with the files themselves`,
        )
      const target = path.resolve(folder, name)
      if (!target.startsWith(path.resolve(folder) + path.sep))
        throw new ZipRefusedError(`The zip file names a file outside its own folder (${name})`)
      if (name.endsWith('/')) {
        await mkdir(target, { recursive: true })
        continue
      }
      unpacked += entry.uncompressedSize
      if (unpacked > MAX_ZIP_UNPACKED)
        throw new ZipRefusedError('The handbook in the zip file is larger than 100 MB when unpacked')
      await mkdir(path.dirname(target), { recursive: true })
      await pipeline(await readStream(zip, entry), createWriteStream(target, { flags: 'wx' }))
    }
  } catch (error) {
    throw refusal(error)
  } finally {
    zip.close()
  }
  return siteFolder(folder)
}

/** Many zips hold one folder with the site in it: the site is read from there. */
async function siteFolder(folder: string): Promise<string> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter(e => e.name !== '__MACOSX')
  const only = entries[0]
  return entries.length === 1 && only?.isDirectory() ? siteFolder(path.join(folder, only.name)) : folder
}

function refusal(error: unknown): Error {
  if (error instanceof ZipRefusedError) return error
  const message = error instanceof Error ? error.message : String(error)
  const named = /^(?:invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(message)
  if (named) return new ZipRefusedError(`The zip file names a file outside its own folder (${named[1]})`)
  if (/EEXIST/.test(message)) return new ZipRefusedError('The zip file has the same file in it twice')
  return new ZipRefusedError('The file could not be read as a zip file. Make the zip again and upload it')
}

function open(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err) reject(refusal(err))
      else resolve(zip)
    })
  })
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      zip.off('entry', onEntry)
      zip.off('end', onEnd)
      zip.off('error', onError)
    }
    const onEntry = (entry: yauzl.Entry) => (cleanUp(), resolve(entry))
    const onEnd = () => (cleanUp(), resolve(null))
    const onError = (err: Error) => (cleanUp(), reject(err))
    zip.once('entry', onEntry)
    zip.once('end', onEnd)
    zip.once('error', onError)
    zip.readEntry()
  })
}

function readStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)))
  })
}
