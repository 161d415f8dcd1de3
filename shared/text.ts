/**
 * Drops a UTF-8 byte order mark. Editors on Windows write one; JSON.parse and PEM readers refuse
 * it, so a file that looks right in every editor would be "invalid" for a reason no one can see.
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
