/**
 * Epoch metrics, computed the way the corrected training loop does it.
 *
 * The original tutorial stored `loss.item()` of the *last* batch as the epoch's loss.
 * That single number depends on which 29 images happen to land in the final, smaller
 * batch. The epoch loss is the mean over every image seen: each batch's mean loss is
 * weighted by its size, because the last batch is usually smaller than the others.
 */

/** One batch's contribution: its mean loss, its size and how many predictions were right. */
export interface BatchResult {
  /** Mean loss over the batch, as returned by a `reduction: 'mean'` loss. */
  meanLoss: number;
  /** Number of images in the batch (the last batch may be smaller). */
  size: number;
  /** Number of images whose arg-max prediction equals the label. */
  correct: number;
}

/** Running totals for one epoch; read `meanLoss` and `accuracy` at any time. */
export class EpochMeter {
  #lossSum = 0;
  #correct = 0;
  #seen = 0;
  #lastBatchLoss = Number.NaN;

  /** Adds one batch. Throws on sizes or counts that cannot come from a real batch. */
  update({ meanLoss, size, correct }: BatchResult): void {
    if (!Number.isInteger(size) || size <= 0) {
      throw new RangeError(`invalid batch size: ${size} (expected a positive integer)`);
    }
    if (!Number.isInteger(correct) || correct < 0 || correct > size) {
      throw new RangeError(`invalid correct count: ${correct} (expected 0 … ${size})`);
    }
    if (!Number.isFinite(meanLoss)) {
      throw new RangeError(`loss is ${meanLoss}: training diverged (try a smaller learning rate)`);
    }
    this.#lossSum += meanLoss * size;
    this.#correct += correct;
    this.#seen += size;
    this.#lastBatchLoss = meanLoss;
  }

  /** Images seen so far in this epoch. */
  get seen(): number {
    return this.#seen;
  }

  /** Mean loss over every image seen so far: Σ(loss_b · n_b) / Σ n_b. */
  get meanLoss(): number {
    return this.#seen === 0 ? Number.NaN : this.#lossSum / this.#seen;
  }

  /** Fraction of images classified correctly so far. */
  get accuracy(): number {
    return this.#seen === 0 ? Number.NaN : this.#correct / this.#seen;
  }

  /** The original tutorial's epoch "loss": the mean loss of the last batch alone. */
  get lastBatchLoss(): number {
    return this.#lastBatchLoss;
  }
}

/** Counts how many of `predicted` equal `labels` (both class indices, same length). */
export function countCorrect(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predicted.length !== labels.length) {
    throw new RangeError(`length mismatch: ${predicted.length} predictions, ${labels.length} labels`);
  }
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct;
}
