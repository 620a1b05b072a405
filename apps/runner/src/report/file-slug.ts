/**
 * A name made safe as one path segment and HTML id: lower-case letters, digits, `-`, `_`, `.`
 * (a user's problem may be called anything, including `../x`), never starting with a dot.
 */
export function fileSlug(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '');
  return slug === '' ? 'unnamed' : slug;
}
