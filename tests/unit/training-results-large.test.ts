/**
 * The training demo's results at 101 classes (issue 31): the view the state gives (summary, most
 * confused pairs, weakest and best classes, every class, the matrix picture's texts), the cell
 * readout and cursor, and the drawn matrix answering the keyboard (linkedom). At ≤ 10 classes the
 * table stays (training-state.test.ts checks its rows).
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { DemoConfig, DemoEvaluation, FromWorker } from '../../src/components/islands/training-protocol';
import { initialState, update, type Message, type State } from '../../src/components/islands/training-state';
import { viewOf } from '../../src/components/islands/training-view';
import { bestClasses, cellAt, cellColor, cellText, largeResultsOf, moveCell, TABLE_MAX_CLASSES } from '../../src/components/islands/training-view-matrix';
import { drawLargeResults } from '../../src/components/islands/training-draw-matrix';

const K = 101;
const CLASSES = Array.from({ length: K }, (_, i) => `klasse${String(i).padStart(3, '0')}`);
CLASSES[7] = 'Faces';
CLASSES[8] = 'Faces_easy';
CLASSES[60] = 'Airplanes';
/** Every class 10 validation images, all right, except: Faces 4 → Faces_easy, klasse050 2 → klasse051, Airplanes 2 → klasse061 (a tie: by name first), klasse090 has no images. */
function confusion101(): number[][] {
  const m: number[][] = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (i === j ? 10 : 0)));
  m[7][7] = 6;
  m[7][8] = 4;
  m[50][50] = 8;
  m[50][51] = 2;
  m[60][60] = 8;
  m[60][61] = 2;
  m[90][90] = 0;
  return m;
}

const CONFIG: DemoConfig = { classes: K, perClass: 40, cropSize: 64, epochs: 1, batchSize: 64, learningRate: 0.001, recipe: 'corrected', seed: 0 };
const w = (id: number, message: FromWorker): Message => ({ type: 'worker', run: id, message });

/** A finished run over `classes` with `confusion` (one epoch, two examples). */
function finished(confusion: number[][], classes: string[]): State {
  const evaluation: DemoEvaluation = {
    classes,
    confusion,
    classAccuracy: confusion.map((row, i) => (row.reduce((a, b) => a + b, 0) ? row[i] / row.reduce((a, b) => a + b, 0) : null)),
    examples: [{ width: 1, height: 1, data: new Uint8ClampedArray(4), label: 7, ranked: [{ label: 8, p: 0.7 }] }],
  };
  let s = update(initialState, { type: 'start', chosen: { config: { ...CONFIG, classes: classes.length }, backend: null, kernels: 'fast' }, assetsUrl: 'http://x/' }).state;
  const metrics = { epoch: 1, trainLoss: 1, trainLossLastBatch: 1, trainAccuracy: 0.5, valLoss: 1, valLossLastBatch: 1, valAccuracy: 0.6, seconds: 1, tensors: 1 };
  for (const m of [
    w(1, { type: 'batch', progress: { epoch: 1, batch: 1, batches: 1, loss: 1, meanLoss: 1, accuracy: 0.5, msPerBatch: 10 }, tensors: 1, bytes: 1 }),
    w(1, { type: 'epoch', metrics }),
    w(1, { type: 'done', stopped: false, evaluation }),
  ])
    s = update(s, m).state;
  return s;
}

