/**
 * The training results at many classes (issue 31: all 101), where a table of k × k counts is no
 * longer readable: a summary, the most confused pairs, the weakest and best classes, every class
 * folded away, and the matrix as a zoomable picture whose cells are read out one at a time.
 * Pure (no DOM): training-draw-matrix.ts puts it on the page.
 */
import { mostConfused, rankClasses } from '../../lib/eval/confusion';
import { formatNumber, formatPercent } from '../../lib/format';
import { de } from './de';

const t = de.training.large;
const num = (n: number) => formatNumber(n);

/** Above this many classes the results show the large view instead of the table. */
export const TABLE_MAX_CLASSES = 10;
/** How many confused pairs, weakest and best classes the large view lists. */
export const LARGE_LIST = { pairs: 10, classes: 5 } as const;
/** The matrix picture's zoom factors (1: the whole matrix fits the width). */
export const MATRIX_ZOOMS = [1, 2, 4, 8] as const;

/** A heading and its list items. */
export interface ListView {
  heading: string;
  items: string[];
}

/** The results at many classes, as texts. */
export interface LargeResultsView {
  summary: string;
  pairs: ListView;
  worst: ListView;
  best: ListView;
  /** Every class with images, worst first (folded: `summary` opens it). */
  all: { summary: string; caption: string; scrollHint: string; head: string[]; rows: string[][] };
  matrix: {
    heading: string;
    intro: string;
    label: string;
    region: string;
    classes: number;
    zoomLabel: string;
    zooms: { value: number; label: string }[];
    hint: string;
    help: string;
    /** Where the cursor starts: the most confused cell, else the first. */
    start: Cell;
  };
}

type Ranked = ReturnType<typeof rankClasses>;

/**
 * The weakest and the best `n` classes of `ranked` (worst first), never a class in both: the
 * weakest are only classes below the top accuracy, the best only classes above the weakest list's
 * best. When all classes score the same (a tiny run: all at 0 %), `othersAt` is that accuracy and
 * the best list is one line saying so.
 */
export function bestClasses(ranked: Ranked, n: number): { worst: Ranked; best: Ranked; othersAt: number | null } {
  const top = Math.max(...ranked.map((c) => c.accuracy));
  const same = ranked.every((c) => c.accuracy === top);
  const worst = (same ? ranked : ranked.filter((c) => c.accuracy < top)).slice(0, n);
  const bar = Math.max(-1, ...worst.map((c) => c.accuracy));
  // a stable sort: ties keep ranked's order (by name)
  const best = ranked.filter((c) => c.accuracy > bar).sort((a, b) => b.accuracy - a.accuracy).slice(0, n);
  return { worst, best, othersAt: same && ranked.length > n ? top : null };
}

function classLists(ranked: Ranked, n: number, classItem: (c: Ranked[number]) => string): { worst: ListView; best: ListView } {
  const { worst, best, othersAt } = bestClasses(ranked, n);
  return {
    worst: { heading: t.worstHeading(worst.length), items: worst.map(classItem) },
    best: othersAt !== null ? { heading: t.bestHeadingNone, items: [t.othersAt(formatPercent(othersAt))] } : { heading: t.bestHeading(best.length), items: best.map(classItem) },
  };
}

/** The large view of a confusion matrix `confusion[true][predicted]` over `classes` (names in the model's order). */
export function largeResultsOf(confusion: number[][], classes: string[]): LargeResultsView {
  const ranked = rankClasses(confusion, classes);
  const total = confusion.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const right = confusion.reduce((sum, row, i) => sum + row[i], 0);
  const mean = ranked.reduce((sum, c) => sum + c.accuracy, 0) / Math.max(ranked.length, 1);
  const classItem = (c: (typeof ranked)[number]) => t.classItem(classes[c.index], formatPercent(c.accuracy), num(confusion[c.index][c.index]), num(c.images));
  const pairs = mostConfused(confusion, LARGE_LIST.pairs, classes);
  const n = Math.min(LARGE_LIST.classes, ranked.length);
  return {
    summary: t.summary(num(right), num(total), formatPercent(total ? right / total : 0), num(ranked.length), formatPercent(mean)),
    pairs: { heading: t.pairsHeading, items: pairs.length ? pairs.map((p) => t.pair(classes[p.trueClass], classes[p.predicted], num(p.count), num(p.images))) : [t.pairsNone] },
    ...classLists(ranked, n, classItem),
    all: {
      summary: t.allSummary(num(ranked.length)),
      caption: t.allCaption,
      scrollHint: de.scrollHint,
      head: [...t.allHead],
      rows: ranked.map((c) => [classes[c.index], num(c.images), num(confusion[c.index][c.index]), formatPercent(c.accuracy)]),
    },
    matrix: {
      heading: t.matrixHeading,
      intro: t.matrixIntro(num(classes.length)),
      label: t.matrixLabel(num(classes.length)),
      region: t.matrixRegion,
      classes: classes.length,
      zoomLabel: t.zoom,
      zooms: MATRIX_ZOOMS.map((value) => ({ value, label: t.zoomOption(value) })),
      hint: t.zoomHint,
      help: t.help,
      start: pairs.length ? { row: pairs[0].trueClass, col: pairs[0].predicted } : { row: 0, col: 0 },
    },
  };
}

/** A cell of the matrix: its row (true class) and column (predicted class). */
export interface Cell {
  row: number;
  col: number;
}

/** The sentence read out for one cell. */
export function cellText(confusion: number[][], classes: string[], { row, col }: Cell): string {
  const images = confusion[row].reduce((a, b) => a + b, 0);
  if (!images) return t.cellEmpty(classes[row]);
  const [count, share] = [num(confusion[row][col]), formatPercent(confusion[row][col] / images)];
  return row === col ? t.cellRight(classes[row], count, num(images), share) : t.cellWrong(classes[row], classes[col], count, num(images), share);
}

/** The cell under a point (`x`, `y` from the top left of a `width` × `height` picture of a k × k matrix), clamped to the matrix. */
export function cellAt(x: number, y: number, width: number, height: number, k: number): Cell | null {
  if (!(width > 0 && height > 0 && k > 0)) return null;
  const at = (v: number, size: number) => Math.min(k - 1, Math.max(0, Math.floor((v / size) * k)));
  return { row: at(y, height), col: at(x, width) };
}

/** The cell a key moves to in a k × k matrix (arrows, Page Up/Down by ten rows, Home/End within the row), or null for other keys. */
export function moveCell({ row, col }: Cell, key: string, k: number): Cell | null {
  const clamp = (v: number) => Math.min(k - 1, Math.max(0, v));
  const moves: Record<string, Cell> = {
    ArrowUp: { row: row - 1, col },
    ArrowDown: { row: row + 1, col },
    ArrowLeft: { row, col: col - 1 },
    ArrowRight: { row, col: col + 1 },
    PageUp: { row: row - 10, col },
    PageDown: { row: row + 10, col },
    Home: { row, col: 0 },
    End: { row, col: k - 1 },
  };
  const to = moves[key];
  return to ? { row: clamp(to.row), col: clamp(to.col) } : null;
}

/**
 * A cell's colour as RGBA bytes: blue on the diagonal (right), red off it (confused), its opacity
 * the square root of the cell's share of its row, so small confusions stay visible; empty cells clear.
 */
export function cellColor(count: number, rowTotal: number, diagonal: boolean): [number, number, number, number] {
  if (!count || !rowTotal) return [0, 0, 0, 0];
  const alpha = Math.round(255 * Math.sqrt(count / rowTotal));
  return diagonal ? [31, 111, 180, alpha] : [214, 64, 45, alpha];
}
