// @ts-check
/**
 * Expressive Code plugin: gives every code block's <pre> a unique German accessible name.
 *
 * Expressive Code makes a code block that scrolls sideways keyboard-focusable as a
 * role="region" (so keyboard users can scroll it). Unnamed regions all share one empty
 * name, which axe-core reports as landmark-unique; named ones also tell screen-reader users
 * which block they are in: "Codebeispiel 3 (Python): Das Modell als Klasse".
 */
/** @type {Record<string, string>} */
const LANGUAGES = { python: 'Python', py: 'Python', bash: 'Shell', sh: 'Shell', ts: 'TypeScript', text: 'Text' };

/**
 * Accessible name of a code block from its position, language and title.
 * @param {{ index?: number, language: string, title?: string }} block
 */
export function codeBlockLabel({ index, language, title }) {
  const lang = LANGUAGES[language] ?? language;
  const head = index === undefined ? `Codebeispiel (${lang})` : `Codebeispiel ${index + 1} (${lang})`;
  return title ? `${head}: ${title}` : head;
}

/** @returns {import('@expressive-code/core').ExpressiveCodePlugin} */
export function pluginCodeLabels() {
  return {
    name: 'code-labels',
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        const label = codeBlockLabel({
          // Blocks written in a chapter are numbered in page order; <LibSource> excerpts are
          // named by their title (file and lines), which is unique on a page.
          index: codeBlock.props.title?.startsWith('src/')
            ? undefined
            : codeBlock.parentDocument?.positionInDocument?.groupIndex,
          language: codeBlock.language,
          title: codeBlock.props.title,
        });
        /** @param {any} node */
        const visit = (node) => {
          if (node.type === 'element' && node.tagName === 'pre') {
            node.properties['aria-label'] = label;
            return true;
          }
          return (node.children ?? []).some(visit);
        };
        visit(renderData.blockAst);
      },
    },
  };
}
