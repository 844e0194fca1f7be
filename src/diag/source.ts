// Source files and spans. A Span is three integers; line and column are
// computed only when a message is rendered.

export interface Span {
  /** Index of the file in the SourceManager. */
  file: number;
  /** Byte offset (UTF-16 code unit offset of the JS string) of the first character. */
  start: number;
  /** Offset one past the last character. */
  end: number;
}

export interface SourceFile {
  id: number;
  /** Path as the user or the #include search named it. */
  path: string;
  text: string;
  /** Offsets at which each line starts; lineStarts[0] === 0. */
  lineStarts: number[];
  /** Where this file was #included from, if it was. */
  includedFrom?: Span;
}

export interface LineCol {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  col: number;
}

/** Owns every file a compilation reads; spans refer to files by index. */
export class SourceManager {
  readonly files: SourceFile[] = [];

  add(path: string, text: string, includedFrom?: Span): SourceFile {
    const lineStarts = [0];
    // indexOf scans natively: a compile adds every header it reads, and vmlinux.h has 135,000 lines.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const file: SourceFile = { id: this.files.length, path, text, lineStarts, includedFrom };
    this.files.push(file);
    return file;
  }

  get(id: number): SourceFile {
    const f = this.files[id];
    if (!f) throw new Error(`internal: no source file #${id}`);
    return f;
  }

  lineCol(file: number, offset: number): LineCol {
    const starts = this.get(file).lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  /** Text of a 1-based line, without its newline. */
  lineText(file: number, line: number): string {
    const f = this.get(file);
    const start = f.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = f.lineStarts[line];
    let end = next === undefined ? f.text.length : next - 1;
    if (end > start && f.text.charCodeAt(end - 1) === 13) end--;
    return f.text.slice(start, end);
  }
}

export function spanJoin(a: Span, b: Span): Span {
  if (a.file !== b.file) return a;
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** A placeholder span for things with no source (predefined macros, synthesised code). */
export const NO_SPAN: Span = { file: -1, start: 0, end: 0 };
