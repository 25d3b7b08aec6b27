/** The German words of the demos' links: the "Link kopieren" control, its answers, and the note on an own image. */
export const DE_LINKS = {
  copy: 'Link kopieren',
  copied: 'Link kopiert.',
  /** The clipboard is not available (an insecure page, a refused permission): before a read-only field holding the link, focused and selected (link-control.ts). */
  fallbackIntro: 'Die Zwischenablage ist hier nicht erreichbar. Der Link steht markiert im Feld – kopiere ihn selbst (Strg+C oder ⌘+C, auf dem Handy lange tippen):',
  fallbackField: 'Link zum Kopieren',
  /** The playground shows the reader's own image, which a link cannot carry. */
  ownImage: (sample: string) =>
    `Dein eigenes Bild reist nicht im Link mit – es verlässt deinen Browser nicht. Wer den Link öffnet, sieht das Beispielbild „${sample}“ mit denselben Einstellungen.`,
};
