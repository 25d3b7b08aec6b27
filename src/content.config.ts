import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

export const collections = {
  // The German chapters (src/content/docs/*.mdx).
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // UI strings Starlight lacks in German (src/content/i18n/de.json), e.g. Pagefind's search UI.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
