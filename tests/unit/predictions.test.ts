/**
 * Predictions per validation image: checked against the record that names them, and read as
 * per-class accuracy and the most confused pairs over several seeds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classAccuracies, confusedPairs, overallAndPerClass } from '../../src/lib/runs/confusion';
import { validatePredictions, type Predictions } from '../../src/lib/runs/predictions';
import { runFromRecord, SMALL_BAND_KEY, bandKey } from '../../src/lib/runs/bands';
import { validateRecord } from '../../src/lib/runs/record';

// the fixture: 3 classes, 6 validation images, last validation accuracy 0.5
const record = validateRecord(JSON.parse(readFileSync('tests/fixtures/pytorch-original-tiny.json', 'utf8')));
const CLASSES = ['Faces', 'Leopards', 'accordion'];
const predictions = (images: Predictions['images'], over: Partial<Predictions> = {}): Predictions => ({
  format: 1,
  record: record.name,
  classes: CLASSES,
  correct: images.filter(([, t, q]) => t === q).length,
  images,
  ...over,
});
const IMAGES: Predictions['images'] = [
  ['Faces/image_0001.jpg', 0, 0],
  ['Faces/image_0002.jpg', 0, 1],
  ['Leopards/image_0001.jpg', 1, 1],
  ['Leopards/image_0002.jpg', 1, 0],
  ['accordion/image_0001.jpg', 2, 2],
  ['accordion/image_0002.jpg', 2, 0],
];

describe('validatePredictions', () => {
  it('accepts predictions that match their record', () => {
    expect(validatePredictions(predictions(IMAGES), record).images).toHaveLength(6);
  });

  it.each([
    ['another run', predictions(IMAGES, { record: 'other' }), 'belongs to run other'],
    ['too few images', predictions(IMAGES.slice(1)), '5 images, the record validated on 6'],
    ['a class list of the wrong length', predictions(IMAGES, { classes: ['Faces'] }), 'expected 3 names'],
    ['an image outside its class folder', predictions([['Leopards/image_0009.jpg', 0, 0], ...IMAGES.slice(1)]), 'is labelled Faces'],
    ['a class out of range', predictions([['Faces/image_0001.jpg', 0, 3], ...IMAGES.slice(1)]), 'class 3 out of range'],
    ['an image twice', predictions([IMAGES[1], ...IMAGES.slice(1)]), 'image Faces/image_0002.jpg twice'],
    ['a wrong count', predictions(IMAGES, { correct: 4 }), 'says 4 right, the images have 3'],
    ['another model', predictions(IMAGES.map(([id, t]) => [id, t, t])), 'is not the record\'s last validation accuracy 0.5'],
  ])('refuses %s', (_, value, message) => {
    expect(() => validatePredictions(value, record, 'p.json')).toThrow(message);
  });
});

describe('per class and per pair over seeds', () => {
  const seed0 = predictions(IMAGES);
  const seed1 = predictions(IMAGES.map(([id, t, q]) => [id, t, id === 'accordion/image_0002.jpg' ? 2 : id === 'Faces/image_0001.jpg' ? 1 : q]));

  it('gives each class its accuracy range over the runs, worst first', () => {
    expect(classAccuracies([seed0, seed1])).toEqual([
      { name: 'Faces', images: 2, accuracy: { min: 0, max: 0.5, mean: 0.25 } },
      { name: 'Leopards', images: 2, accuracy: { min: 0.5, max: 0.5, mean: 0.5 } },
      { name: 'accordion', images: 2, accuracy: { min: 0.5, max: 1, mean: 0.75 } },
    ]);
  });

  it('counts each confusion per run and ranks the pairs by their mean', () => {
    expect(confusedPairs([seed0, seed1], 3)).toEqual([
      { trueName: 'Faces', predictedName: 'Leopards', images: 2, counts: [1, 2], mean: 1.5 },
      { trueName: 'Leopards', predictedName: 'Faces', images: 2, counts: [1, 1], mean: 1 },
      { trueName: 'accordion', predictedName: 'Faces', images: 2, counts: [1, 0], mean: 0.5 },
    ]);
  });

  it('weighs every class alike in the mean per class, unlike the share over all images', () => {
    // one big class always right, two small ones always wrong: 4 of 6 images right, 1 of 3 classes
    const skewed = predictions(
      [
        ['Faces/image_0001.jpg', 0, 0],
        ['Faces/image_0002.jpg', 0, 0],
        ['Faces/image_0003.jpg', 0, 0],
        ['Faces/image_0004.jpg', 0, 0],
        ['Leopards/image_0001.jpg', 1, 0],
        ['accordion/image_0001.jpg', 2, 0],
      ],
      { correct: 4 },
    );
    const { overall, perClass } = overallAndPerClass([skewed]);
    expect(overall.mean).toBeCloseTo(4 / 6);
    expect(perClass.mean).toBeCloseTo(1 / 3);
  });

  it('refuses runs that predicted different images', () => {
    const other = predictions(IMAGES.map(([id, t, q], i) => [i === 0 ? 'Faces/image_0099.jpg' : id, t, q]));
    expect(() => classAccuracies([seed0, other])).toThrow('predicted different validation images');
  });
});

describe('the committed small runs', () => {
  const folder = 'src/data/reference';
  const small = readdirSync(folder)
    .filter((f) => f.endsWith('.json') && f !== 'pytorch-full-run.json')
    .map((f) => ({ file: f, record: validateRecord(JSON.parse(readFileSync(`${folder}/${f}`, 'utf8')), f) }))
    .filter(({ file, record }) => bandKey(runFromRecord(record, file)) === SMALL_BAND_KEY);

  it('are three seeds of the small configuration; seed 0 ran alone (the lesson quotes its time), 1 and 2 shared the machine', () => {
    expect(small.map(({ record }) => record.config.seed).sort()).toEqual([0, 1, 2]);
    for (const { record } of small) {
      expect(record.config).toMatchObject({ cropSize: 64, classes: 101, epochs: 10, batchSize: 64, learningRate: 0.001, recipe: 'corrected' });
      expect(record.config.split).toMatch(/^chapters:/);
      expect(record.provenance).toMatchObject({ engine: 'pytorch', device: 'cpu', concurrent: record.config.seed !== 0 });
    }
  });

  it('each name predictions that match them image for image', () => {
    const runs = small.map(({ file, record }) => {
      const named = (record as { predictions?: string }).predictions;
      expect(named, `${file} names no predictions`).toMatch(/^predictions\/.+\.json$/);
      return validatePredictions(JSON.parse(readFileSync(`${folder}/${named}`, 'utf8')), record, named);
    });
    expect(classAccuracies(runs)).toHaveLength(101);
    expect(confusedPairs(runs).length).toBe(5);
  });
});
