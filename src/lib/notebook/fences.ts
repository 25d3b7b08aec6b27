/**
 * Code fences of a chapter, checked before anything reads them: a fence that is never closed
 * turns the rest of the chapter into code — the notebook gets a cell of German prose and the page
 * loses its headings, yet nothing fails. The notebook generator (notebook.ts) and with it the
 * build (src/integrations/notebook.ts) refuse such a chapter, naming the file and the line.
 * Pure, no npm imports (Node runs it directly, like notebook.ts).
 */

/** A chapter whose fences do not pair up: `file` and `line` say where the unclosed fence opens. */
export class FenceError extends Error {
  /** The chapter's path in the project. */
  readonly file: string;
  /** The 1-based line of the fence that is left open. */
  readonly line: number;
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'FenceError';
    this.file = file;
    this.line = line;
  }
}

/** A fence line as CommonMark reads it: up to 3 spaces, then ``` or ~~~ (3 or more), then the info string. */
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Throws a FenceError when a fence in `mdx` is left open: at the end of the file, or when a line
 * that opens another fence (a marker as long with an info string, e.g. ```python) comes first —
 * in CommonMark that line is code, so every fence after it would pair up wrongly.
 */
export function checkFences(file: string, mdx: string): void {
  let open: { line: number; marker: string; text: string } | null = null;
  mdx.split('\n').forEach((text, i) => {
    const m = FENCE_LINE.exec(text);
    if (!m) return;
    const [, marker, info] = m;
    if (!open) {
      // a ``` fence's info string may not contain a backtick: such a line is not a fence at all
      if (marker[0] === '`' && info.includes('`')) return;
      open = { line: i + 1, marker, text: text.trim() };
      return;
    }
    const sameKind = marker[0] === open.marker[0] && marker.length >= open.marker.length;
    if (sameKind && info.trim() === '') {
      open = null;
      return;
    }
    if (sameKind) {
      throw new FenceError(file, open.line, `the fence ${open.text} is not closed before line ${i + 1} opens another (${text.trim()}): add a line ${open.marker} where its code ends`);
    }
  });
  if (open) {
    const { line, text, marker } = open as { line: number; marker: string; text: string };
    throw new FenceError(file, line, `the fence ${text} is never closed: add a line ${marker} where its code ends`);
  }
}
