// The framework's forms: a proposal of each kind, approving and rejecting, and the skill mapping
// of a move between versions. Fields that depend on the framework (an expected level for each
// role or skill, a target for each old skill) are read by name from the lists passed in.
import { z } from 'zod'
import { LEVELS, type Level } from './framework.bundled.ts'
import { PROPOSAL_KINDS, type ProposalChange, type ProposalKind } from './framework.repository.ts'
import type { SkillMapping } from './framework.types.ts'
import { formErrors, formList, formText, zodMessages, type FormResult } from '../platform/forms.ts'

export const kindSchema = z.enum(PROPOSAL_KINDS)
export const isProposalKind = (value: unknown): value is ProposalKind => kindSchema.safeParse(value).success

/** The value a level select or radio sends when the skill is not expected. */
export const NOT_EXPECTED = 'none'

const reason = formText(
  z
    .string()
    .min(1, { message: 'Say why you propose this change' })
    .max(1000, { message: 'Reason must be 1,000 characters or fewer' }),
)
const skill = formText(z.string().min(1, { message: 'Select a skill' }).max(100, { message: 'Select a skill' }))
const role = formText(z.string().min(1, { message: 'Select a role' }).max(100, { message: 'Select a role' }))
const level = formText(z.enum(LEVELS, { message: 'Select a level' }))
const descriptorText = (label: string) =>
  formText(
    z
      .string()
      .min(1, { message: `Describe what the ${label} level looks like` })
      .max(2000, { message: `The ${label} descriptor must be 2,000 characters or fewer` }),
  )
const name = (what: 'skill' | 'role') =>
  formText(
    z
      .string()
      .min(1, { message: `Enter the name of the ${what}` })
      .max(100, { message: `Name of the ${what} must be 100 characters or fewer` }),
  )

const levelOrNone = formText(
  z.union([z.enum(LEVELS), z.literal(NOT_EXPECTED)], { message: 'Select a level, or not expected' }),
).transform(v => (v === NOT_EXPECTED ? null : v))

const descriptorForm = z.object({
  skill,
  level,
  text: formText(
    z
      .string()
      .min(1, { message: 'Enter the new descriptor' })
      .max(2000, { message: 'Descriptor must be 2,000 characters or fewer' }),
  ),
  reason,
})

const expectationForm = z.object({ role, skill, level: levelOrNone, reason })

const addSkillForm = z.object({
  name: name('skill'),
  group: formText(
    z.enum(['core', 'leadership'], { message: 'Select whether it is a core skill or a leadership capability' }),
  ),
  gist: formText(
    z
      .string()
      .min(1, { message: 'Say in one sentence what the skill is about' })
      .max(500, { message: 'What the skill is about must be 500 characters or fewer' }),
  ),
  'descriptors-awareness': descriptorText('awareness'),
  'descriptors-working': descriptorText('working'),
  'descriptors-practitioner': descriptorText('practitioner'),
  'descriptors-expert': descriptorText('expert'),
  reason,
})

const retireSkillForm = z.object({ skill, reason })

const addRoleForm = z.object({
  name: name('role'),
  after: formText(z.string().max(100)),
  shapes: formList.pipe(
    z
      .array(z.enum(['small', 'medium', 'enterprise'], { message: 'Select shapes from the list' }))
      .min(1, { message: 'Select at least one shape of pathway that uses the role' }),
  ),
  summary: formText(
    z
      .string()
      .min(1, { message: 'Say briefly what someone in this role does' })
      .max(1000, { message: 'Summary must be 1,000 characters or fewer' }),
  ),
  reason,
})

const retireRoleForm = z.object({ role, reason })

/** The order of each form's fields, for the error summary. */
export const PROPOSAL_FIELDS: Record<ProposalKind, (lists: FormLists) => string[]> = {
  descriptor: () => ['skill', 'level', 'text', 'reason'],
  expectation: () => ['role', 'skill', 'level', 'reason'],
  'add-skill': lists => [
    'name',
    'group',
    'gist',
    ...LEVELS.map(l => `descriptors-${l}`),
    ...lists.roles.map(r => `expectations-${r}`),
    'reason',
  ],
  'retire-skill': () => ['skill', 'reason'],
  'add-role': lists => ['name', 'after', 'shapes', 'summary', ...lists.skills.map(s => `expectations-${s}`), 'reason'],
  'retire-role': () => ['role', 'reason'],
}

/** The active roles and skills of the current version: the per-role and per-skill fields. */
export interface FormLists {
  roles: string[]
  skills: string[]
}

/** Reads an expected level for each slug from fields named expectations-<slug>. */
function readExpectations(
  body: Record<string, unknown>,
  slugs: string[],
): { levels: Record<string, Level | null>; errors: Record<string, string> } {
  const levels: Record<string, Level | null> = {}
  const errors: Record<string, string> = {}
  for (const slug of slugs) {
    const parsed = levelOrNone.safeParse(body[`expectations-${slug}`] ?? NOT_EXPECTED)
    if (parsed.success) levels[slug] = parsed.data
    else errors[`expectations-${slug}`] = 'Select a level, or not expected'
  }
  return { levels, errors }
}

