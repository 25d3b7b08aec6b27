/**
 * Counts the visible words of the built lessons (every chapter but the appendix, glossary and demo
 * list; running text, tables and folded answers, not code frames or demos; see tests/helpers/lesson-text.ts).
 * Usage: bash scripts/with-node.sh npx tsx tests/count-lesson-words.ts [dist]   (after npm run build)
 */
import { countLessonWords } from './helpers/lesson-text';

const { perChapter, total } = countLessonWords(process.argv[2] ?? 'dist');
for (const [slug, n] of Object.entries(perChapter)) console.log(`${slug.padEnd(20)} ${String(n).padStart(6)}`);
console.log(`${'total'.padEnd(20)} ${String(total).padStart(6)}`);
