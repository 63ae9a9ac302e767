import { describe, expect, it } from 'vitest'
import { TOOLS, ensureTool, type Machine } from './ensure-tool.ts'

const chromium = TOOLS.chromium ?? { path: '', debianPackage: '', neededBy: '' }

function machine(options: { present?: boolean; root?: boolean; apt?: boolean; installWorks?: boolean }) {
  const files = new Set(options.present ? [chromium.path] : [])
  const calls: string[] = []
  const m: Machine = {
    exists: path => files.has(path),
    isRoot: options.root ?? true,
    hasAptGet: options.apt ?? true,
    run: (command, args) => {
      calls.push([command, ...args].join(' '))
      if (options.installWorks && args.includes('install')) files.add(chromium.path)
      return options.installWorks ?? false
    },
  }
  return { m, calls }
}

describe('ensureTool', () => {
  it('does nothing when the program is there', () => {
    const { m, calls } = machine({ present: true })
    expect(ensureTool(chromium, m)).toEqual({ ok: true, installed: false })
    expect(calls).toEqual([])
  })

  it('installs the Debian package as root with apt-get', () => {
    const { m, calls } = machine({ installWorks: true })
    expect(ensureTool(chromium, m)).toEqual({ ok: true, installed: true })
    expect(calls[0]).toMatch(/^apt-get install .*chromium$/)
  })

  it('refreshes the package lists once when the first install fails', () => {
    const { m, calls } = machine({ installWorks: false })
    const outcome = ensureTool(chromium, m)
    expect(outcome).toEqual({
      ok: false,
      message:
        'The browser journeys need /usr/bin/chromium, and installing it failed. Run: sudo apt-get install -y chromium',
    })
    expect(calls.map(c => c.split(' ')[1])).toEqual(['install', 'update'])
  })

  it.each([
    ['not root', { root: false }],
    ['without apt-get', { apt: false }],
  ])('says in one line what to run when %s', (_why, options) => {
    const { m, calls } = machine(options)
    expect(ensureTool(chromium, m)).toEqual({
      ok: false,
      message: 'The browser journeys need /usr/bin/chromium. Install it with: sudo apt-get install -y chromium',
    })
    expect(calls).toEqual([])
  })
})
