// @ts-check
// Expressive Code (syntax highlighting via Shiki) for the chapters and for <Code>/<LibSource>.
// Kept in this file rather than astro.config.mjs because it holds a plugin (a function),
// which Starlight's <Code> component can only load from here.
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { pluginCodeLabels } from './src/integrations/code-labels.mjs';

export default defineEcConfig({
  // Dark and light themes whose token colours pass WCAG AA contrast on their backgrounds.
  themes: ['github-dark', 'github-light'],
  defaultProps: { wrap: false },
  plugins: [pluginCodeLabels()],
});
