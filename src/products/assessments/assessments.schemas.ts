// The assessment forms: a new assessment (what it is for and when) and the checklist (the same,
// with a status, notes and evidence for each of the 14 points). Every problem is found at once.
import {
  FormProblems,
  readChoice,
  readChoices,
  readDateInput,
  readText,
  type FormResult,
} from '../../platform/forms.ts'
import {
  ASSESSMENT_STAGES,
  POINT_STATUSES,
  STANDARD_POINTS,
  type AssessmentChanges,
  type NewAssessment,
  type PointRecord,
} from './assessments.types.ts'
import { MAX_NOTES } from './assessments.service.ts'

export const NEW_FIELDS = ['stage', 'assessOn']
export const CHECKLIST_FIELDS = [
  ...NEW_FIELDS,
  ...STANDARD_POINTS.flatMap((_p, i) => [`point-${i + 1}-status`, `point-${i + 1}-notes`, `point-${i + 1}-evidence`]),
]

function readStageAndDate(body: unknown, problems: FormProblems): NewAssessment | undefined {
  const stage = readChoice(body, 'stage', ASSESSMENT_STAGES)
  if (!stage) problems.add('stage', 'Choose which assessment it is')
  const assessOn = problems.date(
    'assessOn',
    readDateInput(body, 'assessOn', {
      label: 'The date of the assessment',
      required: false,
      limits: [
        { min: '2000-01-01', max: '2099-12-31', message: 'The date of the assessment must be between 2000 and 2099' },
      ],
    }),
  )
  return stage && assessOn !== undefined ? { stage, assessOn } : undefined
}

export function readNewAssessment(body: unknown): FormResult<NewAssessment> {
  const problems = new FormProblems()
  const value = readStageAndDate(body, problems)
  return problems.result(NEW_FIELDS, value, body)
}

/** The checklist. Evidence is checked against the parts that exist by the service. */
export function readChecklist(body: unknown): FormResult<AssessmentChanges> {
  const problems = new FormProblems()
  const head = readStageAndDate(body, problems)
  const points: PointRecord[] = STANDARD_POINTS.map((_p, i) => {
    const n = i + 1
    const status = readChoice(body, `point-${n}-status`, POINT_STATUSES)
    if (!status) problems.add(`point-${n}-status`, `Choose how far point ${n} is met`)
    const notes = readText(body, `point-${n}-notes`)
    if (notes.length > MAX_NOTES)
      problems.add(`point-${n}-notes`, `Notes on point ${n} must be 2,000 characters or fewer`)
    const evidence = readChoices(body, `point-${n}-evidence`).chosen.filter(s => s.length <= 200)
    return { status: status ?? 'not-started', notes: notes.slice(0, MAX_NOTES), evidence }
  })
  return problems.result(CHECKLIST_FIELDS, head ? { ...head, points } : undefined, body)
}
