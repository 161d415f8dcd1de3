import { AppError } from '../model/errors';

/** Quotes one word for a POSIX shell; plain words stay readable. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_/.:=@%+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Splits a pasted command line the way a POSIX shell would for the cases people paste: single
 * and double quotes, backslash escapes and line continuations. Variables and substitutions are
 * not expanded (there is no shell to ask), so they are refused rather than silently kept.
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const fail = (why: string) => new AppError('VALIDATION', `Cannot read the command: ${why}`);
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\') {
      const next = line[i + 1];
      if (next === '\n') i += 2;
      else if (next === '\r' && line[i + 2] === '\n') i += 3;
      else {
        if (next === undefined) throw fail('it ends with a backslash');
        word += next;
        inWord = true;
        i += 2;
      }
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw fail('a single quote is not closed');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= line.length) throw fail('a double quote is not closed');
        const d = line[i]!;
        if (d === '"') break;
        if (d === '\\' && '"\\$`\n'.includes(line[i + 1] ?? '')) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
          continue;
        }
        if (d === '$' || d === '`') throw fail('shell variables and substitutions ($, `) cannot be expanded here');
        word += d;
        i++;
      }
      i++;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      if (c === '$' || c === '`') throw fail('shell variables and substitutions ($, `) cannot be expanded here');
      if (c === '|' || c === ';' || c === '&' || c === '<' || c === '>')
        throw fail(`'${c}' (pipes, redirections, several commands) is not supported`);
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
