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

/**
 * A positive amount as people type it ("2.5"), in whole units `scale` times smaller (seconds to
 * milliseconds: 1000; MiB to bytes): at least 1 and at most `max`. Undefined for anything else
 * (empty, not a number, zero or less, so small it rounds to 0, above `max`).
 */
export function parsePositive(text: string, scale = 1, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const n = Number(text.trim());
  const value = Math.round(n * scale);
  return Number.isFinite(n) && n > 0 && value >= 1 && value <= max ? value : undefined;
}

/** 1-based line and column of a character offset, as editors show them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
