// markdown-it-deflist ships no types (and there is no @types package): it is a plain markdown-it plugin.
declare module 'markdown-it-deflist' {
  import type MarkdownIt from 'markdown-it'
  const deflist: MarkdownIt.PluginSimple
  export default deflist
}
