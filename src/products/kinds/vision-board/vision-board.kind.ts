// The product vision board: where the thing is going and why, on one page: the vision, who it is
// for, what they need, what the product is, and what the organisation gets from it.
import { textKind } from '../kind.ts'

export const visionBoard = textKind({
  slug: 'vision-board',
  name: 'Product vision board',
  purpose: 'Set out where the thing is heading, who it serves and what success means.',
  guidance: [
    'Keep the vision short enough to remember. The other four boxes say how you will get there.',
    'Test the needs and goals like any other guess: link them to metrics and hypotheses.',
  ],
  fields: [
    {
      name: 'vision',
      label: 'Vision',
      hint: 'Why the thing exists: the change it makes, in one or two sentences.',
      max: 1000,
    },
    { name: 'targetGroup', label: 'Target group', hint: 'The users and people it is for.' },
    { name: 'needs', label: 'Needs', hint: 'What those people need from it, one per line.' },
    { name: 'product', label: 'Product', hint: 'What it is and what makes it stand out, one feature per line.' },
    {
      name: 'businessGoals',
      label: 'Business goals',
      hint: 'What the organisation gets from it, such as lower cost or better outcomes.',
    },
  ],
  summaryFields: ['vision'],
  templates: { form: 'products/kinds/vision-board/form.njk', show: 'products/kinds/vision-board/show.njk' },
})
