import { describe, expect, it } from 'vitest'
import { csvCell, csvDocument, csvRow } from './csv.ts'

describe('CSV for spreadsheets', () => {
  it('leaves plain text alone and quotes cells with commas, quotes, line breaks or edge spaces', () => {
    expect(csvCell('Practitioner')).toBe('Practitioner')
    expect(csvCell('Smith, Jo')).toBe('"Smith, Jo"')
    expect(csvCell('Jo "JJ" Smith')).toBe('"Jo ""JJ"" Smith"')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(' padded ')).toBe('" padded "')
    expect(csvCell(null)).toBe('')
    expect(csvCell(42)).toBe('42')
  })

  it('defuses cells that a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell('+44 20 7946 0000')).toBe("'+44 20 7946 0000")
    expect(csvCell('-2')).toBe("'-2")
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)")
    expect(csvCell('\t=cmd')).toBe("'\t=cmd")
    expect(csvCell('=HYPERLINK("http://example.com","x")')).toBe('"\'=HYPERLINK(""http://example.com"",""x"")"')
    // Only the first character matters.
    expect(csvCell('Smith-Jones')).toBe('Smith-Jones')
  })

  it('joins cells into rows and rows into a file with CRLF line ends after a byte-order mark', () => {
    expect(csvRow(['a', 'b,c', null])).toBe('a,"b,c",')
    expect(csvDocument(['Name', 'Level'], [['Jo', 'Working']])).toBe('\uFEFFName,Level\r\nJo,Working\r\n')
  })
})
