/**
 * What a step of the chain did, in German words for the reader: the steps report structured
 * draws (`StepDraw`, src/lib/transforms), and only the islands turn them into text.
 */
import type { StepDraw } from '../../lib/transforms';
import { de, signed } from './de';
import { formatNumber } from '../../lib/format';

/** e.g. "gespiegelt", "−3,7°" (a true minus), "übersprungen", "640×480 → 37×37". */
export function describeDraw(draw: StepDraw): string {
  switch (draw.kind) {
    case 'flip':
      return draw.flipped ? de.stepNotes.flipped : de.stepNotes.notFlipped;
    case 'rotate':
      return `${signed(draw.angle, 1)}°`;
    case 'apply':
      return draw.skipped ? de.stepNotes.skipped : draw.draws.map(describeDraw).join(' · ');
    case 'compose':
      return draw.draws.map(describeDraw).join(' → ');
    case 'rgb':
      return 'RGB';
    case 'resize':
      return `${formatNumber(draw.from.width)}×${formatNumber(draw.from.height)} → ${formatNumber(draw.to.width)}×${formatNumber(draw.to.height)}`;
    case 'crop':
      return `${draw.size}×${draw.size}`;
  }
}
