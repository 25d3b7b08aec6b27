/**
 * The training demo's link in the page (before the training code loads): on load the form takes
 * the settings of the link (a whole number the form does not list, such as demo-batch=4, is added
 * to its select: the link's range is wider than the form's choices), a garbled parameter gives its
 * default and a German notice; every change of the form is written back into the address, and
 * "Link kopieren" copies it. The fields are lib/demo/training-link.ts.
 */
import { formatNumber } from '../../lib/format';
import { hasLink, noticesText } from '../../lib/demo/link-state';
import { LEARNING_RATES, TRAINING_OPTIONS, TRAINING_RECIPES } from '../../lib/demo/options';
import { readTrainingLink, trainingField, trainingLink, type TrainingLink } from '../../lib/demo/training-link';
import { addLinkBar, copyLink, linkOf, replaceLink } from './link-control';

const SETTINGS = Object.values(TRAINING_OPTIONS).map((o) => ({ name: trainingField(o.param), field: o.field }));

/** Sets the form to the link's settings; a whole number the select does not offer becomes an option (in order). */
function applyToForm(root: HTMLElement, values: TrainingLink): void {
  for (const { name, field } of SETTINGS) {
    const select = root.querySelector<HTMLSelectElement>(`select[name="${field}"]`)!;
    const value = String(values[name]);
    if (![...select.options].some((o) => o.value === value)) {
      const option = Object.assign(root.ownerDocument.createElement('option'), { value, textContent: formatNumber(Number(value)) });
      option.dataset.fromLink = '';
      select.insertBefore(option, [...select.options].find((o) => Number(o.value) > Number(value)) ?? null);
    }
    select.value = value;
  }
  root.querySelector<HTMLSelectElement>(`select[name="${LEARNING_RATES.field}"]`)!.value = String(values[LEARNING_RATES.field]);
  root.querySelector<HTMLInputElement>(`input[name="${TRAINING_RECIPES.field}"][value="${values[TRAINING_RECIPES.field]}"]`)!.checked = true;
  // Whatever already follows the form (the data panel of "Alle 101 Klassen") hears the restored values
  // as if the reader had chosen them; what connects later reads the form as it now is.
  for (const { field } of SETTINGS) root.querySelector(`select[name="${field}"]`)!.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The form's settings, with the link's values for what the form has no control for (seed, backend, kernels, simulate). */
function fromForm(root: HTMLElement, kept: TrainingLink): TrainingLink {
  const value = (field: string) => root.querySelector<HTMLInputElement>(`[name="${field}"]:is(select, :checked)`)?.value ?? '';
  const values: Record<string, unknown> = { ...kept };
  for (const { name, field } of SETTINGS) values[name] = Number(value(field));
  values[LEARNING_RATES.field] = value(LEARNING_RATES.field);
  values[TRAINING_RECIPES.field] = value(TRAINING_RECIPES.field);
  return values as TrainingLink;
}

/**
 * Restores the link into the form, shows its notices, adds "Link kopieren" and keeps the address
 * in step with the form. Call before the form's own follow-ups (per-class after size) run.
 */
export function wireTrainingLink(root: HTMLElement): void {
  const { values, notices } = readTrainingLink(location.search);
  const linked = hasLink(trainingLink, location.search);
  if (linked) applyToForm(root, values);
  const write = () => replaceLink(trainingLink, fromForm(root, values));
  const bar = addLinkBar(root, () => {
    write();
    void copyLink(bar.status, linkOf(root));
  });
  bar.note.textContent = noticesText(trainingLink.demo, notices);
  // A link with garbage in it is replaced by the link of what the demo shows.
  if (notices.length) write();
  root.querySelector('form')!.addEventListener('change', write);
}
