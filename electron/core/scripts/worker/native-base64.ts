/**
 * `Uint8Array.prototype.toBase64` (the TC39 proposal newer V8s ship) for the script worker's
 * Node, where it is missing. @bufbuild/protobuf prints bytes fields with it when present, and in
 * JavaScript otherwise: ~25 ns a byte, most of the cost of a 1 KiB message's JSON. It reads the
 * method once, when it loads, so this module is imported before it. Only this worker's realm is
 * touched; scripts run in a realm of their own.
 */
interface ToBase64Options {
  alphabet?: 'base64' | 'base64url';
  omitPadding?: boolean;
}

const proto = Uint8Array.prototype as Uint8Array & { toBase64?: (options?: ToBase64Options) => string };
if (typeof proto.toBase64 !== 'function') {
  Object.defineProperty(proto, 'toBase64', {
    configurable: true,
    writable: true,
    value(this: Uint8Array, options: ToBase64Options = {}) {
      const text = Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString(
        options.alphabet === 'base64url' ? 'base64url' : 'base64',
      );
      // Node's base64url has no padding; its base64 always has.
      if (options.omitPadding) return text.replace(/=+$/, '');
      return options.alphabet === 'base64url' ? text.padEnd(Math.ceil(text.length / 4) * 4, '=') : text;
    },
  });
}
