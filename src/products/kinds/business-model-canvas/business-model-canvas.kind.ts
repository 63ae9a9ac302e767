// The business model canvas, read for government: how the thing creates and delivers value, what
// it needs to do so, and what it costs. "Revenue" becomes the value delivered and how it is funded.
import { textKind } from '../kind.ts'

export const businessModelCanvas = textKind({
  slug: 'business-model-canvas',
  name: 'Business model canvas',
  purpose: 'Show how the thing creates value, what it relies on and what it costs, on one page.',
  guidance: [
    'Write one point per line in each block. A short, honest canvas is more useful than a full one.',
    'In government the money rarely comes from users: say what value the thing delivers and who pays for it.',
  ],
  fields: [
    { name: 'partners', label: 'Key partners', hint: 'Other teams, departments, suppliers and partners you rely on.' },
    { name: 'activities', label: 'Key activities', hint: 'What you must do well for it to work.' },
    { name: 'resources', label: 'Key resources', hint: 'People, systems, data and powers it needs.' },
    { name: 'propositions', label: 'Value propositions', hint: 'The value it gives each group of users.' },
    { name: 'relationships', label: 'User relationships', hint: 'How you get, keep and support users.' },
    { name: 'channels', label: 'Channels', hint: 'How users find and use it: online, by phone, in person.' },
    { name: 'segments', label: 'User segments', hint: 'The groups of users it serves.' },
    { name: 'costs', label: 'Cost structure', hint: 'What it costs to run and to change.' },
    {
      name: 'value',
      label: 'Value delivered and funding',
      hint: 'The outcomes it delivers, savings it makes, and where its funding comes from.',
    },
  ],
  summaryFields: ['propositions', 'segments', 'value'],
  templates: {
    form: 'products/kinds/business-model-canvas/form.njk',
    show: 'products/kinds/business-model-canvas/show.njk',
  },
})
