// Addresses and file names from text people typed: lowercase ASCII letters, digits and single
// hyphens, accents dropped ("Café au lait" → "cafe-au-lait").

/** The slug of text, at most `max` characters; '' when nothing is left. */
export function slugify(text: string, max = 80): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, max)
    .replace(/-+$/, '')
}
