/**
 * Lists exports without a doc comment (`/** … *\/` right above them), the house rule "every export
 * gets a one-line doc comment". Parses with the TypeScript compiler, so a `//` comment or a comment
 * further up does not count; re-exports (`export { x } from`) are documented where they are defined.
 *
 *   npx tsx tools/undocumented-exports.ts [folder or file …]   (default: src/lib scripts)
 *
 * Prints `path:line name` per export and exits 1 when there is any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/** One export without a doc comment: where it is and what it is called. */
export interface UndocumentedExport {
  file: string;
  line: number;
  name: string;
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const hasDocComment = (node: ts.Node) => ((node as { jsDoc?: unknown[] }).jsDoc ?? []).length > 0;

function exportedName(node: ts.Statement): string {
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.map((d) => d.name.getText()).join(', ');
  const name = (node as { name?: ts.Node }).name;
  return name ? name.getText() : 'default';
}

/** The exports of one TypeScript source without a doc comment, in file order. */
export function undocumentedExports(file: string, text: string): UndocumentedExport[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return source.statements
    .filter((s) => isExported(s) && !hasDocComment(s))
    .map((s) => ({ file, line: source.getLineAndCharacterOfPosition(s.getStart()).line + 1, name: exportedName(s) }));
}

/** The .ts files under `path` (a file or a folder), sorted; declaration files left out. */
export function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(path, f))
    .sort();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const roots = process.argv.length > 2 ? process.argv.slice(2) : ['src/lib', 'scripts'];
  const found = roots.flatMap(sourceFiles).flatMap((f) => undocumentedExports(f, readFileSync(f, 'utf8')));
  for (const u of found) console.log(`${u.file}:${u.line} ${u.name}`);
  console.error(`${found.length} exports without a doc comment`);
  process.exitCode = found.length > 0 ? 1 : 0;
}
