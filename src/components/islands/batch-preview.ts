/** <batch-preview>: the preview's code and images load on "Stichprobe ziehen". */
import { defineLazyDemo } from './lazy-demo';

defineLazyDemo('batch-preview', async () => (await import('./batch-preview-app')).startPreview);
