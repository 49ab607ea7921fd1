import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// The production entry (server/index.ts) imports build/handler.js and serves it next to /collab.
		adapter: adapter({ out: 'build', precompress: true }),
		// Registered by the signed-in layout (src/lib/offline/OfflineSession.svelte), never for anonymous visitors.
		serviceWorker: { register: false }
	}
};
