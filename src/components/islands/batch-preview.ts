/** <batch-preview>: the preview's code and images load on "Stichprobe ziehen", or at once when the page was opened from its link (batch-… parameters). */
import { defineLazyDemo } from './lazy-demo';

defineLazyDemo('batch-preview', async () => (await import('./batch-preview-app')).startPreview, 'batch-');
