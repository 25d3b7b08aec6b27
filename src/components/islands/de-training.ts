/**
 * The training demo's German strings: part of the islands' dictionary (`de.training` in de.ts),
 * kept in its own file because it is long. Numbers arrive already formatted (format.ts).
 */
const epochs = (n: number) => (n === 1 ? '1 Epoche' : `${n} Epochen`);
/** "von 1 Bild" / "von 12 Bildern" (n already formatted). */
const ofImages = (n: string) => `von ${n} ${n === '1' ? 'Bild' : 'Bildern'}`;

/** English messages of the engine (src/lib, TensorFlow.js) a reader can meet, in German; the rest is marked as untranslated. */
const ENGINE_MESSAGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/training diverged/, () => 'Der Verlust ist nicht mehr endlich, das Training ist divergiert; eine kleinere Lernrate hilft meist'],
  [/HTTP (\d+)/, (m) => `Eine Bilddatei ließ sich nicht laden (HTTP-Status ${m[1]})`],
  [/no demo image set for (\d+)/, (m) => `Für ${m[1]} × ${m[1]} fehlen die Bilder auf dem Server`],
  [/no own image classified yet/, () => 'Es ist noch kein eigenes Bild klassifiziert'],
  [/no example image number (\d+)/, (m) => `Es gibt kein Beispielbild Nummer ${m[1]}`],
  [/Failed to fetch|NetworkError/, () => 'Die Verbindung zum Server ist abgebrochen'],
];

/** An engine error message as the reader reads it: German where known, else quoted and marked as the program's own English. */
export function engineMessage(message: string): string {
  for (const [pattern, german] of ENGINE_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return german(m);
  }
  return `Meldung des Programms (unübersetzt): „${message}“`;
}

