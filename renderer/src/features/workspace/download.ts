/** Hands text to the browser as a file download (browser mode and the desktop app alike). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked later: the download reads the URL after this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
