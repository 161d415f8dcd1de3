/**
 * A saved request's own script as the tab holds it. It lives with the tab (and is restored with
 * it) so it survives tab switches and restarts; `saved` is what the file held when last read or
 * written, so the tab knows when the editor's text differs from the file.
 */
export interface ScriptDraft {
  text: string;
  /** The file's text as last read or saved; '' when there is no such file. */
  saved: string;
}

export function scriptChanged(draft: ScriptDraft | undefined): boolean {
  return draft !== undefined && draft.text !== draft.saved;
}

/** What a call runs instead of the saved file: the editor's text while it differs from the file. */
export function scriptToSend(draft: ScriptDraft | undefined): string | undefined {
  return scriptChanged(draft) ? draft!.text : undefined;
}

/**
 * The file's text reaches a tab: a draft without edits follows it; edited text is kept (the
 * user's work is never replaced), only the saved text it is compared with moves on.
 */
export function followScriptFile(draft: ScriptDraft | undefined, fileText: string): ScriptDraft {
  if (!draft || !scriptChanged(draft)) return { text: fileText, saved: fileText };
  return { text: draft.text, saved: fileText };
}
