// The problem statement: the first guess a team makes about what is wrong and for whom, refined
// as they learn. Every other part of the strategy hangs off it.
import { textKind } from '../kind.ts'

export const problemStatement = textKind({
  slug: 'problem-statement',
  name: 'Problem statement',
  purpose: 'Say what is wrong, for whom, and how you know, before choosing a solution.',
  guidance: [
    'Describe the problem, not a missing solution: “people cannot tell if they qualify”, not “we need an eligibility checker”.',
    'It is your first guess. Change it as research tells you more: every version is kept.',
  ],
  fields: [
    {
      name: 'problem',
      label: 'What is the problem?',
      hint: 'In plain words, as the people who have it would put it.',
      required: true,
    },
    { name: 'who', label: 'Who has it?', hint: 'The users or groups of users, and roughly how many.' },
    {
      name: 'impact',
      label: 'What happens because of it?',
      hint: 'The cost to users, to the organisation or to policy if nothing changes.',
    },
    {
      name: 'evidence',
      label: 'How do you know?',
      hint: 'Research, data, complaints or observations, with links where they exist.',
    },
  ],
  templates: {
    form: 'products/kinds/problem-statement/form.njk',
    show: 'products/kinds/problem-statement/show.njk',
  },
})
