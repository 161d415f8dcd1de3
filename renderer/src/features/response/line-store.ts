/**
 * A text that arrives in pieces, kept as its lines so a view can show any line at once without
 * laying out (or even joining) the whole. Appending a piece costs what the piece is long; a line
 * split between two pieces is joined. The pieces are kept too, so the whole text is one join.
 */
export class LineStore {
  private readonly lines: string[] = [];
  /** The last line, which the next piece may continue. */
  private tail = '';
  private pieces: string[] = [];
  private chars = 0;

  append(piece: string): void {
    if (piece === '') return;
    this.pieces.push(piece);
    this.chars += piece.length;
    let start = 0;
    for (let newline = piece.indexOf('\n'); newline !== -1; newline = piece.indexOf('\n', start)) {
      this.lines.push(start === 0 ? this.tail + piece.slice(0, newline) : piece.slice(start, newline));
      start = newline + 1;
    }
    this.tail = start === 0 ? this.tail + piece : piece.slice(start);
  }

  /** Lines so far; the last one may still grow. An empty text is one empty line, as in editors. */
  get lineCount(): number {
    return this.lines.length + 1;
  }

  /** Characters so far. */
  get length(): number {
    return this.chars;
  }

  line(index: number): string {
    return index < this.lines.length ? (this.lines[index] ?? '') : this.tail;
  }

  /** The whole text so far (joined once, then kept as one piece). */
  text(): string {
    if (this.pieces.length > 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0] ?? '';
  }
}
