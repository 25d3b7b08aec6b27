/**
 * Cuts one top-level declaration, with its doc comment, out of a TypeScript source file.
 *
 * Used at build time by `<LibSource>`: a chapter names a file under `src/lib/` and a
 * symbol, and the page shows exactly that code as it is in the repository today. The
 * TypeScript parser finds the declaration, so formatting, nested braces, strings and
 * comments inside the code cannot confuse the cut.
 */
import ts from 'typescript';

/** A piece of a source file: its text and the 1-based lines it spans. */
export interface SourceExcerpt {
  code: string;
  startLine: number;
  endLine: number;
}

/** Names a top-level statement declares (`export function f`, `export const a = …, b = …`). */
function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  const named = statement as ts.Statement & { name?: ts.Node };
  return named.name && ts.isIdentifier(named.name) ? [named.name.text] : [];
}

/** Names of every top-level declaration in `source`, in file order. */
export function listSymbols(source: string, fileName = 'source.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  return file.statements.flatMap(declaredNames);
}

/**
 * Returns the declaration of `symbol` in `source`, with the JSDoc comment directly above it.
 * Without `symbol`, returns the whole file. Throws when the symbol is not declared at top level.
 */
export function extractSymbol(source: string, symbol?: string, fileName = 'source.ts'): SourceExcerpt {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const text = source.replace(/\s+$/, '');
  if (!symbol) {
    return { code: text, startLine: 1, endLine: file.getLineAndCharacterOfPosition(text.length).line + 1 };
  }
  const statement = file.statements.find((s) => declaredNames(s).includes(symbol));
  if (!statement) {
    const known = listSymbols(source, fileName);
    throw new Error(
      `symbol "${symbol}" is not declared at the top level of ${fileName} (declared there: ${known.join(', ') || 'nothing'})`,
    );
  }
  // Start at the doc comment (/** … */) right above the declaration, if there is one.
  const comments = ts.getLeadingCommentRanges(source, statement.getFullStart()) ?? [];
  const doc = comments.filter((c) => source.startsWith('/**', c.pos)).at(-1);
  const start = doc ? doc.pos : statement.getStart(file);
  const end = statement.getEnd();
  return {
    code: source.slice(start, end),
    startLine: file.getLineAndCharacterOfPosition(start).line + 1,
    endLine: file.getLineAndCharacterOfPosition(end).line + 1,
  };
}
