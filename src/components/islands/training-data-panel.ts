/**
 * <training-data-panel>: the data of "Alle 101 Klassen" in the training demo. Shown while the
 * form's class count is 101: it states the MB a start will fetch, downloads on request (with
 * progress and cancel) into the Cache API (lib/data/download.ts; the training worker reads the
 * same cache), shows the stored size and deletes it. It also keeps the form honest at 101
 * classes: only sizes with an all-N set, every training image. Texts: data-panel-view.ts.
 */
import { ALL_CLASSES, sizesFor } from '../../lib/demo/options';
import { deleteStored, downloadSet, storedBytes, toDownloadError, type DownloadEnv } from '../../lib/data/download';
import { DATA as t } from './de-data';
import { activityOnStart, focusAfterCancel, panelView, type PanelSet, type PanelState } from './data-panel-view';

class TrainingDataPanel extends HTMLElement {
  #state: PanelState = { set: null, stored: 0, activity: { kind: 'idle' } };
  #sets: PanelSet[] = [];
  #abort: AbortController | null = null;
  /** The reader pressed "Download abbrechen": focus moves on once the button disappears. */
  #cancelPressed = false;
  #env: DownloadEnv = { fetch: (...a) => fetch(...a), caches: typeof caches === 'undefined' ? null : caches };

  connectedCallback() {
    this.#sets = JSON.parse(this.dataset.sets ?? '[]') as PanelSet[];
    const demo = this.closest('training-demo') ?? document;
    const classes = demo.querySelector<HTMLSelectElement>('select[name="classes"]')!;
    const size = demo.querySelector<HTMLSelectElement>('select[name="size"]')!;
    const perClass = demo.querySelector<HTMLSelectElement>('select[name="perClass"]')!;
    const follow = () => {
      const all = Number(classes.value) === ALL_CLASSES;
      const allowed = sizesFor(ALL_CLASSES);
      for (const option of [...size.options]) {
        // Only what this panel switched off is switched on again (the GPU limit has its own say).
        if (all && !allowed.includes(Number(option.value)) && !option.disabled) {
          option.disabled = true;
          option.dataset.offForAll = '';
        } else if (!all && option.dataset.offForAll !== undefined) {
          option.disabled = false;
          delete option.dataset.offForAll;
        }
      }
      if (all && !allowed.includes(Number(size.value))) size.value = String(allowed[0]);
      perClass.disabled = all;
      const hint = this.querySelector<HTMLElement>('.data-form-hint')!;
      hint.textContent = all ? `${t.sizeHint(allowed.map((s) => `${s} × ${s}`).join(' und '))} ${t.perClassHint}` : '';
      this.#set({ set: all ? (this.#sets.find((s) => s.cropSize === Number(size.value)) ?? null) : null });
      void this.#refreshStored();
    };
    classes.addEventListener('change', follow);
    size.addEventListener('change', follow);
    follow();
    this.querySelector('[data-action="data-download"]')!.addEventListener('click', () => this.#download());
    this.querySelector('[data-action="data-cancel"]')!.addEventListener('click', () => {
      this.#cancelPressed = true;
      this.#abort?.abort();
    });
    this.querySelector('[data-action="data-delete"]')!.addEventListener('click', async () => {
      await deleteStored(this.#env);
      this.#set({ stored: 0, activity: { kind: 'removed' } });
    });
    // A training run stores what it downloads: count again when the demo changes state.
    // A run starting replaces an old notice (e.g. "Download abgebrochen") in the live status.
    const observed = demo instanceof HTMLElement ? demo : document.body;
    new MutationObserver(() => {
      if (['loading', 'running'].includes(observed.dataset.state ?? '')) this.#set({ activity: activityOnStart(this.#state.activity) });
      void this.#refreshStored();
    }).observe(observed, { attributes: true, attributeFilter: ['data-state'] });
    void this.#refreshStored();
  }

  #manifest() {
    return { hash: this.dataset.hash!, sets: this.#sets.map((s) => ({ id: s.id, bytes: s.bytes, shards: s.shards })) };
  }

  async #refreshStored() {
    const manifest = this.#manifest();
    const set = manifest.sets.find((s) => s.id === this.#state.set?.id);
    const count = (m: typeof manifest) => storedBytes(m, this.#baseUrl(), this.#env).catch(() => 0);
    this.#set({ stored: await count(manifest), setStored: set ? await count({ ...manifest, sets: [set] }) : 0 });
  }

  #baseUrl() {
    return new URL(this.dataset.assets!, location.href).href;
  }

  async #download() {
    const set = this.#state.set;
    if (!set || this.#abort) return;
    if (!this.#env.caches) return this.#set({ activity: { kind: 'failed', code: 'no-cache' } });
    this.#abort = new AbortController();
    this.#set({ activity: { kind: 'loading', progress: null } });
    try {
      await downloadSet(this.#manifest(), { id: set.id, bytes: set.bytes, shards: set.shards }, this.#baseUrl(), this.#env, {
        signal: this.#abort.signal,
        onProgress: (progress) => this.#set({ activity: { kind: 'loading', progress } }),
      });
      // Count what is stored before saying "Fertig", so the stored line never contradicts it.
      await this.#refreshStored();
      this.#set({ activity: { kind: 'done', bytes: set.bytes } });
    } catch (error) {
      const { code } = toDownloadError(error, this.#abort.signal);
      this.#set({ activity: code === 'aborted' ? { kind: 'cancelled' } : { kind: 'failed', code } });
      await this.#refreshStored();
    } finally {
      this.#abort = null;
    }
  }

  #set(change: Partial<PanelState>) {
    this.#state = { ...this.#state, ...change };
    const v = panelView(this.#state);
    const $ = <T extends HTMLElement>(s: string) => this.querySelector<T>(s)!;
    $('.data-box').hidden = v.hidden;
    $('.data-plan').textContent = v.plan;
    $('.data-stored').textContent = v.stored;
    $('.data-status').textContent = v.status;
    $('.data-error').textContent = v.error;
    const bar = $<HTMLProgressElement>('progress.data-progress');
    bar.hidden = !v.progress;
    if (v.progress) Object.assign(bar, { max: v.progress.max, value: v.progress.value });
    const download = $<HTMLButtonElement>('[data-action="data-download"]');
    const cancel = $('[data-action="data-cancel"]');
    const status = $('.data-status');
    const focused = [download, cancel].find((b) => b.contains(document.activeElement));
    Object.assign(download, { disabled: !v.downloadEnabled, hidden: !v.downloadShown });
    cancel.hidden = !v.cancelShown;
    // A button that is switched off or disappears under focus hands focus on, never to <body>:
    // "Jetzt herunterladen" to "Download abbrechen" while loading; cancel (or download once stored) to download or the status line.
    if (focused === download && v.cancelShown) cancel.focus();
    else if ((!v.cancelShown && (this.#cancelPressed || focused === cancel)) || (focused === download && !v.downloadEnabled)) {
      this.#cancelPressed = false;
      status.tabIndex = -1;
      (focusAfterCancel(v) === 'download' ? download : status).focus();
    }
    Object.assign($('[data-action="data-delete"]'), { hidden: v.removeText === null, textContent: v.removeText ?? '' });
  }
}
if (!customElements.get('training-data-panel')) customElements.define('training-data-panel', TrainingDataPanel);
