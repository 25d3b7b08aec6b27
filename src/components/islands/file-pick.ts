/** The islands' side of FilePick.astro: the chosen file's name beside the German file control. */
import { de } from './de';

/** Shows `name` beside the file control of `input`, or "keine Datei gewählt" for null. */
export function showChosenFile(input: HTMLInputElement, name: string | null): void {
  const out = input.ownerDocument.getElementById(`${input.id}-name`);
  const text = name ?? de.filePick.none;
  if (out && out.textContent !== text) out.textContent = text;
}
