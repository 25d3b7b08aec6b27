/** <transforms-playground>: the playground's code loads on "Demo starten". */
import { defineLazyDemo } from './lazy-demo';

defineLazyDemo('transforms-playground', async () => (await import('./transforms-playground-app')).startPlayground);
