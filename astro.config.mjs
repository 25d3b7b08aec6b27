// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { chapters } from './src/chapters.ts';
import { dataAssets } from './src/integrations/data-assets.ts';
import { dataRecords } from './src/integrations/data-records.ts';
import { programNotebook } from './src/integrations/notebook.ts';

const base = (process.env.BASE_PATH || '/').replace(/\/?$/, '/');

// https://astro.build/config
export default defineConfig({
  // Set SITE_URL when deploying (canonical links, sitemap); the build works without it.
  site: process.env.SITE_URL || undefined,
  // Serve under a sub-path, e.g. BASE_PATH=/caltech101 for GitHub Pages project sites.
  base,
  // Chapters link to each other relatively (../modell/), so they work under any base.
  trailingSlash: 'always',
  integrations: [
    // Every record and reference file under src/data/ checked first: a wrong number fails the build.
    dataRecords(),
    // Caltech 101 → public/generated/caltech101/ (as `npm run data`), before Starlight builds the pages.
    dataAssets(),
    starlight({
      title: 'Bildklassifizierung mit Caltech 101',
      description:
        'Ein interaktives Tutorial: ein CNN mit PyTorch auf Caltech 101 trainieren – jeder Schritt läuft auch live im Browser.',
      defaultLocale: 'root',
      locales: { root: { label: 'Deutsch', lang: 'de' } },
      favicon: '/favicon.svg',
      head: [{ tag: 'link', attrs: { rel: 'icon', href: `${base}favicon.ico`, sizes: '32x32' } }],
      sidebar: [
        { label: 'Kapitel', items: chapters.filter((c) => !c.appendix).map(({ slug, label }) => ({ slug, label })) },
        { label: 'Anhang', items: chapters.filter((c) => c.appendix).map(({ slug, label }) => ({ slug, label })) },
      ],
      components: {
        Search: './src/components/Search.astro',
        PageTitle: './src/components/PageTitle.astro',
      },
      // Code highlighting (Expressive Code + Shiki) is configured in ec.config.mjs.
      customCss: ['./src/styles/site.css'],
      lastUpdated: false,
      pagination: true,
    }),
    // The whole program as one Jupyter notebook → dist/caltech101-programm.ipynb (linked from every page).
    programNotebook(),
  ],
});