describe('results at 101 classes', () => {
  it('replace the 101 × 101 table by a summary, the most confused pairs and the weakest and best classes', () => {
    const r = viewOf(finished(confusion101(), CLASSES)).results!;
    expect(r.head).toEqual([]);
    expect(r.rows).toEqual([]);
    const large = r.large!;
    expect(large.summary).toBe('Von 1.000 Validierungsbildern hat das Modell 992 richtig erkannt (99,2\u00a0%); über die 100 Klassen gemittelt sind es 99,2\u00a0% pro Klasse.');
    expect(large.pairs.items).toEqual(['Faces → Faces_easy: 4 von 10 Bildern', 'Airplanes → klasse061: 2 von 10 Bildern', 'klasse050 → klasse051: 2 von 10 Bildern']);
    expect(large.worst.heading).toBe('Die 3 schwächsten Klassen'); // only these are below 100 %
    expect(large.worst.items).toEqual(['Faces: 60,0\u00a0% (6 von 10)', 'Airplanes: 80,0\u00a0% (8 von 10)', 'klasse050: 80,0\u00a0% (8 von 10)']);
    expect(large.best.items.slice(0, 2)).toEqual(['Faces_easy: 100,0\u00a0% (10 von 10)', 'klasse000: 100,0\u00a0% (10 von 10)']);
    expect(r.knownClasses).toMatch(/^Das Modell kennt nur die 101 Klassen, auf denen es trainiert wurde/);
  });

  it('never lists a class under both the weakest and the best (a tiny run: nearly all at 0 %)', () => {
    // 101 classes, 2 images each; only Faces (index 7, 100 %) and klasse042 (50 %) get any right.
    const m: number[][] = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (j === (i + 1) % K ? 2 : 0)));
    m[7] = m[7].map((_, j) => (j === 7 ? 2 : 0));
    m[42] = m[42].map((_, j) => (j === 42 || j === 43 ? 1 : 0));
    const large = largeResultsOf(m, CLASSES);
    expect(large.worst.items).toHaveLength(5);
    expect(large.best.heading).toBe('Die 2 besten Klassen');
    expect(large.best.items).toEqual(['Faces: 100,0\u00a0% (2 von 2)', 'klasse042: 50,0\u00a0% (1 von 2)']);
    const names = (items: string[]) => items.map((s) => s.split(':')[0]);
    expect(names(large.best.items).filter((c) => names(large.worst.items).includes(c))).toEqual([]);
    // Nothing better than the weakest: one line instead of a repeat.
    const none = largeResultsOf(Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (j === (i + 1) % K ? 2 : 0))), CLASSES);
    expect(none.worst.items).toHaveLength(5);
    expect(none.best).toEqual({ heading: 'Die besten Klassen', items: ['Keine Klasse ist besser als die schwächsten – alle Klassen: 0,0\u00a0%.'] });
    expect(bestClasses([{ index: 0, accuracy: 0.5, images: 2 }], 5)).toEqual({ worst: [{ index: 0, accuracy: 0.5, images: 2 }], best: [], othersAt: null });
  });

  it('list every class with images, worst first, folded, and name the matrix picture', () => {
    const large = viewOf(finished(confusion101(), CLASSES)).results!.large!;
    expect(large.all.summary).toBe('Genauigkeit aller 100 Klassen (von der schwächsten zur besten)');
    expect(large.all.rows).toHaveLength(100);
    expect(large.all.rows[0]).toEqual(['Faces', '10', '6', '60,0\u00a0%']);
    expect(large.all.rows.some(([name]) => name === 'klasse090')).toBe(false);
    expect(large.matrix).toMatchObject({ classes: 101, label: 'Konfusionsmatrix mit 101 × 101 Feldern, Zeilen: richtige Klasse, Spalten: vorhergesagte Klasse', start: { row: 7, col: 8 } });
    expect(large.matrix.zooms.map((z) => z.label)).toEqual(['ganze Matrix', '2-fach', '4-fach', '8-fach']);
  });

  it('keep the table up to ten classes and switch above', () => {
    const ten = Array.from({ length: TABLE_MAX_CLASSES }, (_, i) => Array.from({ length: TABLE_MAX_CLASSES }, (_, j) => Number(i === j)));
    const r10 = viewOf(finished(ten, CLASSES.slice(0, 10))).results!;
    expect(r10.large).toBeNull();
    expect(r10.rows).toHaveLength(10);
    expect(r10.head).toHaveLength(12);
    const eleven = Array.from({ length: 11 }, (_, i) => Array.from({ length: 11 }, (_, j) => Number(i === j)));
    const r11 = viewOf(finished(eleven, CLASSES.slice(0, 11))).results!;
    expect(r11.large).not.toBeNull();
    expect(r11.large!.pairs.items).toEqual(['Keine Verwechslung: Jedes Validierungsbild wurde richtig erkannt.']);
  });
});

describe('matrix cells', () => {
  it('are read out in words: right on the diagonal, a confusion off it, a class without images', () => {
    const m = confusion101();
    expect(cellText(m, CLASSES, { row: 7, col: 8 })).toBe('Richtig Faces, vorhergesagt Faces_easy: 4 von 10 Bildern (40,0\u00a0%).');
    expect(cellText(m, CLASSES, { row: 7, col: 7 })).toBe('Faces richtig erkannt: 6 von 10 Bildern (60,0\u00a0%).');
    expect(cellText(m, CLASSES, { row: 90, col: 3 })).toBe('klasse090 hat keine Validierungsbilder.');
  });

  it('move with arrows, ten rows with Page Up/Down, to the row’s ends with Home/End, never off the matrix', () => {
    expect(moveCell({ row: 5, col: 5 }, 'ArrowRight', K)).toEqual({ row: 5, col: 6 });
    expect(moveCell({ row: 5, col: 5 }, 'ArrowUp', K)).toEqual({ row: 4, col: 5 });
    expect(moveCell({ row: 5, col: 5 }, 'PageDown', K)).toEqual({ row: 15, col: 5 });
    expect(moveCell({ row: 5, col: 5 }, 'PageUp', K)).toEqual({ row: 0, col: 5 });
    expect(moveCell({ row: 5, col: 5 }, 'End', K)).toEqual({ row: 5, col: 100 });
    expect(moveCell({ row: 100, col: 0 }, 'ArrowDown', K)).toEqual({ row: 100, col: 0 });
    expect(moveCell({ row: 0, col: 0 }, 'ArrowLeft', K)).toEqual({ row: 0, col: 0 });
    expect(moveCell({ row: 0, col: 0 }, 'a', K)).toBeNull();
  });

  it('are coloured blue when right, red when confused, stronger with their share of the row, clear when empty', () => {
    expect(cellColor(10, 10, true)).toEqual([31, 111, 180, 255]);
    expect(cellColor(1, 4, false)).toEqual([214, 64, 45, 128]);
    expect(cellColor(0, 4, false)[3]).toBe(0);
    expect(cellColor(3, 0, false)[3]).toBe(0);
  });
});

