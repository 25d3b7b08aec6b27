/**
 * The built site serves the program notebook that every page links, and it is exactly the notebook
 * the chapter runner (tests/python/run_chapters.py) generates and executes.
 */
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_FILE, type Notebook } from '../../src/lib/notebook/notebook';
import { generateNotebook } from '../../src/lib/notebook/notebook-node';
import { urlOf } from './fixtures';

describe('the program notebook in dist/', () => {
  it('is served as JSON and holds the same code cells the runner executes', async () => {
    const response = await fetch(urlOf(NOTEBOOK_FILE));
    expect(response.status).toBe(200);
    const served = (await response.json()) as Notebook;
    expect(served.nbformat).toBe(4);
    const code = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => [c.metadata.caltech101, c.source.join('')]);
    const expected = code(generateNotebook(process.cwd()));
    expect(expected.length).toBeGreaterThan(30);
    expect(code(served)).toEqual(expected);
  });
});
