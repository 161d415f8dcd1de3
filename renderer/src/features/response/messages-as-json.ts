/** The received messages as one JSON document: the message itself for one, an array for more. */
export function messagesAsJson(messages: string[]): string {
  if (messages.length === 1) return prettify(messages[0] ?? '');
  return `[\n${messages.map((m) => indent(prettify(m))).join(',\n')}\n]`;
}

function prettify(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
