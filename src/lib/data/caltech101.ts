/**
 * Caltech 101 as torchvision's `datasets.Caltech101` sees it: where it comes from, which
 * classes it has, and the index (class, file) of every image, in torchvision's order.
 * Pure data and functions; reading folders and downloading live in caltech101-node.ts.
 */

/** Where the data set comes from and what it must contain. */
export const CALTECH101 = {
  /** The official record's archive (CaltechDATA, record mzrjq-6wc02). */
  url: 'https://data.caltech.edu/records/mzrjq-6wc02/files/caltech-101.zip?download=1',
  /** The image archive inside the zip, and its MD5 (the one torchvision checks). */
  archiveMember: 'caltech-101/101_ObjectCategories.tar.gz',
  md5: 'b224c7392d521a49829488ab0f1120d9',
  /** The folder the image archive unpacks to. */
  folder: '101_ObjectCategories',
  /** Not an object class: torchvision leaves it out. */
  background: 'BACKGROUND_Google',
  images: 8677,
  authors: "Li Fei-Fei, Marco Andreetto, Marc'Aurelio Ranzato, Pietro Perona",
  licence: 'CC BY 4.0',
  record: 'https://data.caltech.edu/records/mzrjq-6wc02',
} as const;

/** The 101 class folders, sorted by code point as Python's `sorted` sorts them. */
export const CLASS_NAMES: readonly string[] = [
  'Faces', 'Faces_easy', 'Leopards', 'Motorbikes', 'accordion', 'airplanes', 'anchor', 'ant', 'barrel',
  'bass', 'beaver', 'binocular', 'bonsai', 'brain', 'brontosaurus', 'buddha', 'butterfly', 'camera',
  'cannon', 'car_side', 'ceiling_fan', 'cellphone', 'chair', 'chandelier', 'cougar_body', 'cougar_face',
  'crab', 'crayfish', 'crocodile', 'crocodile_head', 'cup', 'dalmatian', 'dollar_bill', 'dolphin',
  'dragonfly', 'electric_guitar', 'elephant', 'emu', 'euphonium', 'ewer', 'ferry', 'flamingo',
  'flamingo_head', 'garfield', 'gerenuk', 'gramophone', 'grand_piano', 'hawksbill', 'headphone',
  'hedgehog', 'helicopter', 'ibis', 'inline_skate', 'joshua_tree', 'kangaroo', 'ketch', 'lamp', 'laptop',
  'llama', 'lobster', 'lotus', 'mandolin', 'mayfly', 'menorah', 'metronome', 'minaret', 'nautilus',
  'octopus', 'okapi', 'pagoda', 'panda', 'pigeon', 'pizza', 'platypus', 'pyramid', 'revolver', 'rhino',
  'rooster', 'saxophone', 'schooner', 'scissors', 'scorpion', 'sea_horse', 'snoopy', 'soccer_ball',
  'stapler', 'starfish', 'stegosaurus', 'stop_sign', 'strawberry', 'sunflower', 'tick', 'trilobite',
  'umbrella', 'watch', 'water_lilly', 'wheelchair', 'wild_cat', 'windsor_chair', 'wrench', 'yin_yang',
];

/** One image: its class index (into `DatasetIndex.classes`) and file name inside the class folder. */
export interface ImageEntry {
  label: number;
  file: string;
}

/** The data set in torchvision's order: classes sorted, images sorted within each class. */
export interface DatasetIndex {
  classes: string[];
  /** Images per class, in class order. */
  counts: number[];
  images: ImageEntry[];
}

/** Compares strings by Unicode code point, as Python's `sorted` does (not by locale). */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * Builds the index from a listing `{ classFolder: [fileName, …] }` of 101_ObjectCategories/.
 * Leaves out BACKGROUND_Google, as torchvision does. Throws when classes are missing or unknown.
 */
export function buildIndex(listing: Record<string, readonly string[]>): DatasetIndex {
  const folders = Object.keys(listing).filter((name) => name !== CALTECH101.background);
  const missing = CLASS_NAMES.filter((name) => !folders.includes(name));
  const unknown = folders.filter((name) => !CLASS_NAMES.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `missing class folders: ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unexpected folders: ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    throw new Error(`${CALTECH101.folder}/ is not a complete Caltech 101: ${parts.join('; ')}`);
  }
  const classes = [...folders].sort(compareCodePoints);
  const images: ImageEntry[] = [];
  const counts = classes.map((name, label) => {
    const files = listing[name].filter((f) => f.toLowerCase().endsWith('.jpg')).sort(compareCodePoints);
    if (files.length === 0) throw new Error(`${CALTECH101.folder}/${name}/ holds no .jpg images`);
    for (const file of files) images.push({ label, file });
    return files.length;
  });
  return { classes, counts, images };
}

/** Path of an image relative to 101_ObjectCategories/. */
export const imagePath = (index: DatasetIndex, entry: ImageEntry) => `${index.classes[entry.label]}/${entry.file}`;
