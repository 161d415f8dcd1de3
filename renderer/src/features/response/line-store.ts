/**
 * A text that arrives in pieces, kept as those pieces plus where each line starts, so a view can
 * show any line at once without laying out (or even joining) the whole. A line is made into a
 * string only when asked for. (Keeping every line of a 20 MB response as its own string made
 * a million small objects, and the garbage collector's passes over them were the page's longest
 * tasks, profiled.) Appending a piece costs what the piece is long.
 */
export class LineStore {
  private pieces: string[] = [];
  /** Where each piece starts in the whole text. */
  private pieceStarts: number[] = [];
  /** Where each line starts in the whole text; the first `lines` entries are used. */
  private starts = new Uint32Array(1024);
  private lines = 1;
  private chars = 0;

  append(piece: string): void {
    if (piece === '') return;
    this.pieces.push(piece);
    this.pieceStarts.push(this.chars);
    for (let newline = piece.indexOf('\n'); newline !== -1; newline = piece.indexOf('\n', newline + 1)) {
      if (this.lines === this.starts.length) {
        const grown = new Uint32Array(this.starts.length * 2);
        grown.set(this.starts);
        this.starts = grown;
      }
      this.starts[this.lines++] = this.chars + newline + 1;
    }
    this.chars += piece.length;
  }

  /** Lines so far; the last one may still grow. An empty text is one empty line, as in editors. */
  get lineCount(): number {
    return this.lines;
  }

  /** Characters so far. */
  get length(): number {
    return this.chars;
  }

  line(index: number): string {
    if (index < 0 || index >= this.lines) return '';
    const start = this.starts[index] ?? 0;
    const end = index + 1 < this.lines ? (this.starts[index + 1] ?? 0) - 1 : this.chars;
    return this.slice(start, end);
  }

  /** The whole text so far (joined once, then kept as one piece). */
  text(): string {
    if (this.pieces.length > 1) {
      this.pieces = [this.pieces.join('')];
      this.pieceStarts = [0];
    }
    return this.pieces[0] ?? '';
  }

  /** Characters [start, end) of the whole text, from the pieces that hold them. */
  private slice(start: number, end: number): string {
    let at = this.pieceAt(start);
    let out = '';
    let from = start;
    while (from < end && at < this.pieces.length) {
      const piece = this.pieces[at] ?? '';
      const base = this.pieceStarts[at] ?? 0;
      out += piece.slice(from - base, end - base);
      from = base + piece.length;
      at++;
    }
    return out;
  }

  /** The piece that holds character `offset` (binary search: pieces are in order). */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.pieceStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
