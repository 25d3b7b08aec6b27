/** <transforms-playground>: the playground's code loads on "Demo starten", or at once when the page was opened from its link (pg-… parameters). */
import { defineLazyDemo } from './lazy-demo';

defineLazyDemo('transforms-playground', async () => (await import('./transforms-playground-app')).startPlayground, 'pg-');
