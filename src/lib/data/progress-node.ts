/**
 * A terminal progress bar like tqdm's: `label [#####·····] 45% 58.1/130.2 MB 12.3 MB/s ETA 6s`.
 * On a terminal it redraws one line; elsewhere (CI logs) it prints a line every 10 %.
 */
export interface ProgressBar {
  update(done: number, total?: number): void;
  finish(): void;
}

const mb = (n: number) => (n / 1e6).toFixed(1);
const seconds = (s: number) => (s >= 90 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${Math.round(s)}s`);

/** A bar for `label`; `unit: 'bytes'` shows MB and MB/s, `'items'` counts and it/s. */
export function createProgressBar(label: string, unit: 'bytes' | 'items', stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const started = Date.now();
  let lastDecile = -1;
  let lastDraw = 0;
  let line = '';
  const render = (done: number, total?: number) => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const amount = unit === 'bytes' ? `${mb(done)}${total ? `/${mb(total)}` : ''} MB` : `${done}${total ? `/${total}` : ''}`;
    const speed = unit === 'bytes' ? `${mb(rate)} MB/s` : `${rate.toFixed(1)} it/s`;
    if (!total) return `${label} ${amount} ${speed}`;
    const frac = Math.min(done / total, 1);
    const bar = '#'.repeat(Math.round(frac * 20)).padEnd(20, '·');
    const eta = rate > 0 ? ` ETA ${seconds((total - done) / rate)}` : '';
    return `${label} [${bar}] ${String(Math.floor(frac * 100)).padStart(3)}% ${amount} ${speed}${frac < 1 ? eta : ''}`;
  };
  return {
    update(done, total) {
      line = render(done, total);
      if (stream.isTTY) {
        if (Date.now() - lastDraw < 100) return;
        lastDraw = Date.now();
        stream.write(`\r${line}\x1b[K`);
      } else if (total) {
        const decile = Math.floor((done / total) * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          stream.write(`${line}\n`);
        }
      }
    },
    finish() {
      if (stream.isTTY && line) stream.write(`\r${line}\x1b[K\n`);
      else if (line && lastDecile < 10) stream.write(`${line}\n`);
    },
  };
}