/** The training demo's strings (de.training). */
export const TRAINING = {
  epochs,
  /** An input size in the form, with its download and, where the set holds fewer, its images per class. */
  sizeOption: (size: number, mb: string, perClass: number | null) =>
    `${size} × ${size} (${mb} MB Bilder${perClass === null ? '' : `; höchstens ${perClass} Trainingsbilder pro Klasse`})`,
  form: {
    title: 'Live-Demo: SimpleCNN in deinem Browser trainieren',
    intro: (classes: string[]) =>
      `Trainiert wird dieselbe Architektur mit derselben Schleife wie im Text, aber kleiner: mit kleineren Eingabebildern (vorgewählt 32 × 32 statt 224 × 224) und vorgewählt auf wenigen Klassen einer Teilmenge von Caltech 101 (2 bis ${classes.length} aus ${classes.join(', ')}; vorgewählt sind 5) – oder mit „Alle 101 Klassen“ auf dem ganzen Datensatz. Gerechnet wird, wenn möglich, per WebGPU auf deiner Grafikkarte (sonst mit WebGL oder auf der CPU) in einem Hintergrund-Worker; die Seite bleibt dabei bedienbar.`,
    classes: 'Klassen',
    perClass: 'Trainingsbilder pro Klasse',
    /** The per-class field follows a size whose set holds fewer images. */
    perClassLimited: (size: number, n: number) => `Bei ${size} × ${size} gibt es höchstens ${n} Trainingsbilder pro Klasse; größere Anzahlen sind abgeschaltet.`,
    size: 'Eingabegröße',
    epochs: 'Epochen',
    batch: 'Batchgröße',
    lr: 'Lernrate',
    recipe: 'Rezept',
    corrected: 'korrigiert (Validierung ohne Zufall)',
    original: 'wie das Original',
    progress: 'Fortschritt des Trainings',
  },
  config: {
    /** A URL parameter (or form value) the demo cannot run, with what it allows. */
    invalid: (param: string, value: string, allowed: string) => `${param}=${value} (erlaubt: ${allowed})`,
  },
  button: { remeasure: 'Neu messen', start: 'Training starten', pause: 'Pause', resume: 'Fortsetzen', stop: 'Stopp', reset: 'Zurücksetzen', csv: 'Verlauf als CSV herunterladen', model: 'Modell herunterladen (.npz)' },
  backendNames: { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU (JavaScript)' } as Record<string, string>,
  status: {
    reset: 'Zurückgesetzt. Du kannst die Einstellungen ändern und neu starten.',
    library: 'Lade TensorFlow.js im Hintergrund …',
    backend: 'Wähle das Backend …',
    measuring: (name: string, step: number) =>
      `Keine echte Grafikkarte gefunden: Messe einen Trainingsschritt mit ${name} (Messung ${step} von 2, WebGPU und WebGL), um das schnellere zu nehmen; das Ergebnis wird für dieses Gerät gespeichert …`,
    imagesBeside: (loaded: string, total: string) => ` Nebenher geladen: ${loaded} von ${total} Bilddateien.`,
    images: (loaded?: string, total?: string) => (loaded && total ? `Lade die Bilder (${loaded} von ${total}) …` : 'Lade die Bilder …'),
    building: (train: string, val: string) => `${train} Trainings- und ${val} Validierungsbilder geladen; baue SimpleCNN …`,
    firstBatches: (batch: number, batches: number) =>
      `SimpleCNN ist gebaut. Rechne Batch ${batch} von ${batches} der ersten Epoche; Verlust und Tempo erscheinen, sobald der nächste Batch angelaufen ist …`,
    firstBatchesCpu: (batch: number, batches: number, lastSeconds: string | null) =>
      `SimpleCNN ist gebaut. Rechne Batch ${batch} von ${batches} der ersten Epoche auf dem Prozessor${lastSeconds ? ` (Batch ${batch - 1} hat ${lastSeconds} s gedauert)` : ': Das ist langsam – je nach Bildgröße und Klassenzahl dauert ein Batch Sekunden bis über eine halbe Minute'}; Verlust und Tempo erscheinen erst nach dem zweiten …`,
    /** Beside the status (not read out): how long the batch now computed has taken so far. */
    elapsed: (seconds: string) => `seit ${seconds} s`,
    training: (epoch: number, of: number) => `Training läuft: Epoche ${epoch} von ${of}.`,
    validating: (epoch: number) => `Validierung nach Epoche ${epoch} läuft …`,
    evaluating: 'Werte das Modell auf den Validierungsbildern aus …',
    pausing: 'Pausiere nach dem laufenden Batch …',
    paused: (batch: number, batches: number, epoch: number) => `Pausiert nach Batch ${batch} von ${batches} in Epoche ${epoch}. Mit „Fortsetzen“ geht es weiter.`,
    pausedValidating: (epoch: number) => `Pausiere: Die Validierung von Epoche ${epoch} läuft noch zu Ende, dann hält das Training an. Mit „Fortsetzen“ geht es weiter.`,
    pausedLoading: 'Pausiere: Die Vorbereitung läuft zu Ende, das Training beginnt erst nach „Fortsetzen“.',
    pausedFirst: 'Pausiert vor dem ersten Batch. Mit „Fortsetzen“ geht es weiter.',
    stopping: 'Stoppe: Die schon gestarteten Batches (höchstens zwei) rechnen noch zu Ende, danach beginnt keiner mehr …',
    finished: (n: number) => `Training fertig nach ${epochs(n)}. Du kannst die Einstellungen ändern und neu starten.`,
    stopped: (n: number, epoch: number, batch: number, batches: number) =>
      `Gestoppt in Epoche ${epoch} nach Batch ${batch} von ${batches}; ${n === 0 ? 'keine Epoche ist' : n === 1 ? '1 Epoche ist' : `${n} Epochen sind`} ganz fertig. Du kannst die Einstellungen ändern und neu starten.`,
    stoppedEarly: 'Gestoppt, bevor der erste Batch fertig war. Du kannst die Einstellungen ändern und neu starten.',
    /** The demo paused itself on WebGL or CPU to say how long the whole run would take (`batch`: the batch that was timed). */
    askFirst: (backend: string, minutes: string, batch: number) =>
      `Auf diesem Backend (${backend}) dauert der ganze Lauf etwa ${minutes} Minuten (gemessen ${batch === 1 ? 'am ersten Batch' : `an Batch ${batch}, denn Batch 1 richtet das Backend erst ein`}; ohne die Validierung). Fortsetzen oder Stoppen?`,
  },
  news: (epoch: number, of: number, loss: string, acc: string) => `Epoche ${epoch} von ${of} fertig: Validierungsverlust ${loss}, Validierungsgenauigkeit ${acc}.`,
  progress: {
    batch: (epoch: number, of: number, batch: number, batches: number) => `Epoche ${epoch}/${of} · Batch ${batch}/${batches}`,
    validating: (epoch: number, of: number) => `Epoche ${epoch}/${of} · Validierung`,
    stoppedAt: (where: string) => `gestoppt bei ${where}`,
    rate: (rate: string, left: string) => `${rate} Batches/s · noch ${left}`,
    noRate: '– Batches/s',
    loss: (loss: string, mean: string, acc: string) => `Verlust ${loss} (Mittel ${mean}) · Genauigkeit ${acc}`,
    stats: (ms: string, perSecond: string, tensors: string, mib: string) => `${ms} ms pro Batch · ${perSecond} Bilder/s · ${tensors} Tensoren im Speicher · ${mib} MiB Tensordaten`,
  },
  data: {
    fewer: (size: number, have: string, wanted: number, train: string, val: string) =>
      `Bei ${size} × ${size} gibt es nur ${have} statt ${wanted} Trainingsbilder pro Klasse; trainiert wird mit ${train} Trainings- und ${val} Validierungsbildern.`,
  },
  backend: {
    via: (name: string) => `Das Training läuft mit ${name} statt mit WebGPU.`,
    cpu: 'Auf dem Prozessor ist das Training deutlich langsamer als auf einer Grafikkarte.',
    forced: (name: string) => `Das Backend ${name} ist per URL-Parameter demo-backend festgelegt.`,
    'no-webgpu': 'Dieser Browser bietet kein WebGPU an.',
    'no-adapter': 'WebGPU ist vorhanden, aber es gibt keinen nutzbaren Grafikadapter (oft: WebGPU ist abgeschaltet).',
    failed: (name: string, message: string) => `Das Backend ${name} ließ sich nicht starten (${message}).`,
    software: (measured: string, name: string) =>
      `WebGPU läuft hier ohne Grafikkarte, in Software. Gemessen pro Trainingsschritt: ${measured}; genommen wird das schnellere ${name}.`,
    ms: (name: string, ms: string) => `${name} ${ms} ms`,
    remembered: (name: string, measured: string) =>
      `WebGPU läuft hier ohne Grafikkarte, in Software. Genommen wird ${name}, wie bei einem früheren Start auf diesem Gerät gemessen (pro Trainingsschritt: ${measured}); „Neu messen“ misst beim nächsten Start noch einmal.`,
    rememberedHere: (name: string, measured: string) => `Für dieses Gerät und diesen Browser gespeichert: ${name} (gemessen pro Trainingsschritt: ${measured}).`,
    kernels: { fast: ' mit den eigenen Kernels dieses Tutorials', stock: ' mit den Standard-Kernels von TensorFlow.js' } as Record<string, string>,
    chosen: (name: string, kernels: string) => `Backend: ${name}${kernels}`,
  },
  error: {
    'device-lost': 'Die Grafikkarte ist nicht mehr erreichbar (GPU-Gerät verloren). Mit „Zurücksetzen“ oder „Training starten“ beginnst du neu.',
    'out-of-memory': 'Der Grafikspeicher reicht für diese Einstellung nicht. Wähle eine kleinere Eingabegröße oder Batchgröße und starte neu.',
    other: (message: string) => `Das Training ist abgebrochen: ${message}. Mit „Zurücksetzen“ oder „Training starten“ beginnst du neu.`,
    config: (message: string) => `Ungültige Einstellung: ${message}`,
    load: (message: string) => `Die Demo konnte nicht laden: ${message}`,
    worker: 'Der Hintergrund-Worker ist abgestürzt',
  },
  table: {
    caption: 'Messwerte pro Epoche',
    epochs: ['Epoche', 'Verlust (Mittel)', 'Verlust letzter Batch', 'Genauigkeit', 'Val.-Verlust', 'Val.-Genauigkeit', 'Sekunden', 'Tensoren im Speicher'],
  },
  charts: {
    label: (metric: 'loss' | 'accuracy') => `${metric === 'loss' ? 'Verlust' : 'Genauigkeit'} pro Epoche für Training und Validierung`,
    caption: (label: string) => `${label} (blau: Training, laufender Mittelwert nach jedem Batch; rot: Validierung nach jeder Epoche)`,
    /** Axis labels of the live charts (src/lib/plot/curves.ts takes them from here). */
    axes: (metric: 'loss' | 'accuracy') => ({ x: 'Epoche', y: metric === 'loss' ? 'Verlust (Mittel über die Epoche)' : 'Genauigkeit' }),
  },
  results: {
    heading: 'Auswertung auf den Validierungsbildern',
    examples: 'Beispielvorhersagen',
    ownLabel: 'Eigenes Bild klassifizieren (bleibt in deinem Browser)',
    confusionCaption: 'Konfusionsmatrix (Zeilen: richtige Klasse, Spalten: Vorhersage) und Genauigkeit pro Klasse',
    corner: 'richtig ↓ / vorhergesagt →',
    accuracy: 'Genauigkeit',
    none: '–',
    exampleLabel: (cls: string) => `Validierungsbild der Klasse ${cls}`,
    right: '✓ richtig erkannt',
    wrong: '✗ falsch erkannt',
    example: (verdict: string, cls: string, ranked: string) => `${verdict} – Klasse: ${cls}. Vorhersage: ${ranked}`,
    ranked: (cls: string, p: string) => `${cls} ${p}`,
    knownClasses: (list: string) =>
      `Das Modell kennt nur die Klassen, auf denen es trainiert wurde: ${list}. Jedes Bild – auch eines, das keine davon zeigt – ordnet es einer dieser Klassen zu; die Prozente verteilen sich nur auf sie.`,
    own: (name: string, ranked: string) => `Vorhersage für „${name}“: ${ranked}`,
    ownPending: (name: string) => `„${name}“ wird klassifiziert …`,
    ownFailed: (name: string, message: string) => `Die Vorhersage für „${name}“ ist fehlgeschlagen: ${message}`,
    ownRejected: (name: string, reason: string) => `„${name}“: ${reason}`,
    /** The own image's thumbnail (its accessible name). */
    ownSeen: (name: string, size: number) => `„${name}“, wie das Modell es sah (${size} × ${size} Pixel)`,
  },
  inspect: {
    heading: 'Ins Modell sehen',
    intro:
      'Wähle ein Validierungsbild oder dein eigenes Bild und sieh, was dein trainiertes Modell darin sieht: die Filter von conv1 (für jedes Bild dieselben), die Merkmalskarten von conv1 und conv2 für dieses Bild und die Saliency-Karte, also wie stark das Logit der vorhergesagten Klasse auf jedes Pixel reagiert.',
    choose: 'Bild',
    example: (n: number, cls: string) => `Validierungsbild ${n}: ${cls}`,
    own: 'Dein eigenes Bild (erst klassifizieren)',
    ownReady: 'Dein eigenes Bild',
    ownName: 'dein eigenes Bild',
    button: 'Ins Modell sehen',
    pending: (name: string) => `Rechne Filter, Merkmalskarten und Saliency-Karte für ${name} …`,
    ready: (name: string, cls: string, p: string, conv1: number, conv2: number) =>
      `Blick ins Modell für ${name}: vorhergesagt ${cls} (${p}). Angezeigt werden ${conv1} Filter von conv1, ${conv1} Merkmalskarten von conv1, ${conv2} von conv2 und die Saliency-Karte.`,
    failed: (message: string) => `Der Blick ins Modell ist fehlgeschlagen: ${message}`,
    input: (size: number) => `Das Eingabebild, wie das Modell es sieht (${size} × ${size} Pixel)`,
    saliency: (cls: string) => `Saliency-Karte für ${cls}: Je heller ein Pixel, desto stärker ändert es das Logit dieser Klasse.`,
    filters: (n: number, size: number) => `Die ${n} Filter von conv1, je ${size} × ${size} Gewichte in Rot, Grün und Blau (eine gemeinsame Skala: Grau ist das Gewicht 0)`,
    maps: (layer: string, n: number, size: number) => `Die ${n} Merkmalskarten von ${layer} für dieses Bild, je ${size} × ${size} (hell: starke Antwort; jede Karte für sich skaliert)`,
  },
  memory: {
    full: 'Achtung: Das Originalmodell bei 224 × 224 hat 102,8 Millionen Parameter. Gewichte, Gradienten und die beiden Adam-Momente allein brauchen rund 1,6 GB Grafikspeicher, dazu kommen die Zwischenergebnisse jedes Batches (bei 64 Bildern zusammen etwa 3 GB, siehe Kapitel „Das Modell SimpleCNN“); auf schwächeren Geräten kann der Browser das Training abbrechen.',
    large: (size: number, millions: string) => `Hinweis: Bei ${size} × ${size} hat das Modell ${millions} Millionen Gewichte allein in fc1; das Training braucht spürbar mehr Speicher und Zeit.`,
    limit: (mib: string, sizes: string) => `Deine Grafikkarte erlaubt Puffer bis ${mib} MiB; ${sizes} braucht mehr und ist abgeschaltet.`,
    /** Before a WebGPU start (lib/webgpu/memory-check.ts): fc1's weights do not fit one buffer. */
    fc1Refused: (size: number, mb: string, limitMb: string) =>
      `Bei ${size} × ${size} braucht fc1 allein ${mb} MB in einem Puffer, deine Grafikkarte erlaubt höchstens ${limitMb} MB. Wähle eine kleinere Eingabegröße; das Training wurde nicht gestartet.`,
    /** Before a WebGPU start: the images do not fit the buffers the training binds. */
    imagesRefused: (size: number, mb: string, limitMb: string) =>
      `Die Bilder für ${size} × ${size} brauchen ${mb} MB Grafikspeicher, in die Puffer, die das Training binden kann, passen höchstens ${limitMb} MB. Wähle eine kleinere Eingabegröße oder weniger Klassen; das Training wurde nicht gestartet.`,
  },
  /** The results at many classes (more than fit a table): summary, most confused pairs, per-class accuracy, zoomable matrix. */
  large: {
    summary: (right: string, total: string, share: string, classes: string, mean: string) =>
      `Von ${total} Validierungsbildern hat das Modell ${right} richtig erkannt (${share}); über die ${classes} Klassen gemittelt sind es ${mean} pro Klasse.`,
    pairsHeading: 'Am häufigsten verwechselt (richtige Klasse → Vorhersage)',
    pairsNone: 'Keine Verwechslung: Jedes Validierungsbild wurde richtig erkannt.',
    pair: (trueName: string, predicted: string, count: string, images: string) => `${trueName} → ${predicted}: ${count} ${ofImages(images)}`,
    worstHeading: (n: number) => (n === 1 ? 'Die schwächste Klasse' : `Die ${n} schwächsten Klassen`),
    bestHeading: (n: number) => (n === 1 ? 'Die beste Klasse' : `Die ${n} besten Klassen`),
    /** No class is better than the weakest list: it says so instead of repeating them. */
    bestHeadingNone: 'Die besten Klassen',
    othersAt: (share: string) => `Keine Klasse ist besser als die schwächsten – alle Klassen: ${share}.`,
    classItem: (name: string, share: string, right: string, images: string) => `${name}: ${share} (${right} von ${images})`,
    allSummary: (n: string) => `Genauigkeit aller ${n} Klassen (von der schwächsten zur besten)`,
    allCaption: 'Genauigkeit pro Klasse auf den Validierungsbildern',
    allHead: ['Klasse', 'Bilder', 'richtig', 'Genauigkeit'],
    matrixHeading: 'Konfusionsmatrix als Bild',
    matrixIntro: (n: string) =>
      `Zeilen (von oben nach unten): die richtige Klasse; Spalten (von links nach rechts): die vorhergesagte Klasse – beide in der Reihenfolge des Datensatzes, ${n} × ${n} Felder. Blau: richtig erkannt (Diagonale), Rot: verwechselt; je kräftiger, desto größer der Anteil an den Bildern der Zeile.`,
    matrixLabel: (n: string) => `Konfusionsmatrix mit ${n} × ${n} Feldern, Zeilen: richtige Klasse, Spalten: vorhergesagte Klasse`,
    matrixRegion: 'Konfusionsmatrix: mit den Pfeiltasten ein Feld wählen',
    zoom: 'Vergrößerung',
    zoomOption: (factor: number) => (factor === 1 ? 'ganze Matrix' : `${factor}-fach`),
    zoomHint: 'Die Matrix ist größer als ihr Kasten: seitlich und nach unten wischen oder scrollen.',
    help: 'Pfeiltasten: ein Feld weiter; Bild auf/ab: zehn Zeilen; Pos1/Ende: Zeilenanfang/-ende. Tippen oder mit der Maus zeigen: das Feld darunter.',
    cellRight: (name: string, count: string, images: string, share: string) => `${name} richtig erkannt: ${count} ${ofImages(images)} (${share}).`,
    cellWrong: (trueName: string, predicted: string, count: string, images: string, share: string) =>
      `Richtig ${trueName}, vorhergesagt ${predicted}: ${count} ${ofImages(images)} (${share}).`,
    cellEmpty: (name: string) => `${name} hat keine Validierungsbilder.`,
    knownClasses: (n: string) =>
      `Das Modell kennt nur die ${n} Klassen, auf denen es trainiert wurde (alle stehen in der Liste „Genauigkeit aller ${n} Klassen“). Jedes Bild – auch eines, das keine davon zeigt – ordnet es einer dieser Klassen zu; die Prozente verteilen sich nur auf sie.`,
  },
  /** The live band of the PyTorch runs at the small configuration (issue 31) and the sentence after the run. */
  band: {
    legend: (runs: number, seeds: string) =>
      `Grau hinterlegt: die ${runs} PyTorch-Läufe des Programms aus den Kapiteln mit genau dieser Einstellung (${seeds}), von der niedrigsten bis zur höchsten Validierungsgenauigkeit nach jeder Epoche.`,
    inside: (epochs: number, value: string, low: string, high: string, min: string, max: string) =>
      `Deine Validierungsgenauigkeit nach ${epochs} Epochen, ${value}, liegt im erwarteten Bereich der PyTorch-Läufe von ${low} bis ${high} (deren Endwerte reichen von ${min} bis ${max}; der Bereich ist um diese Spanne nach beiden Seiten erweitert).`,
    outside: (epochs: number, value: string, low: string, high: string, min: string, max: string, direction: 'below' | 'above') =>
      `Deine Validierungsgenauigkeit nach ${epochs} Epochen, ${value}, liegt ${direction === 'below' ? 'unter' : 'über'} dem erwarteten Bereich der PyTorch-Läufe von ${low} bis ${high} (deren Endwerte reichen von ${min} bis ${max}; der Bereich ist um diese Spanne nach beiden Seiten erweitert).`,
    stopped: (epochs: number) => `Kein Vergleich mit den PyTorch-Läufen: Dein Lauf wurde vor dem Ende der ${epochs} Epochen gestoppt.`,
    differs: (fields: string) => `Kein Vergleich mit den PyTorch-Läufen der kleinen Konfiguration: Deine Einstellung weicht ab bei ${fields}.`,
    /** A setting that differs, with the band's value (already formatted). */
    fields: {
      classes: (v: string) => `Klassen (dort ${v})`,
      perClass: (v: string) => `Trainingsbilder pro Klasse (dort ${v === 'all' ? 'alle' : v})`,
      cropSize: (v: string) => `Eingabegröße (dort ${v} × ${v})`,
      epochs: (v: string) => `Epochen (dort ${v})`,
      batchSize: (v: string) => `Batchgröße (dort ${v})`,
      learningRate: (v: string) => `Lernrate (dort ${v})`,
      recipe: (v: string) => `Rezept (dort ${v === 'corrected' ? 'korrigiert' : 'wie das Original'})`,
      split: (v: string) => `Aufteilung der Bilder (dort ${v === 'chapters' ? 'die der Kapitel' : v})`,
    } as Record<string, (value: string) => string>,
  },
};
