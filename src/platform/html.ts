// The one HTML escaper, for the few places that build markup as strings rather than through
// Nunjucks (which escapes by itself): the page cache's spliced-in name, the capability view's
// long tables, the radar chart's SVG, search snippets and Markdown's missing-image notes.
// Escapes the five characters that matter in text and in quoted attribute values, so the result
// is safe in either, and in SVG/XML too.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const SPECIAL = /[&<>"']/
const SPECIAL_ALL = /[&<>"']/g

/** Text made safe to place in HTML or XML, in an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  // Most text has nothing to escape: the test is cheaper than a replace that changes nothing.
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, c => ENTITIES[c] ?? c) : text
}
