// `npm run valuekit -- example load|remove`: the arguments, and each command run with fake streams.
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_PASSWORD } from '../../test/build-test-app.ts'
import { buildTestServices, installOrganisation, type TestServices } from '../../test/build-test-services.ts'
import { loadConfig } from '../config.ts'
import { connect } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { systemClock } from '../platform/clock.ts'
import { hashToken } from '../platform/ids.ts'
import { buildServices } from '../services.ts'
import {
  EXIT_FAILED,
  EXIT_OK,
  loadCommand,
  parseExampleArguments,
  removeCommand,
  runExampleCommand,
  type ExampleStreams,
} from './example.cli.ts'

/** Loading makes thousands of records through the services: on a busy machine it can take longer than a test's usual 30 seconds. */
const LOADING_TIMEOUT = 120_000

function streams(): ExampleStreams & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  }
}

describe('parseExampleArguments', () => {
  it.each([
    [['example', 'load'], 'example-load'],
    [['example', 'remove'], 'example-remove'],
  ])('reads %j', (args, kind) => {
    expect(parseExampleArguments(args)).toEqual({ kind: 'command', command: { kind } })
  })

  it.each([[['example', '--help']], [['example', 'load', '-h']]])('asks for help: %j', args => {
    expect(parseExampleArguments(args)).toEqual({ kind: 'help' })
  })

  it.each([
    [['example'], 'Say load or remove after example'],
    [['example', 'delete'], 'Unknown command example delete'],
    [['example', 'load', 'now'], 'Unexpected now'],
    [['example', 'load', '--force'], 'Unknown option --force'],
    [['example', 'load\u001b[2J'], 'Unknown command example load?[2J'],
  ])('refuses %j', (args, message) => {
    expect(parseExampleArguments(args)).toEqual({ kind: 'usage-error', message })
  })
})

describe('example commands before set-up', () => {
  it('refuses to load and says how to set up', async () => {
    const t = await buildTestServices()
    try {
      const io = streams()
      expect(await loadCommand(t.services, io)).toBe(EXIT_FAILED)
      expect(io.err()).toContain('Valuekit is not set up yet')
      expect((await t.services.example.status()).loaded).toBe(false)
    } finally {
      await t.close()
    }
  })
})

describe('example commands', () => {
  let t: TestServices
  beforeAll(async () => {
    t = await buildTestServices()
    await installOrganisation(t)
  })
  afterAll(() => t.close())

  it('loads the example, credited to the command line', { timeout: LOADING_TIMEOUT }, async () => {
    const io = streams()
    expect(await runExampleCommand({ kind: 'example-load' }, t.services, io)).toBe(EXIT_OK)
    expect(io.out()).toMatch(/^Loaded the worked example\. Added 50 people, 13 things with \d+ strategy documents/)
    expect(io.err()).toBe('Loading the worked example…\n')
    const imported = await t.services.audit.list({ action: 'people.imported' }, 1)
    expect(imported.events[0]).toMatchObject({ actorName: 'Worked example (command line)', actorId: null })
  })

  it('refuses to load it twice and says how to remove it', async () => {
    const io = streams()
    expect(await loadCommand(t.services, io)).toBe(EXIT_FAILED)
    expect(io.err()).toContain('The worked example is already loaded')
    expect(io.err()).toContain('npm run valuekit -- example remove')
  })

  it('removes it, and says so when there is nothing left to remove', async () => {
    const io = streams()
    expect(await removeCommand(t.services, io)).toBe(EXIT_OK)
    expect(io.out()).toBe(
      'Removed the worked example’s 50 people, 13 things, 11 objectives, 14 pieces of insight, 3 ideas, 4 quarters of balance and 3 area and organisation strategies. Everything else is as it was.\n',
    )
    const again = streams()
    expect(await runExampleCommand({ kind: 'example-remove' }, t.services, again)).toBe(EXIT_OK)
    expect(again.out()).toBe('The worked example is not loaded: there is nothing to remove.\n')
  })
})

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(done => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', ...args],
      {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    )
  })
}

describe('npm run valuekit -- example (the real command line)', () => {
  it('chooses the example commands by the first word, then loads and removes', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'valuekit-example-'))
    try {
      const env = {
        DATABASE_URL: path.join(dir, 'valuekit.db'),
        DATA_DIR: path.join(dir, 'data'),
        SESSION_SECRET: 'a-test-secret-that-is-long-enough-1234567890',
        NODE_ENV: 'test',
      }
      const config = loadConfig(env)
      const db = connect(config.database)
      await migrateToLatest(db)
      const { setup } = buildServices({ db, clock: systemClock, config })
      const token = await setup.issueSetupToken()
      if (!token) throw new Error('Already set up')
      await setup.complete(hashToken(token), {
        organisationName: 'Department for Examples',
        logoText: 'DfE',
        brandColour: '#1d70b8',
        pathwayShape: 'medium',
        adminName: 'Ada Admin',
        adminEmail: 'ada@example.gov.uk',
        password: TEST_PASSWORD,
        confirmPassword: TEST_PASSWORD,
      })
      await db.close()

      const usage = await runCli(['example'], env)
      expect(usage.code).toBe(2)
      expect(usage.stderr).toContain('Say load or remove after example.')
      expect(usage.stderr).toContain('example remove')

      const loaded = await runCli(['example', 'load'], env)
      expect(loaded.stdout).toContain('Loaded the worked example. Added 50 people, 13 things')
      expect(loaded.code).toBe(0)
      const removed = await runCli(['example', 'remove'], env)
      expect(removed.stdout).toContain('Removed the worked example’s 50 people, 13 things, 11 objectives')
      expect(removed.code).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
