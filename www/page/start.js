// Starts the compute Worker as early as the page can: a module script of its own, ahead of the
// page's (index.html, embed.html), whose few modules arrive long before the views' do, so the
// Worker and its wasm load while the rest of the page is still being fetched.
import { createPlayground } from './playground.js';

export const playground = createPlayground();
