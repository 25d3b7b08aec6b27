/**
 * What the 101-class data panel shows, from its state alone (the panel's custom element,
 * training-data-panel.ts, only renders this): the plan before any download, progress, the
 * stored size with its delete control, and errors in German.
 */
import { formatNumber } from '../../lib/format';
import type { DownloadErrorCode, DownloadProgress } from '../../lib/data/download';
import { DATA as t } from './de-data';

/** One all-N set as the page knows it (server-rendered into the panel). */
export interface PanelSet {
  id: string;
  cropSize: number;
  bytes: number;
  train: number;
  val: number;
  shards: { file: string; bytes: number; count: number; columns: number }[];
}

/** The panel's state: the chosen set, the bytes stored (all sets; `setStored`: of the chosen set), and what the download is doing. */
export interface PanelState {
  set: PanelSet | null;
  stored: number;
  setStored?: number;
  activity: { kind: 'idle' } | { kind: 'loading'; progress: DownloadProgress | null } | { kind: 'done'; bytes: number } | { kind: 'cancelled' } | { kind: 'removed' } | { kind: 'failed'; code: Exclude<DownloadErrorCode, 'aborted'> };
}

/** The panel's texts and which controls are on. */
export interface PanelView {
  hidden: boolean;
  plan: string;
  stored: string;
  status: string;
  error: string;
  progress: { value: number; max: number } | null;
  downloadEnabled: boolean;
  /** False once the chosen set is stored whole: the plan then says so instead. */
  downloadShown: boolean;
  cancelShown: boolean;
  removeText: string | null;
}

const mb = (bytes: number) => formatNumber(bytes / 1e6, 1);

/** The view of `state`. */
export function panelView(state: PanelState): PanelView {
  const { set, stored, activity } = state;
  const loading = activity.kind === 'loading';
  const complete = set !== null && !loading && (state.setStored ?? 0) >= set.bytes;
  const p = loading ? activity.progress : null;
  const status = {
    idle: '',
    loading: p ? t.progress(mb(p.bytes), mb(p.totalBytes), Math.min(p.shards + 1, p.totalShards), p.totalShards) : '',
    done: activity.kind === 'done' ? t.done(mb(activity.bytes)) : '',
    cancelled: t.cancelled,
    removed: t.removed,
    failed: '',
  }[activity.kind];
  return {
    hidden: set === null,
    plan: set ? (complete ? t.planStored : t.plan)(set.cropSize, formatNumber(set.train + set.val), formatNumber(set.train), formatNumber(set.val), mb(set.bytes)) : '',
    stored: stored > 0 ? t.stored(mb(stored)) : t.storedNone,
    status,
    error: activity.kind === 'failed' ? t.errors[activity.code] : '',
    progress: loading ? { value: p?.bytes ?? 0, max: set?.bytes ?? 1 } : null,
    downloadEnabled: !loading && set !== null && !complete,
    downloadShown: !complete,
    cancelShown: loading,
    removeText: stored > 0 && !loading ? t.remove(mb(stored)) : null,
  };
}

/** Where focus goes when the cancel button disappears: the download button if it can be pressed, else the status line (never <body>). */
export function focusAfterCancel(view: PanelView): 'download' | 'status' {
  return view.downloadShown && view.downloadEnabled ? 'download' : 'status';
}

/** The activity once a training run or a new download starts: an old notice (cancelled, removed, done, failed) goes. */
export function activityOnStart(activity: PanelState['activity']): PanelState['activity'] {
  return activity.kind === 'loading' ? activity : { kind: 'idle' };
}
