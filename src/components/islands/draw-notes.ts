/**
 * What a step of the chain did, in German words for the reader: the steps report structured
 * draws (`StepDraw`, src/lib/transforms), and only the islands turn them into text.
 */
import type { StepDraw } from '../../lib/transforms';
import { de } from './de';

const oneDecimal = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** e.g. "gespiegelt", "-3,7°", "übersprungen", "640×480 → 37×37". */
export function describeDraw(draw: StepDraw): string {
  switch (draw.kind) {
    case 'flip':
      return draw.flipped ? de.stepNotes.flipped : de.stepNotes.notFlipped;
    case 'rotate':
      return `${oneDecimal.format(draw.angle)}°`;
    case 'apply':
      return draw.skipped ? de.stepNotes.skipped : draw.draws.map(describeDraw).join(' · ');
    case 'compose':
      return draw.draws.map(describeDraw).join(' → ');
    case 'rgb':
      return 'RGB';
    case 'resize':
      return `${draw.from.width}×${draw.from.height} → ${draw.to.width}×${draw.to.height}`;
    case 'crop':
      return `${draw.size}×${draw.size}`;
  }
}
