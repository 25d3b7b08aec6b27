/**
 * The training demo's link (src/lib/demo/training-link.ts): every setting of the options table
 * under `demo-…`, read back exactly; values the form does not list but the range allows (the
 * tests' tiny runs) are taken; garbage gives the default and a German notice; `demo-backend`,
 * `demo-kernels` and `demo-simulate` are known and absent by default; defaults stay out of the link.
 */
import { describe, expect, it } from 'vitest';
import { noticesText, readLink, writeLink } from '../../src/lib/demo/link-state';
import { LEARNING_RATES, SEED_OPTION, TRAINING_OPTIONS, TRAINING_RECIPES } from '../../src/lib/demo/options';
import { readTrainingLink, trainingField, trainingLink } from '../../src/lib/demo/training-link';

const defaults = readTrainingLink('').values;

describe('trainingLink', () => {
  it('has one field per setting of the options table, plus seed, lr, recipe and the three test switches', () => {
    const names = [...Object.values(TRAINING_OPTIONS).map((o) => trainingField(o.param)), trainingField(SEED_OPTION.param), LEARNING_RATES.field, TRAINING_RECIPES.field, 'backend', 'kernels', 'simulate'];
    expect(Object.keys(trainingLink.fields).toSorted()).toEqual(names.toSorted());
    expect(defaults).toMatchObject({ classes: 5, 'per-class': 40, size: 32, epochs: 5, batch: 32, seed: 0, lr: '0.001', recipe: 'corrected', backend: null, kernels: null, simulate: null });
    for (const o of Object.values(TRAINING_OPTIONS)) expect(defaults[trainingField(o.param)]).toBe(o.default);
  });

  it('reads non-default values, also ones the form does not list but the range allows', () => {
    const { values, notices } = readTrainingLink('?demo-classes=2&demo-per-class=4&demo-size=16&demo-batch=4&demo-epochs=100&demo-seed=4294967295&demo-lr=0.003&demo-recipe=original&demo-backend=cpu&demo-kernels=stock&demo-simulate=device-lost');
    expect(notices).toEqual([]);
    expect(values).toEqual({ classes: 2, 'per-class': 4, size: 16, batch: 4, epochs: 100, seed: 4294967295, lr: '0.003', recipe: 'original', backend: 'cpu', kernels: 'stock', simulate: 'device-lost' });
  });

  it('gives the default and a German notice for garbage, out-of-range and unknown parameters', () => {
    const { values, notices } = readLink(trainingLink, '?demo-size=17&demo-classes=11&demo-epochs=1.5&demo-batch=04&demo-lr=1&demo-recipe=alle&demo-backend=gpu&demo-seed=-1&demo-farbe=rot');
    expect(values).toEqual(defaults);
    expect(notices.map((n) => n.param)).toEqual(['demo-classes', 'demo-size', 'demo-epochs', 'demo-batch', 'demo-seed', 'demo-lr', 'demo-recipe', 'demo-backend', 'demo-farbe']);
    const text = noticesText(trainingLink.demo, notices);
    expect(text).toMatch(/^Training im Browser: Nicht alles aus dem Link ließ sich übernehmen\./);
    expect(text).toContain('„demo-size=17“; erlaubt: 16, 32, 64, 128, 224. Die Demo nimmt stattdessen die Voreinstellung (32).');
    expect(text).toContain(`„demo-classes=11“; erlaubt: eine ganze Zahl von ${TRAINING_OPTIONS.classes.min} bis ${TRAINING_OPTIONS.classes.max}.`);
    expect(text).toContain('„demo-backend=gpu“; erlaubt: webgpu, webgl, cpu. Die Demo nimmt stattdessen die Voreinstellung.');
    // Numbers in notices are German (as the select shows them); the link's own value stays as written.
    expect(text).toContain('„demo-lr=1“; erlaubt: 0,0003, 0,001, 0,003. Die Demo nimmt stattdessen die Voreinstellung (0,001).');
    expect(text).toContain('„demo-farbe=rot“, das kennt diese Demo nicht');
  });

  it('writes only what differs from the defaults, and keeps other parameters', () => {
    expect(writeLink(trainingLink, defaults, '?pg-size=64')).toBe('?pg-size=64');
    const search = writeLink(trainingLink, { ...defaults, size: 16, batch: 4, recipe: 'original', backend: 'cpu' }, '?demo-size=64&demo-x=1');
    expect(search).toBe('?demo-size=16&demo-batch=4&demo-recipe=original&demo-backend=cpu');
    expect(readLink(trainingLink, search).values).toEqual({ ...defaults, size: 16, batch: 4, recipe: 'original', backend: 'cpu' });
  });
});
