// @ts-check
const config = {
  title: 'Service handbook',
  tagline: 'How we run our services',
  url: 'https://services.example.com',
  baseUrl: '/',
  presets: [['classic', { docs: { sidebarPath: require.resolve('./sidebars.js') }, blog: false }]],
}
module.exports = config
