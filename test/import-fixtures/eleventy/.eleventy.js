module.exports = function (eleventyConfig) {
  eleventyConfig.addPlugin(require('@11ty/eleventy-navigation'))
  eleventyConfig.addShortcode('callout', text => `<div class="callout">${text}</div>`)
  eleventyConfig.addPairedShortcode('aside', content => `<aside>${content}</aside>`)
  return { pathPrefix: '/team-guide/', markdownTemplateEngine: 'njk' }
}
