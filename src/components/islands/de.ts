import type { StaleCode } from '../../lib/runs/freshness';
import { TRAINING } from './de-training';
import { LOADER } from './model-loader-de';
import { DATA } from './de-data';
import { formatNumber } from '../../lib/format';

/** `formatNumber` with a true minus sign (U+2212) instead of Intl's hyphen-minus, for captions a reader sees. */
export const signed = (value: number, digits = 0) => formatNumber(value, digits).replace(/^-/, '\u2212');

/** German UI strings of the islands and build-time components, in one place (like Starlight's translations/de.json). */
export const de = {
  /** RunCurves: a committed run record that no longer matches the code or data (keyed by StaleReason code). */
  staleRecord: {
    intro: 'Achtung: Diese Kurven stammen von einer älteren Version des Codes oder der Daten',
    reasons: {
      'code-changed': 'der Trainingscode hat sich seitdem geändert',
      'data-changed': 'die Daten haben sich seitdem geändert',
      'record-edited': 'das Protokoll wurde nach dem Lauf bearbeitet',
    } satisfies Record<StaleCode, string>,
  },
  /** RunCurves / RunNumber: how a band of runs is named on the page. */
  runBands: {
    engine: { ours: 'Dieses Projekt (TensorFlow.js, WebGPU)', pytorch: 'PyTorch' } as Record<string, string>,
    recipe: { original: 'Originalrezept', corrected: 'korrigiertes Rezept' } as Record<string, string>,
    precision: { fp32: 'fp32', tf32: 'TF32 erlaubt (cuDNN-Voreinstellung)' } as Record<string, string>,
    split: { chapters: 'Aufteilung der Kapitel', project: 'projekteigene Aufteilung', 'per-seed': 'eigene Aufteilung je Seed' } as Record<string, string>,
    /** A lesson names the PyTorch bands by what ran, not by engine, precision and split (the appendix does). */
    lesson: {
      reference: 'Referenzläufe des Originalcodes',
      chapters: 'Das Programm dieses Tutorials',
    },
    seeds: (seeds: number[]) => (seeds.length === 1 ? `Seed ${seeds[0]}` : `Seeds ${seeds.join(', ')}`),
    legacy: 'vor der GPU-Pipeline, ohne Herkunftsangaben',
    stale: 'passt nicht mehr zum heutigen Code oder Datensatz',
    /** Which runs shared their machine with other work: their seconds are no guide to a run alone. */
    concurrent: (seeds: number[], all: number) =>
      seeds.length === all
        ? 'Sekunden nicht vergleichbar (lief neben anderen Läufen)'
        : `Sekunden von ${seeds.length === 1 ? 'Seed' : 'Seeds'} ${seeds.join(' und ')} nicht vergleichbar (${seeds.length === 1 ? 'lief' : 'liefen'} neben anderen Läufen)`,
    shape: (size: string, classes: string, epochs: string) => `${size} × ${size} Pixel, ${classes} Klassen, ${epochs} Epochen`,
    missing: (what: string, seeds: number[]) => `${what}: ${seeds.length === 3 ? 'noch kein Lauf' : `es fehlen Seed ${seeds.join(', ')}`}`,
  },
  /** PageTitle: the link to the whole program as one notebook, under every page title. */
  notebook: {
    link: 'Als Jupyter-Notebook herunterladen',
    note: 'das ganze Programm aller Kapitel in einer Datei',
  },
  loading: 'Lädt …',
  /** Over a box that is wider than a phone's screen. */
  scrollHint: '↔ Breiter als der Bildschirm: seitlich wischen oder Pfeiltasten',
  /** lazy-demo.ts: a demo's code did not load. */
  demoStartFailed: (message: string) => `Die Demo konnte nicht starten: ${message}. Lade die Seite neu und versuche es noch einmal.`,
  processing: 'Bild wird verarbeitet …',
  computing: 'Die Kette rechnet …',
  done: (ms: number) => `Fertig (${formatNumber(ms)} ms).`,
  stepNotes: { flipped: 'gespiegelt', notFlipped: 'nicht gespiegelt', skipped: 'übersprungen', off: 'ausgeschaltet' },
  /** The transforms playground: captions, the chosen picture, a worker that crashed or hung. */
  playground: {
    input: 'Eingabe',
    sample: (label: string) => `Caltech 101: ${label}`,
    size: (w: number, h: number) => `${formatNumber(w)} × ${formatNumber(h)}`,
    pixels: (name: string, size: string, note: string) => `${name}: ${size} Pixel, ${note}`,
    ownOption: (name: string) => `Eigenes Bild: ${name}`,
    crashed: 'Die Rechnung im Hintergrund ist abgestürzt (vielleicht war das Bild zu groß für den Speicher). Wähle ein Beispielbild oder ein anderes Foto, dann startet sie neu.',
    timeout: (s: number) => `Die Rechnung im Hintergrund hat nach ${formatNumber(s)} Sekunden nicht geantwortet und wurde abgebrochen. Wähle ein Beispielbild oder ein anderes Foto, dann startet sie neu.`,
  },
  upload: {
    empty: 'Die Datei ist leer. Bitte wähle ein Bild (PNG, JPEG, GIF, WebP oder BMP).',
    'not-an-image': 'Diese Datei ist kein Bild, das hier gelesen werden kann. Unterstützt werden PNG, JPEG, GIF, WebP und BMP.',
    'too-large': (w: number, h: number) =>
      `Das Bild ist mit ${formatNumber(w)} × ${formatNumber(h)} Pixeln zu groß (höchstens 40 Megapixel). Verkleinere es bitte vorher.`,
    'decode-failed': 'Das Bild lässt sich nicht dekodieren – vielleicht ist die Datei beschädigt oder abgeschnitten.',
    truncated: 'Hinweis: Die JPEG-Datei scheint abgeschnitten zu sein (es fehlt die Endmarke). Gezeigt wird, was der Browser daraus lesen konnte.',
    cmyk: 'Hinweis: Das Bild ist im CMYK-Farbraum gespeichert; der Browser hat es nach RGB umgerechnet (Pillow rechnet CMYK etwas anders um, die Farben können leicht abweichen).',
    sixteen: 'Hinweis: Das Bild hat 16 Bit pro Kanal; verarbeitet werden – wie bei Pillow nach convert("RGB") – 8 Bit pro Kanal.',
    alpha: 'Hinweis: Das Bild hat transparente Pixel; der Alphakanal wurde verworfen, wie es convert("RGB") tut.',
    grey: 'Hinweis: Graustufenbild – es wird wie im Tutorial in drei gleiche Farbkanäle umgewandelt.',
    exif: (o: number) =>
      `Hinweis: Das Foto enthält eine EXIF-Angabe zur Ausrichtung (${o}), nach der Bildbetrachter es ${o >= 5 ? 'drehen' : 'spiegeln oder drehen'}. Pillow (Image.open) und damit torchvision ignorieren sie – deshalb zeigen wir die Pixel so, wie sie gespeichert sind, hier also vielleicht gedreht oder gespiegelt.`,
    kept: 'Das vorige Bild bleibt stehen.',
    own: (name: string, w: number, h: number) => `Eigenes Bild „${name}“ (${formatNumber(w)} × ${formatNumber(h)} Pixel) – es verlässt deinen Browser nicht.`,
  },
  failed: (what: string) => `Das hat nicht geklappt: ${what}. Lade die Seite neu und versuche es noch einmal.`,
  hist: {
    before: 'Werteverteilung nach ToTensor (0 bis 1)',
    after: 'Werteverteilung nach Normalize (−1 bis 1)',
    means: (m: number[]) => `Mittelwerte R, G, B: ${m.map((v) => signed(v, 3)).join(' · ')}`,
  },
  blackFill: (pct: number) => `Schwarze Füllung im Ergebnis: ${formatNumber(pct, 1)} % der Pixel`,
  /** The model summary (model chapter): the recomputed table's texts. */
  summary: {
    memory: (mib: string) => `${mib} MiB Gewichte (float32)`, // torchsummary prints "MB" but divides by 1024²
    size: (s: number) => `${s} × ${s}`,
    status: (s: number, total: string, share: string) => `Neu berechnet für ${s} × ${s}: ${total} Parameter, davon ${share} in Linear-5.`,
  },
  /** The convolution figure (CNN chapter). */
  convolution: {
    kernels: { edgeVertical: 'senkrechte Kanten', edgeHorizontal: 'waagrechte Kanten', blur: 'weichzeichnen', sharpen: 'schärfen' },
    input: (label: string, side: number) => `Eingabe: ${label} in Graustufen, ${side} × ${side} Pixel`,
    output: (w: number, h: number, n: number, p: number, s: number, size: number, lo: string, hi: string) =>
      `Ausgabe: ${w} × ${h} Werte, denn ⌊(${n} + 2 · ${p} − 3) / ${s}⌋ + 1 = ${size}. Von schwarz (${lo}) bis weiß (${hi}).`,
    failed: (message: string) => `Das Bild ließ sich nicht laden: ${message}. Lade die Seite neu.`,
  },
  preview: {
    loading: (a: number, b: number) => `Lade Bilder (${a} von ${b}) …`,
    ready: (n: number) => `${n} Trainingsbilder gezogen und augmentiert.`,
    gridLabel: 'Raster aus 64 augmentierten Trainingsbildern, 8 pro Zeile',
  },
  training: TRAINING,
  /** The model loader (ModelLoader.astro). */
  loader: LOADER,
  /** The German file control (FilePick.astro) instead of the browser's "Choose File" / "No file chosen". */
  filePick: { image: 'Bild wählen …', file: 'Datei wählen …', none: 'keine Datei gewählt' },
  data: DATA,
};
