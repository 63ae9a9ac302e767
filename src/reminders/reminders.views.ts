// The reminder settings page's presenter: the two questions with what the person chose (or typed,
// after an error) selected.
import type { FormValues } from '../platform/forms.ts'
import { WEEKDAYS, WEEKDAY_NAMES, type ReminderSettings } from './reminders.types.ts'

const text = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''

export interface SettingsView {
  frequencyItems: { value: string; text: string; hint: { text: string }; checked: boolean }[]
  weekdayItems: { value: string; text: string; selected: boolean }[]
  /** Where it stands now, in a sentence. */
  current: string
}

/** The form, from the saved settings, or from what was posted when it had errors. */
export function settingsView(saved: ReminderSettings, posted?: FormValues): SettingsView {
  const frequency = posted ? text(posted.frequency) : saved.frequency
  const weekday = posted ? text(posted.weekday) : String(saved.weekday)
  return {
    frequencyItems: [
      {
        value: 'weekly',
        text: 'A weekly email when something needs me',
        hint: {
          text: 'It counts the check-ins, 1:1s and actions waiting for you, with links to them. It never includes what anyone wrote.',
        },
        checked: frequency === 'weekly',
      },
      {
        value: 'off',
        text: 'No reminder emails',
        hint: { text: 'Your home page still shows what needs you.' },
        checked: frequency === 'off',
      },
    ],
    weekdayItems: WEEKDAYS.map(d => ({ value: String(d), text: WEEKDAY_NAMES[d], selected: weekday === String(d) })),
    current:
      saved.frequency === 'off'
        ? 'You get no reminder emails.'
        : `You get a reminder email on ${WEEKDAY_NAMES[saved.weekday]}s when something needs you.${saved.updatedAt ? '' : ' Everyone gets this until they choose otherwise.'}`,
  }
}
