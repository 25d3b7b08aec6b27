import { describe, expect, it } from 'vitest';
import { buildIndex, CLASS_NAMES, compareCodePoints } from '../../src/lib/data/caltech101';
import { listDataset } from '../../src/lib/data/caltech101-node';
import { caltechFolder } from '../helpers/fixtures';

const tinyListing = () => Object.fromEntries(CLASS_NAMES.map((name) => [name, ['image_0002.jpg', 'image_0001.jpg']]));

describe('buildIndex', () => {
  it('sorts classes by code point as Python does: upper case before lower case', () => {
    expect(['accordion', 'Motorbikes', 'Faces_easy', 'Faces', 'ant'].sort(compareCodePoints)).toEqual([
      'Faces',
      'Faces_easy',
      'Motorbikes',
      'accordion',
      'ant',
    ]);
    expect([...CLASS_NAMES].sort(compareCodePoints)).toEqual(CLASS_NAMES);
  });

  it('leaves out BACKGROUND_Google and non-JPEG files, and sorts files within a class', () => {
    const listing = { ...tinyListing(), BACKGROUND_Google: ['image_0001.jpg', 'tmp'], Faces: ['image_0002.jpg', 'image_0001.jpg', 'Thumbs.db'] };
    const index = buildIndex(listing);
    expect(index.classes).toEqual(CLASS_NAMES);
    expect(index.images.slice(0, 3)).toEqual([
      { label: 0, file: 'image_0001.jpg' },
      { label: 0, file: 'image_0002.jpg' },
      { label: 1, file: 'image_0001.jpg' },
    ]);
    expect(index.counts.reduce((a, b) => a + b)).toBe(202);
  });

  it('names missing and unexpected class folders', () => {
    const listing = tinyListing();
    delete listing.panda;
    delete listing.yin_yang;
    listing.zebra = ['image_0001.jpg'];
    expect(() => buildIndex(listing)).toThrow(
      '101_ObjectCategories/ is not a complete Caltech 101: missing class folders: panda, yin_yang; unexpected folders: zebra',
    );
  });

  it('refuses a class folder without images', () => {
    expect(() => buildIndex({ ...tinyListing(), wrench: [] })).toThrow('101_ObjectCategories/wrench/ holds no .jpg images');
  });
});

describe.skipIf(!caltechFolder)('the real Caltech 101', () => {
  it('has 101 classes and 8,677 images, as torchvision reports', async () => {
    const index = buildIndex(await listDataset(caltechFolder!));
    expect(index.classes).toHaveLength(101);
    expect(index.images).toHaveLength(8677);
    expect(index.classes.slice(0, 5)).toEqual(['Faces', 'Faces_easy', 'Leopards', 'Motorbikes', 'accordion']);
    const count = (name: string) => index.counts[index.classes.indexOf(name)];
    expect([count('airplanes'), count('Motorbikes'), count('inline_skate')]).toEqual([800, 798, 31]);
  });
});
