/**
 * Drops a UTF-8 byte order mark. Editors on Windows write one; JSON.parse and PEM readers refuse
 * it, so a file that looks right in every editor would be "invalid" for a reason no one can see.
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** A size limit as messages say it: "64 MiB", "1.5 KiB", "20 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= KiB) return `${+(bytes / KiB).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
