// The reminder settings form: how often (a weekly digest, or none) and, for a digest, the day.
import { FormProblems, readChoice, type FormResult } from '../platform/forms.ts'
import { REMINDER_FREQUENCIES, WEEKDAYS, type ReminderFrequency, type Weekday } from './reminders.types.ts'

export const SETTINGS_ORDER = ['frequency', 'weekday']

const WEEKDAY_VALUES = WEEKDAYS.map(String)

export function readSettingsForm(body: unknown): FormResult<{ frequency: ReminderFrequency; weekday: Weekday }> {
  const problems = new FormProblems()
  const frequency = readChoice(body, 'frequency', REMINDER_FREQUENCIES)
  if (!frequency) problems.add('frequency', 'Choose whether you want a weekly email of what needs you')
  const day = readChoice(body, 'weekday', WEEKDAY_VALUES)
  if (frequency === 'weekly' && !day) problems.add('weekday', 'Choose the day of the week you want the email')
  const weekday = (day ? Number(day) : 1) as Weekday
  return problems.result(SETTINGS_ORDER, frequency ? { frequency, weekday } : undefined, body)
}
