/**
 * Fixtures that are not committed: the Caltech 101 copy (tests/helpers/dataset.ts) and the
 * torchvision reference outputs made from it during the test run (tests/helpers/reference.ts,
 * the unit tests' global setup). Outside CI a test may skip with a printed reason when one is
 * missing; under CI=true a missing fixture fails the run, because CI is where everything is present.
 */
import { join, resolve } from 'node:path';
import { REFERENCE_DIR, locate } from './dataset';

export { caltechFolder, caltechRoot } from './dataset';

/** The torchvision reference outputs, made from the data set by Debian's torchvision. */
export const referenceFolder = locate(
  join(REFERENCE_DIR, 'stamp.json'),
  'torchvision reference outputs',
  "made by the unit tests' global setup (tests/helpers/reference.ts) from Caltech 101 with Debian's torchvision",
)
  ? resolve(REFERENCE_DIR)
  : null;