describe('the drawn matrix', () => {
  it('starts on the most confused cell and reads out the cell the keyboard moves to', () => {
    const { document, window } = parseHTML('<!doctype html><html><body><div class="confusion"></div></body></html>');
    const el = document.querySelector('.confusion') as unknown as HTMLElement;
    const m = confusion101();
    drawLargeResults(el, largeResultsOf(m, CLASSES), m, CLASSES);
    const readout = el.querySelector('.matrix-readout')!;
    expect(readout.textContent).toBe('Richtig Faces, vorhergesagt Faces_easy: 4 von 10 Bildern (40,0\u00a0%).');
    expect([...el.querySelectorAll('.confused-pairs li')].map((li) => li.textContent)).toHaveLength(3);
    expect(el.querySelectorAll('.all-classes tbody tr')).toHaveLength(100);
    // Every class: narrow headers, in its own scroll box with the visible hint (never the page scrolling).
    const allBox = el.querySelector('.all-classes .all-classes-scroll')!;
    expect([allBox.getAttribute('role'), allBox.getAttribute('tabindex'), allBox.querySelectorAll('table').length]).toEqual(['region', '0', 1]);
    expect(allBox.previousElementSibling?.className).toBe('scroll-hint');
    expect(allBox.previousElementSibling?.textContent).toMatch(/^↔ Breiter als der Bildschirm/);
    expect([...el.querySelectorAll('.all-classes thead th')].map((th) => th.textContent)).toEqual(['Klasse', 'Bilder', 'richtig', 'Genauigkeit']);
    const region = el.querySelector('.matrix-scroll')!;
    expect(region.getAttribute('role')).toBe('region');
    expect(region.getAttribute('tabindex')).toBe('0');
    const key = (k: string) => {
      const event = new window.Event('keydown', { cancelable: true }) as Event & { key: string };
      event.key = k;
      region.dispatchEvent(event);
      return event;
    };
    expect(key('ArrowLeft').defaultPrevented).toBe(true);
    expect(readout.textContent).toBe('Faces richtig erkannt: 6 von 10 Bildern (60,0\u00a0%).');
    key('ArrowLeft');
    key('PageDown');
    expect(readout.textContent).toBe('Richtig klasse017, vorhergesagt klasse006: 0 von 10 Bildern (0,0\u00a0%).');
    expect(key('Tab').defaultPrevented).toBe(false);
    const cursor = el.querySelector('.matrix-cursor') as unknown as HTMLElement;
    expect(cursor.style.left).toBe(`${(100 * 6) / 101}%`);
    expect(cursor.style.top).toBe(`${(100 * 17) / 101}%`);

    // A tap (pointerdown, touch included) or a click selects the cell under it and reads it out.
    const canvas = el.querySelector('.matrix canvas') as unknown as HTMLCanvasElement;
    canvas.getBoundingClientRect = () => ({ left: 10, top: 20, width: 202, height: 202 }) as DOMRect;
    const tap = (type: string, x: number, y: number) => canvas.dispatchEvent(Object.assign(new window.Event(type), { clientX: x, clientY: y, pointerType: 'touch' }));
    tap('pointerdown', 10 + 2 * 3 + 1, 20 + 2 * 1 + 1); // column 3, row 1
    expect(readout.textContent).toBe(cellText(m, CLASSES, { row: 1, col: 3 }));
    expect(cursor.style.left).toBe(`${(100 * 3) / 101}%`);
    tap('click', 10 + 201, 20 + 1);
    expect(readout.textContent).toBe(cellText(m, CLASSES, { row: 0, col: 100 }));
    expect(el.querySelector('.matrix-help')!.textContent).toContain('Tippen oder mit der Maus zeigen');
    expect(el.querySelector('.matrix > p:not([class])')!.textContent).toMatch(/^Zeilen \(von oben nach unten\): die richtige Klasse; Spalten \(von links nach rechts\): die vorhergesagte Klasse – beide in der Reihenfolge des Datensatzes/);
  });

  it('finds the cell under a point, clamped to the matrix', () => {
    expect(cellAt(0, 0, 101, 101, 101)).toEqual({ row: 0, col: 0 });
    expect(cellAt(50.5, 100.9, 101, 101, 101)).toEqual({ row: 100, col: 50 });
    expect(cellAt(-5, 500, 101, 101, 101)).toEqual({ row: 100, col: 0 });
    expect(cellAt(10, 10, 0, 0, 101)).toBeNull();
  });
});
