// The `js` and `no-js` projects run the same journeys against one server and one database, one
// after the other. Each journey that changes something works on pages of its own in each
// project, so neither run sees the other's changes. Slugs are those of the starter handbook
// (content/handbook).
export interface JourneyData {
  /** A page two editors change at the same time. */
  readonly conflictPage: { slug: string; title: string }
  /** A page a member suggests a change to, which an editor accepts. */
  readonly acceptedPage: { slug: string; title: string }
  /** A page a member suggests a change to, which an editor declines. */
  readonly declinedPage: { slug: string; title: string }
  /** Makes the names of imported files, sections and pages unique to the project. */
  readonly suffix: string
}

const DATA: Record<string, JourneyData> = {
  js: {
    conflictPage: { slug: 'scrum', title: 'Scrum' },
    acceptedPage: { slug: 'roadmaps', title: 'Roadmaps' },
    declinedPage: { slug: 'saying-no', title: 'Saying no' },
    suffix: 'js',
  },
  'no-js': {
    conflictPage: { slug: 'working-with-agility', title: 'Working with agility' },
    acceptedPage: { slug: 'prioritisation', title: 'Prioritisation' },
    declinedPage: { slug: 'accessibility', title: 'Accessibility' },
    suffix: 'no-js',
  },
}

export function journeyDataFor(projectName: string): JourneyData {
  const data = DATA[projectName]
  if (!data) throw new Error(`No journey data for the project ${projectName}`)
  return data
}
