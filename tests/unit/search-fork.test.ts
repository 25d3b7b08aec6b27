/**
 * src/components/Search.astro is a fork of Starlight's Search component. This test keeps it
 * honest: the fork must be exactly the installed upstream file plus the edits listed here, and
 * the upstream file must be the one the fork was made from. When Starlight is upgraded the test
 * fails, so the edits are re-applied to the new upstream (or dropped, if Starlight fixed it).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const UPSTREAM = 'node_modules/@astrojs/starlight/dist/components/Search.astro';
const FORK = 'src/components/Search.astro';
/** The Starlight release and file the fork was made from. */
const FORKED_FROM = { version: '0.42.4', sha256: '30d6549c54409a9e92ec9734901946d409a408635e8876b18940285f21c62062' };

/** The fork's edits, each an exact text replacement that must match upstream once. */
const EDITS: { why: string; from: string; to: string }[] = [
  {
    why: 'an override imports Icon from the public entry point, not by a relative path',
    from: "import Icon from '../user-components/Icon.astro';\n",
    to: "import { Icon } from '@astrojs/starlight/components';\n",
  },
  {
    why: 'fix 1, described where it is made',
    from: '<site-search class={Astro.props.class} {...dataAttributes}>\n',
    to: '<site-search class={Astro.props.class} {...dataAttributes}>\n\t{/* Fix 1: no aria-label here; the visible label is the name, the shortcut is aria-hidden. */}\n',
  },
  {
    why: 'fix 1: the accessible name is the visible label (axe label-content-name-mismatch, WCAG 2.5.3)',
    from: "\t\tdisabled\n\t\taria-label={Astro.locals.t('search.label')}\n",
    to: '\t\tdisabled\n',
  },
  {
    why: 'fix 1: the label is always in the accessibility tree (visually hidden on narrow screens); the shortcut is aria-hidden',
    from: `<span class="sl-hidden md:sl-block" aria-hidden="true">{Astro.locals.t('search.label')}</span>\n\t\t<kbd class="sl-hidden md:sl-flex" style="display: none;">`,
    to: `<span class="search-label">{Astro.locals.t('search.label')}</span>\n\t\t<kbd class="sl-hidden md:sl-flex" style="display: none;" aria-hidden="true">`,
  },
  {
    why: "fix 2: Pagefind's UI loads when the search opens first",
    from: '\t\t\tconst openModal = (event?: MouseEvent) => {\n',
    to:
      "\t\t\t// Fix 2: Pagefind's UI loads when the search opens first (stock Starlight: on every page).\n" +
      '\t\t\tlet searchUiLoaded = false;\n' +
      '\t\t\tconst openModal = (event?: MouseEvent) => {\n' +
      '\t\t\t\tif (!searchUiLoaded) {\n\t\t\t\t\tsearchUiLoaded = true;\n\t\t\t\t\tloadSearchUi();\n\t\t\t\t}\n',
  },
  {
    why: 'fix 2: a function instead of a DOMContentLoaded + idle callback',
    from: "\t\t\twindow.addEventListener('DOMContentLoaded', () => {\n\t\t\t\tif (import.meta.env.DEV) return;\n\t\t\t\tconst onIdle = window.requestIdleCallback || ((cb) => setTimeout(cb, 1));\n\t\t\t\tonIdle(async () => {\n",
    to: '\t\t\tconst loadSearchUi = async () => {\n\t\t\t\tif (import.meta.env.DEV) return;\n\t\t\t\t{\n',
  },
  {
    why: 'fix 2: the input is focused once the UI exists',
    from: '\t\t\t\t\t});\n\t\t\t\t});\n\t\t\t});\n\t\t}\n\t}\n',
    to: "\t\t\t\t\t});\n\t\t\t\t\tthis.querySelector('input')?.focus();\n\t\t\t\t}\n\t\t\t};\n\t\t}\n\t}\n",
  },
  {
    why: 'fix 1: the visually hidden label',
    from: '\t\t\tbutton[data-open-modal] > :last-child {\n\t\t\t\tmargin-inline-start: auto;\n\t\t\t}\n\t\t}\n',
    to:
      '\t\t\tbutton[data-open-modal] > :last-child {\n\t\t\t\tmargin-inline-start: auto;\n\t\t\t}\n\t\t}\n\n' +
      "\t\t/* Visually hidden on narrow screens (icon only), but always the button's accessible name. */\n" +
      '\t\t.search-label {\n\t\t\tposition: absolute;\n\t\t\twidth: 1px;\n\t\t\theight: 1px;\n\t\t\toverflow: hidden;\n\t\t\tclip-path: inset(50%);\n\t\t\twhite-space: nowrap;\n\t\t}\n' +
      '\t\t@media (min-width: 50rem) {\n\t\t\t.search-label {\n\t\t\t\tposition: static;\n\t\t\t\twidth: auto;\n\t\t\t\theight: auto;\n\t\t\t\toverflow: visible;\n\t\t\t\tclip-path: none;\n\t\t\t}\n\t\t}\n',
  },
];

/** The fork without its leading comment (which says what was changed and why). */
const forkBody = (text: string) => text.replace(/^---\n\/\*[\s\S]*?\*\/\n/, '---\n');

describe('the Search fork', () => {
  const upstream = readFileSync(UPSTREAM, 'utf8');
  const version = JSON.parse(readFileSync('node_modules/@astrojs/starlight/package.json', 'utf8')).version;

  it('was made from the installed Starlight (else re-apply the edits to the new upstream)', () => {
    const hash = createHash('sha256').update(upstream).digest('hex');
    expect(
      { version, sha256: hash },
      `Starlight ${version} is installed, the fork ${FORK} was made from ${FORKED_FROM.version}: apply the EDITS of this test to the new ${UPSTREAM} (drop those Starlight fixed), then update FORKED_FROM`,
    ).toEqual(FORKED_FROM);
  });

  it('is the upstream component plus exactly the listed edits', () => {
    let rebuilt = upstream;
    for (const edit of EDITS) {
      expect(upstream.split(edit.from).length - 1, `edit "${edit.why}" must match upstream exactly once`).toBe(1);
      rebuilt = rebuilt.replace(edit.from, () => edit.to);
    }
    const fork = readFileSync(FORK, 'utf8');
    expect(fork.startsWith('---\n/*\n * Override of Starlight')).toBe(true);
    expect(forkBody(fork)).toBe(rebuilt);
  });
});
