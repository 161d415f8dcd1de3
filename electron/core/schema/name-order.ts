/**
 * Orders proto names as `Intl.Collator('en').compare` does, without building a collator for the
 * names protobuf allows: the first collator a process makes loads ICU's collation data (7-9 ms
 * here), and the service tree, the first thing a schema shows, sorted with one. For ASCII
 * letters, digits, '_' and '.', that collation compares every character's base weight first
 * ('_' < '.' < digits < letters, case aside; a prefix before what it begins), then case at the
 * first position where it differs (lower before upper). Any other name goes to a collator.
 */
export function compareNames(a: string, b: string): number {
  if (!PROTO_NAME.test(a) || !PROTO_NAME.test(b)) return (collator ??= new Intl.Collator('en')).compare(a, b);
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const difference = baseWeight(a.charCodeAt(i)) - baseWeight(b.charCodeAt(i));
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // Same letters: the first that differs does so by case; a lower case letter's code is higher.
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x > y ? -1 : 1;
  }
  return 0;
}

const PROTO_NAME = /^[A-Za-z0-9_.]*$/;

/** Made only for a name outside PROTO_NAME, which protobuf's own names never are. */
let collator: Intl.Collator | undefined;

const UNDERSCORE = 95;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

function baseWeight(code: number): number {
  if (code === UNDERSCORE) return 0;
  if (code === DOT) return 1;
  if (code >= ZERO && code <= NINE) return 2 + code - ZERO;
  // A letter, either case: 'A' is 65, 'a' 97; setting bit 5 makes both lower case.
  return 12 + (code | 0x20) - 97;
}
