import { describe, expect, it } from 'vitest';
import { hasLink, noticesText, readLink, writeLink } from '../../src/lib/demo/link-state';
import { batchLink, convolutionLink, playgroundLink, sampleId, summaryLink, type PlaygroundLink } from '../../src/lib/demo/link-specs';
import { MAX_SEED } from '../../src/lib/demo/options';

const SAMPLES = ['accordion_image_0001', 'panda_image_0005', 'yin_yang_image_0001'];
const pg = playgroundLink(SAMPLES);
const conv = convolutionLink(SAMPLES);
const PG_DEFAULTS: PlaygroundLink = { image: 'accordion_image_0001', recipe: 'train', size: 224, off: [], seed: 1 };

describe('readLink: good values are taken', () => {
  it.each([
    ['', PG_DEFAULTS],
    ['?pg-image=panda_image_0005&pg-recipe=original&pg-size=64&pg-off=flip2,rot1&pg-seed=42', { image: 'panda_image_0005', recipe: 'original', size: 64, off: ['flip2', 'rot1'], seed: 42 }],
    ['?pg-off=crop,resize', { ...PG_DEFAULTS, off: ['resize', 'crop'] }],
    ['?pg-off=', PG_DEFAULTS],
    [`?pg-seed=${MAX_SEED}`, { ...PG_DEFAULTS, seed: 4294967295 }],
    ['?pg-seed=0', { ...PG_DEFAULTS, seed: 0 }],
  ])('playground %s', (search, values) => {
    expect(readLink(pg, search)).toEqual({ values, notices: [] });
  });

  it.each([
    ['?batch-recipe=val&batch-seed=123456', { recipe: 'val', seed: 123456 }],
    ['', { recipe: 'train', seed: null }],
  ])('batch preview %s', (search, values) => {
    expect(readLink(batchLink, search)).toEqual({ values, notices: [] });
  });

  it.each([16, 32, 64, 128, 224])('summary size %i', (size) => {
    expect(readLink(summaryLink, `?summary-size=${size}`)).toEqual({ values: { size }, notices: [] });
  });

  it('convolution: image, custom values with signs and decimals, stride, padding', () => {
    const { values, notices } = readLink(conv, '?conv-image=yin_yang_image_0001&conv-kernel=custom&conv-values=0,-1,0,-1,5,-1,0,-1,.5&conv-stride=2&conv-padding=1');
    expect(notices).toEqual([]);
    expect(values).toEqual({ image: 'yin_yang_image_0001', kernel: 'custom', values: [0, -1, 0, -1, 5, -1, 0, -1, 0.5], stride: 2, padding: 1 });
  });
});

describe('readLink: garbage gives the defaults and German notices', () => {
  const garbage = [
    'pg-size=17',
    'pg-size=224.0',
    'pg-size=',
    'pg-recipe=TRAIN',
    'pg-image=../../etc/passwd',
    'pg-off=flip,flip',
    'pg-off=rgb',
    'pg-seed=-1',
    'pg-seed=4294967296',
    'pg-seed=1e3',
    'pg-seed=+7',
    'pg-seed=007',
    'pg-seed=3.5',
    'pg-seed=abc',
    `pg-seed=${'9'.repeat(80)}`,
  ];
  it.each(garbage)('playground %s', (param) => {
    const { values, notices } = readLink(pg, `?${param}`);
    expect(values).toEqual(PG_DEFAULTS);
    expect(notices).toHaveLength(1);
    expect(notices[0].kind).toBe('invalid');
  });

  it.each(['conv-values=1,2,3', 'conv-values=1,2,3,4,5,6,7,8,x', 'conv-values=1,2,3,4,5,6,7,8,1001', 'conv-values=1;2;3;4;5;6;7;8;9', 'conv-stride=0', 'conv-padding=3', 'conv-kernel=gauss'])(
    'convolution %s',
    (param) => {
      const { values, notices } = readLink(conv, `?${param}`);
      expect(values).toEqual({ image: 'accordion_image_0001', kernel: 'edgeVertical', values: null, stride: 1, padding: 0 });
      expect(notices).toHaveLength(1);
    },
  );

  it('names unknown parameters of its own prefix and leaves other demos alone', () => {
    const { values, notices } = readLink(summaryLink, '?summary-size=64&summary-zoom=2&pg-size=17&demo-backend=cpu&demo-simulate=fail');
    expect(values).toEqual({ size: 64 });
    expect(notices).toEqual([{ param: 'summary-zoom', value: '2', kind: 'unknown' }]);
  });

  it('words every notice in German (snapshot)', () => {
    const all = [
      noticesText(pg.demo, readLink(pg, `?${garbage.join('&')}`).notices),
      noticesText(batchLink.demo, readLink(batchLink, '?batch-seed=-5&batch-recipe=x&batch-foo=1').notices),
      noticesText(summaryLink.demo, readLink(summaryLink, '?summary-size=17').notices),
      noticesText(conv.demo, readLink(conv, '?conv-values=1,2&conv-stride=9').notices),
    ];
    expect(all).toMatchSnapshot();
    expect(noticesText(pg.demo, [])).toBe('');
  });
});

describe('writeLink', () => {
  it('writes only what differs from the defaults and keeps every other parameter', () => {
    const search = '?demo-backend=cpu&pg-size=17&demo-simulate=fail-after-batch&summary-size=64';
    const out = writeLink(pg, { ...PG_DEFAULTS, recipe: 'val', off: ['crop', 'resize'], seed: 7 }, search);
    expect(out).toBe('?demo-backend=cpu&demo-simulate=fail-after-batch&summary-size=64&pg-recipe=val&pg-off=resize,crop&pg-seed=7');
    expect(writeLink(pg, PG_DEFAULTS, '?pg-seed=9')).toBe('');
  });

  it('round-trips every demo through its link', () => {
    const cases = [
      [pg, { image: 'yin_yang_image_0001', recipe: 'original', size: 16, off: ['resize', 'flip1', 'rot3'], seed: MAX_SEED }],
      [batchLink, { recipe: 'val', seed: 0 }],
      [summaryLink, { size: 32 }],
      [conv, { image: 'panda_image_0005', kernel: 'custom', values: [0.111111, -1, 0, 2.5, 5, -1000, 0, 1000, 0.5], stride: 3, padding: 2 }],
    ] as const;
    for (const [spec, values] of cases) {
      const search = writeLink(spec, values as never, '?x=1');
      expect(hasLink(spec, search)).toBe(true);
      expect(readLink(spec, search)).toEqual({ values, notices: [] });
    }
  });

  it('names sample files by their stem', () => {
    expect(sampleId('samples/panda_image_0005.jpg')).toBe('panda_image_0005');
  });
});