export interface ProposalForm {
  change: ProposalChange
  reason: string
}

/** Parses the form of one kind of proposal into the change it proposes. */
export function parseProposalForm(kind: ProposalKind, bodyValue: unknown, lists: FormLists): FormResult<ProposalForm> {
  const body = (bodyValue && typeof bodyValue === 'object' ? bodyValue : {}) as Record<string, unknown>
  const order = PROPOSAL_FIELDS[kind](lists)
  const fail = (messages: Record<string, string>) => ({
    ok: false as const,
    errors: formErrors(messages, order),
    values: body,
  })
  const ok = (value: ProposalForm) => ({ ok: true as const, value, values: body })

  const parse = <S extends z.ZodType>(schema: S, extra: Record<string, string> = {}) => {
    const result = schema.safeParse(body)
    if (!result.success || Object.keys(extra).length)
      return { data: null, messages: { ...(result.success ? {} : zodMessages(result.error)), ...extra } }
    return { data: result.data as z.infer<S>, messages: {} }
  }

  switch (kind) {
    case 'descriptor': {
      const { data, messages } = parse(descriptorForm)
      if (!data) return fail(messages)
      return ok({
        change: { kind, payload: { skill: data.skill, level: data.level, text: data.text } },
        reason: data.reason,
      })
    }
    case 'expectation': {
      const { data, messages } = parse(expectationForm)
      if (!data) return fail(messages)
      return ok({
        change: { kind, payload: { role: data.role, skill: data.skill, level: data.level } },
        reason: data.reason,
      })
    }
    case 'add-skill': {
      const expectations = readExpectations(body, lists.roles)
      const { data, messages } = parse(addSkillForm, expectations.errors)
      if (!data) return fail(messages)
      return ok({
        change: {
          kind,
          payload: {
            name: data.name,
            group: data.group,
            gist: data.gist,
            descriptors: {
              awareness: data['descriptors-awareness'],
              working: data['descriptors-working'],
              practitioner: data['descriptors-practitioner'],
              expert: data['descriptors-expert'],
            },
            expectations: expectations.levels,
          },
        },
        reason: data.reason,
      })
    }
    case 'retire-skill': {
      const { data, messages } = parse(retireSkillForm)
      if (!data) return fail(messages)
      return ok({ change: { kind, payload: { skill: data.skill } }, reason: data.reason })
    }
    case 'add-role': {
      const expectations = readExpectations(body, lists.skills)
      const { data, messages } = parse(addRoleForm, expectations.errors)
      if (!data) return fail(messages)
      return ok({
        change: {
          kind,
          payload: {
            name: data.name,
            after: data.after,
            shapes: data.shapes,
            summary: data.summary,
            expectations: expectations.levels,
          },
        },
        reason: data.reason,
      })
    }
    case 'retire-role': {
      const { data, messages } = parse(retireRoleForm)
      if (!data) return fail(messages)
      return ok({ change: { kind, payload: { role: data.role } }, reason: data.reason })
    }
  }
}

/** Which kind of change to propose (a GET form, so the choice page needs no token). */
export const chooseKindQuery = z.object({
  kind: z.string().max(30).optional(),
  chosen: z.string().max(5).optional(),
})

/** Starting values for a proposal form, from links on the framework pages. */
export const prefillQuery = z.object({
  skill: z.string().max(100).optional(),
  role: z.string().max(100).optional(),
  level: z.string().max(30).optional(),
})

const versionNumber = formText(
  z.string().regex(/^\d{1,6}$/, { message: 'The form is out of date. Reload the page and try again' }),
).transform(Number)

export const approveSchema = z.object({
  note: formText(z.string().max(1000, { message: 'Note must be 1,000 characters or fewer' })),
  /** The current version when the reviewer opened the proposal. */
  currentNumber: versionNumber,
})

export const rejectSchema = z.object({
  note: formText(
    z
      .string()
      .min(1, { message: 'Say why you are rejecting this proposal' })
      .max(1000, { message: 'Note must be 1,000 characters or fewer' }),
  ),
})

export const TARGET_PATTERN = '^(bundled-(2025|2017)|version-[0-9]{1,6})$'

export const migrateFormSchema = z.object({
  target: formText(z.string().regex(new RegExp(TARGET_PATTERN), { message: 'Choose where to move the framework' })),
  currentNumber: formText(
    z.string().regex(/^\d{1,6}$/, { message: 'The form is out of date. Review the move again' }),
  ).transform(Number),
})

/** The value a mapping select sends for "Do not carry across". */
export const NOT_CARRIED = 'none'

/** Reads the reviewer's mapping from a select named map-<old skill> for each old skill; a missing one is left out. */
export function readMapping(bodyValue: unknown, oldSkills: string[]): SkillMapping {
  const body = (bodyValue && typeof bodyValue === 'object' ? bodyValue : {}) as Record<string, unknown>
  const mapping: SkillMapping = {}
  for (const slug of oldSkills) {
    const raw = body[`map-${slug}`]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (typeof value !== 'string' || value === '' || value.length > 100) continue
    mapping[slug] = value === NOT_CARRIED ? null : value
  }
  return mapping
}
