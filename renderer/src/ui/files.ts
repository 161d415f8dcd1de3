/**
 * Hands text to the browser as a file download (browser mode and the desktop app alike; the
 * desktop app asks where to save it). `parts` are joined as they are: lines of an export need
 * not become one string first.
 */
export function downloadFile(fileName: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  // In the document while clicked: some browsers ignore a click on a detached link.
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the URL after this task ends, and a large one takes a while.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Lets the user choose a file and reads it as text; undefined when they cancel. */
export function chooseTextFile(accept = '.json,application/json'): Promise<string | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) resolve(undefined);
      else void file.text().then(resolve, () => resolve(undefined));
    });
    input.addEventListener('cancel', () => resolve(undefined));
    input.click();
  });
}

/**
 * Lets the user choose a file and reads its bytes, refusing one larger than maxBytes before
 * reading it; undefined when they cancel.
 */
export function chooseFileBytes(
  maxBytes: number,
): Promise<{ name: string; bytes: Uint8Array } | { name: string; tooLarge: number } | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) resolve(undefined);
      else if (file.size > maxBytes) resolve({ name: file.name, tooLarge: file.size });
      else
        void file.arrayBuffer().then(
          (buffer) => resolve({ name: file.name, bytes: new Uint8Array(buffer) }),
          () => resolve(undefined),
        );
    });
    input.addEventListener('cancel', () => resolve(undefined));
    input.click();
  });
}
