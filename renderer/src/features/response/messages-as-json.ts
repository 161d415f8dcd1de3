/**
 * Received messages (already indented by the engine) as one JSON document: the message itself
 * for one, an array for more. No parsing here: a response can be tens of megabytes.
 */
export function messagesAsJson(messages: string[]): string {
  if (messages.length === 1) return messages[0] ?? '';
  return `[\n${messages.map(indentMessage).join(',\n')}\n]`;
}

/** A message's text as an element of the array above. */
export function indentMessage(text: string): string {
  return `  ${text.replace(/\n/g, '\n  ')}`;
}
