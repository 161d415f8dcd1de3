import { monaco } from './setup';

/** Monaco's id for protobuf text format (the files protoc and txtpbfmt call .txtpb / .textproto). */
export const TEXT_FORMAT_LANGUAGE = 'textproto';

let registered = false;

/**
 * Colouring for text format: field names, [extension] and [type.url/Any] names, strings with
 * their escapes, numbers (hex, octal, inf, nan), enum names and # comments. A Monarch tokenizer
 * is enough: the engine's parser says what is valid, with line and column.
 */
export function registerTextFormat(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({
    id: TEXT_FORMAT_LANGUAGE,
    extensions: ['.txtpb', '.textproto'],
    aliases: ['Text format'],
  });
  monaco.languages.setLanguageConfiguration(TEXT_FORMAT_LANGUAGE, {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['<', '>'],
      ['[', ']'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '"', close: '"', notIn: ['string'] },
      { open: "'", close: "'", notIn: ['string'] },
    ],
  });
  monaco.languages.setMonarchTokensProvider(TEXT_FORMAT_LANGUAGE, {
    defaultToken: '',
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/\[[\w.]+(\/[\w.]+)*\]/, 'type'],
        [/[A-Za-z_]\w*(?=\s*[:{<[])/, 'key'],
        [/-?(inf(inity)?|nan)\b/i, 'number'],
        [/\b(true|false|True|False|t|f)\b/, 'keyword'],
        [/-?0[xX][0-9a-fA-F]+/, 'number.hex'],
        [/-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fF]?/, 'number'],
        [/[A-Za-z_]\w*/, 'identifier'],
        [/"/, 'string', '@dq'],
        [/'/, 'string', '@sq'],
        [/[{}<>[\]]/, '@brackets'],
        [/[:;,]/, 'delimiter'],
      ],
      dq: [
        [/[^\\"]+/, 'string'],
        [/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/, 'string.escape'],
        [/"/, 'string', '@pop'],
      ],
      sq: [
        [/[^\\']+/, 'string'],
        [/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/, 'string.escape'],
        [/'/, 'string', '@pop'],
      ],
    },
  });
}
