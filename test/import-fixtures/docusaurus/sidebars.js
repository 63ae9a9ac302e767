/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */
const sidebars = {
  handbook: [
    'intro',
    {
      type: 'category',
      label: 'Getting started',
      items: ['getting-started/first-week', 'getting-started/tools'],
    },
    {
      type: 'category',
      label: 'Practices',
      items: ['practices/reviews', { type: 'category', label: 'Research', items: ['practices/research/consent', 'practices/research/interviews'] }],
    },
  ],
}
module.exports = sidebars
