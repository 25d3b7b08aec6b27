/**
 * The demos' reducers put their state into the link as data (a 'write-link' effect, carried out
 * by the glue with history.replaceState) exactly when what the link holds changes; a state
 * restored from a link gives that link back; an own image in the playground is named in the link note.
 */
import { describe, expect, it } from 'vitest';
import { readLink, writeLink } from '../../src/lib/demo/link-state';
import { convolutionLink, playgroundLink } from '../../src/lib/demo/link-specs';
import { MAX_SEED } from '../../src/lib/demo/options';
import { initialState, linkOfPlayground, update, type PlaygroundEvent } from '../../src/components/islands/transforms-playground-state';
import { viewOf } from '../../src/components/islands/transforms-playground-view';
import { convFromLink, initialConv, linkOfConv, updateConv, viewConv } from '../../src/components/islands/convolution-state';

const panda = { file: 'samples/panda_image_0005.jpg', label: 'panda' };
const accordion = { file: 'samples/accordion_image_0001.jpg', label: 'accordion' };
const start = () => initialState({ recipe: 'train', cropSize: 224, disabled: [], sample: panda });
const links = (effects: { type: string }[]) => effects.filter((e) => e.type === 'write-link');

describe('the playground writes its link', () => {
  it.each<[string, PlaygroundEvent, object]>([
    ['size', { type: 'set-size', cropSize: 64 }, { size: 64 }],
    ['recipe', { type: 'set-recipe', recipe: 'original' }, { recipe: 'original' }],
    ['a step off', { type: 'toggle-step', key: 'rot', on: false }, { off: ['rot'] }],
    ['re-roll', { type: 'reroll' }, { seed: 2 }],
    ['sample', { type: 'choose-sample', sample: accordion }, { image: 'accordion_image_0001' }],
  ])('on a change of %s', (_, event, changed) => {
    expect(links(update(start(), event).effects)).toEqual([
      { type: 'write-link', link: { image: 'panda_image_0005', recipe: 'train', size: 224, off: [], seed: 1, ...changed } },
    ]);
  });

  it('writes nothing when the link stays the same (an own image, a worker answer, a timeout)', () => {
    expect(links(update(start(), { type: 'choose-upload', blob: new Blob(['x']), name: 'ich.jpg' }).effects)).toEqual([]);
    expect(links(update(start(), { type: 'timeout', id: 7 }).effects)).toEqual([]);
    expect(links(update(start(), { type: 'sample-failed', message: 'HTTP 404' }).effects)).toEqual([]);
  });

  it('starts at seed 1 without a link (an undefined seed from the glue is no seed)', () => {
    expect(initialState({ recipe: 'train', cropSize: 224, disabled: [], sample: panda, seed: undefined, linkNotices: undefined })).toMatchObject({ seed: 1, linkNotices: '' });
  });

  it('re-rolls from the largest seed to 0, so the seed stays an unsigned 32-bit integer', () => {
    const last = initialState({ recipe: 'train', cropSize: 224, disabled: [], sample: panda, seed: MAX_SEED });
    expect(update(last, { type: 'reroll' }).state.seed).toBe(0);
  });

  it('starts with the seed and notices of its link, and its link reads back as the same state', () => {
    const spec = playgroundLink(['accordion_image_0001', 'panda_image_0005']);
    const s = initialState({ recipe: 'val', cropSize: 32, disabled: ['crop'], sample: panda, seed: 99, linkNotices: 'Hinweis.' });
    expect(readLink(spec, writeLink(spec, linkOfPlayground(s), '')).values).toEqual({ image: 'panda_image_0005', recipe: 'val', size: 32, off: ['crop'], seed: 99 });
    expect(viewOf(s).linkNote).toBe('Hinweis.');
  });

  it('says in the link note that an own image does not travel in the link', () => {
    const decodedUpload = [
      { type: 'choose-upload', blob: new Blob(['x']), name: 'ich.jpg' },
      {
        type: 'worker',
        message: { type: 'decoded', id: 1, width: 3, height: 2, header: { type: 'jpeg', width: 3, height: 2, notes: [], truncated: false }, hadAlpha: false, orientation: 1, preview: { close() {} } as unknown as ImageBitmap },
      },
    ] as PlaygroundEvent[];
    const s = decodedUpload.reduce((state, e) => update(state, e).state, start());
    expect(s.input?.source.kind).toBe('upload');
    expect(viewOf(s).linkNote).toBe(
      'Dein eigenes Bild reist nicht im Link mit – es verlässt deinen Browser nicht. Wer den Link öffnet, sieht das Beispielbild „panda“ mit denselben Einstellungen.',
    );
    expect(viewOf(start()).linkNote).toBe('');
  });
});

describe('the convolution figure writes its link', () => {
  it('names a menu kernel and carries own values as numbers (an unreadable cell as 0)', () => {
    const s = updateConv(initialConv(panda), { type: 'choose-kernel', kernel: 'sharpen' });
    expect(links(s.effects)).toEqual([{ type: 'write-link', link: { image: 'panda_image_0005', kernel: 'sharpen', values: null, stride: 1, padding: 0 } }]);
    const edited = updateConv(s.state, { type: 'edit-cell', index: 0, text: '0,5' });
    expect(links(edited.effects)).toEqual([{ type: 'write-link', link: { image: 'panda_image_0005', kernel: 'custom', values: [0.5, -1, 0, -1, 5, -1, 0, -1, 0], stride: 1, padding: 0 } }]);
    expect(linkOfConv(updateConv(edited.state, { type: 'edit-cell', index: 1, text: 'abc' }).state).values).toEqual([0.5, 0, 0, -1, 5, -1, 0, -1, 0]);
    expect(links(updateConv(s.state, { type: 'set-stride', stride: 1 }).effects)).toEqual([]);
  });

  it('restores own values, stride and padding from its link and gives the same link back', () => {
    const spec = convolutionLink(['accordion_image_0001', 'panda_image_0005']);
    const { values } = readLink(spec, '?conv-image=panda_image_0005&conv-kernel=custom&conv-values=0,0.5,0,0,-2,0,0,0.25,0&conv-stride=2&conv-padding=1');
    const s = convFromLink(panda, values);
    expect(viewConv(s).cells.map((c) => c.text)).toEqual(['0', '0,5', '0', '0', '−2', '0', '0', '0,25', '0']);
    expect([s.kernel, s.stride, s.padding]).toEqual(['custom', 2, 1]);
    expect(linkOfConv(s)).toEqual(values);
    expect(convFromLink(panda, { ...values, kernel: 'blur', values: null }).cells[0]).toBe('0,111');
  });
});
