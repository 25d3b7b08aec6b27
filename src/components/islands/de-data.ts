/**
 * German strings of the 101-class data (the all-N sets): the download panel and the form's
 * hints (`de.data` in de.ts). Numbers arrive already formatted (format.ts).
 */
import type { DownloadErrorCode } from '../../lib/data/download';

/** The data panel's and the 101-class form hints' strings (de.data). */
export const DATA = {
  /** The classes choice "101". */
  allClasses: 'Alle 101 Klassen',
  /** readConfig: a size without an all-N set. */
  sizesWith: (classes: number, sizes: string) => `mit ${classes} Klassen nur ${sizes}`,
  sizeHint: (sizes: string) => `Mit allen 101 Klassen gibt es die Bilder nur in ${sizes}; die anderen Größen sind abgeschaltet.`,
  perClassHint: 'Mit allen 101 Klassen trainiert die Demo auf allen Trainingsbildern der Aufteilung der Kapitel (Parameter demo-per-class begrenzt sie).',
  heading: 'Daten für alle 101 Klassen',
  /** Before anything downloads: what a start will fetch. */
  plan: (size: number, images: string, train: string, val: string, mb: string) =>
    `Bei ${size} × ${size} lädt das Training ${images} Bilder (${train} zum Training, ${val} zur Validierung, die Aufteilung der Kapitel) – ${mb} MB. Sie bleiben danach im Browser gespeichert, ein zweiter Besuch startet sofort.`,
  /** The plan once the chosen set is stored whole (replaces the download button). */
  planStored: (size: number, images: string, train: string, val: string, mb: string) =>
    `Bei ${size} × ${size} sind alle ${images} Bilder (${train} zum Training, ${val} zur Validierung, die Aufteilung der Kapitel, ${mb} MB) im Browser gespeichert – das Training startet ohne Download.`,
  stored: (mb: string) => `Im Browser gespeichert: ${mb} MB.`,
  storedNone: 'Noch nichts im Browser gespeichert.',
  download: 'Jetzt herunterladen',
  cancel: 'Download abbrechen',
  remove: (mb: string) => `Gespeicherte Daten löschen (${mb} MB)`,
  progress: (done: string, total: string, shard: number, shards: number) => `Lade ${done} von ${total} MB (Teil ${shard} von ${shards}) …`,
  done: (mb: string) => `Fertig: ${mb} MB geladen und gespeichert.`,
  cancelled: 'Download abgebrochen. Schon geladene Teile bleiben gespeichert.',
  removed: 'Gespeicherte Daten gelöscht.',
  progressLabel: 'Fortschritt des Downloads',
  errors: {
    quota: 'Der Browser hat keinen Platz mehr für die Bilder (Speicherkontingent erschöpft). Gib Speicher frei oder wähle 32 × 32.',
    offline: 'Keine Verbindung zum Server – bist du offline? Versuche es später noch einmal.',
    http: 'Der Server hat eine Bilddatei nicht geliefert. Lade die Seite neu und versuche es noch einmal.',
    'no-cache': 'Dieser Browser kann keine Daten speichern (Cache API fehlt, z. B. im privaten Modus); die Bilder werden bei jedem Start neu geladen.',
    corrupt: 'Eine geladene Bilddatei ist beschädigt (falsche Größe). Lösche die gespeicherten Daten und lade sie neu.',
  } satisfies Record<Exclude<DownloadErrorCode, 'aborted'>, string>,
};
