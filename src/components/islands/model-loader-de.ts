/** German strings of the model loader (ModelLoader.astro, model-loader-view.ts); `de.loader` in de.ts. */
export const LOADER = {
  idle: 'Noch kein Modell geladen.',
  reading: (name: string, loaded: string, total: string) => `Lese ${name}: ${loaded} von ${total} MB`,
  checking: (name: string) => `Prüfe ${name} und lade die Gewichte …`,
  failed: (name: string, message: string) => `${name} ließ sich nicht lesen: ${message}`,
  rejected: (name: string) => `${name} passt nicht zu SimpleCNN:`,
  loaded: (name: string) => `${name} ist geladen.`,
  /** Before reading: the file cannot be held (sizes in MB / GB, already formatted). */
  tooBigFile: (name: string, size: string, limit: string) =>
    `${name} ist ${size} GB groß; dieser Browser kann höchstens ${limit} GB am Stück lesen. Die Seite liest die Datei deshalb nicht.`,
  tooBigDevice: (name: string, size: string, peak: string, memory: string) =>
    `${name} ist ${size} MB groß. Beim Laden braucht die Seite kurzzeitig etwa ${peak} GB Arbeitsspeicher (die Datei, die gelesenen Gewichte und die Kopie für TensorFlow.js), dieses Gerät meldet aber nur ${memory} GB. Die Seite liest die Datei deshalb nicht – lade das Modell im Notebook oder auf einem Rechner mit mehr Speicher.`,
  /** While reading a large file: why the CPU and what it will need. */
  bigNote: (peak: string) =>
    ` fc1.weight ist größer als die Puffer, die WebGPU ohne Weiteres erlaubt; die Seite rechnet deshalb auf der CPU und braucht beim Laden kurzzeitig etwa ${peak} GB Arbeitsspeicher.`,
  evaluation: {
    heading: 'Auf Validierungsbildern der Kapitel',
    pending: 'Das Modell klassifiziert Validierungsbilder aus der Aufteilung der Kapitel …',
    progress: (done: number, total: number) => `Das Modell klassifiziert Validierungsbilder aus der Aufteilung der Kapitel: ${done} von ${total} …`,
    noSet: (size: number) => `Für ${size} × ${size} Pixel liegen keine Validierungsbilder bereit (angeboten: 16, 32, 64, 128 und 224).`,
    noClasses: 'Keine der Klassen des Modells kommt unter den Validierungsbildern vor; die Klassennamen in _meta müssen Ordnernamen von Caltech 101 sein.',
    failed: (message: string) => `Die Auswertung ist fehlgeschlagen: ${message}`,
    /** `perClass`: how many images each class gave, already formatted ("4" or "2 bis 4"). */
    summary: (correct: number, count: number, share: string, classes: number, perClass: string) =>
      `${correct} von ${count} Validierungsbildern richtig (${share}), aus ${classes} Klassen, je Klasse ${perClass} ${perClass === '1' ? 'Bild' : 'Bilder'}. Alle stammen aus dem Validierungsteil der Aufteilung, die das Programm der Kapitel zieht – kein Bild, mit dem das Notebook oder die Trainings-Demo dieser Seite trainiert hat.`,
    missing: (n: number) => `${n} Klassen des Modells haben hier kein Validierungsbild.`,
    gridLabel: (shown: number, count: number) => `${shown} der ${count} Validierungsbilder mit wahrer und vorhergesagter Klasse`,
    cell: (truth: string, predicted: string, p: string, right: boolean) => `${right ? 'richtig' : 'falsch'}: ${truth}${right ? '' : ` → ${predicted}`} (${p})`,
    perClassHeading: 'Genauigkeit je Klasse (schlechteste zuerst)',
    perClass: (name: string, right: number, images: number, share: string) => `${name}: ${right} von ${images} richtig (${share})`,
    confusedHeading: 'Am häufigsten verwechselt',
    confused: (truth: string, predicted: string, count: number, images: number) => `${truth} → ${predicted}: ${count} von ${images} Bildern`,
    noConfusion: 'Keine Verwechslung: alle Bilder richtig.',
  },
  /** Why a file could not be read (model-loader-errors.ts maps the engine's English errors here). */
  fileErrors: {
    image: 'Das ist ein Bild, keine Modelldatei. Wähle die .npz-Datei, die das Notebook gespeichert hat.',
    notZip: 'keine .npz-Datei (kein ZIP-Archiv). Wähle die .npz-Datei, die das Notebook gespeichert hat.',
    truncated: 'Die Datei ist unvollständig oder beschädigt (das Inhaltsverzeichnis am Ende fehlt) – lade sie noch einmal herunter.',
    broken: 'Die Datei ist beschädigt (das ZIP-Archiv ist fehlerhaft) – lade sie noch einmal herunter.',
    method: 'Die .npz-Datei ist auf eine Art gepackt, die die Seite nicht entpacken kann; speichere sie mit numpy.savez oder numpy.savez_compressed.',
    notNpy: 'Ein Eintrag der .npz-Datei ist kein lesbares NumPy-Array – ist es wirklich eine Modelldatei aus dem Notebook?',
    fortran: 'Ein Array der Datei ist spaltenweise (Fortran-Reihenfolge) gespeichert; die Seite liest nur zeilenweise gespeicherte Arrays.',
    dtype: 'Ein Array der Datei hat einen Datentyp, den die Seite nicht liest (erwartet: float32 oder Text).',
    other: 'Die Datei ließ sich nicht als Modell lesen. Die genaue Ursache steht in der Browser-Konsole.',
  },
  inspect: {
    example: (n: number, truth: string) => `Validierungsbild ${n}: ${truth}`,
  },
};
