/**
 * The chapters in reading order: one source of truth for the sidebar (astro.config.mjs)
 * and the end-to-end tests. `slug` is the file name under src/content/docs/ ('index' = '/').
 */
export interface Chapter {
  slug: string;
  /** Sidebar label; the page's own title comes from its frontmatter. */
  label: string;
  /** After the lessons: the appendix, the demo list and the glossary (their own sidebar group). */
  appendix?: boolean;
}

export const chapters: Chapter[] = [
  { slug: 'index', label: 'Einführung' },
  { slug: 'bibliotheken', label: 'Die Bibliotheken' },
  { slug: 'datensatz', label: 'Der Datensatz' },
  { slug: 'data-augmentation', label: 'Augmentierung' },
  { slug: 'aufteilung', label: 'Training und Validierung' },
  { slug: 'visualisierung', label: 'Trainingsdaten ansehen' },
  { slug: 'cnn', label: 'Faltungsnetze (CNN)' },
  { slug: 'modell', label: 'Das Modell SimpleCNN' },
  { slug: 'loss-optimizer', label: 'Verlust, Optimierer und Hyperparameter' },
  { slug: 'trainingsschleife', label: 'Die Trainingsschleife' },
  { slug: 'ergebnisse', label: 'Ergebnisse' },
  { slug: 'pruefen', label: 'Das Modell benutzen und prüfen' },
  { slug: 'korrekturen', label: 'Was das Original falsch macht' },
  { slug: 'besser', label: 'Wie es besser geht' },
  { slug: 'unter-der-haube', label: 'Unter der Haube', appendix: true },
  { slug: 'live-demos', label: 'Alle Live-Demos', appendix: true },
  { slug: 'glossar', label: 'Glossar', appendix: true },
];

/** URL path of a chapter, relative to the site's base ('index' → ''). */
export const chapterPath = (slug: string): string => (slug === 'index' ? '' : `${slug}/`);
