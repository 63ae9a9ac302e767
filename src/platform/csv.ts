// Writing CSV that spreadsheets open safely: RFC 4180 quoting, CRLF line ends, a byte-order mark
// so Excel reads UTF-8 names correctly, and cells that would start a formula (=, +, -, @, tab or
// carriage return) prefixed with an apostrophe, so opening the file never runs anything (OWASP:
// CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

/** One cell, made safe and quoted where it needs to be. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',')
}

/** A whole file: a header row then the rows, each line ended with CRLF, after a byte-order mark. */
export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${[header, ...rows].map(r => `${csvRow(r)}\r\n`).join('')}`
}
