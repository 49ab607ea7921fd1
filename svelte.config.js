import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/lib/server/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// The production entry (server/index.ts) imports build/handler.js and serves it next to /collab.
		adapter: adapter({ out: 'build', precompress: true }),
		// Registered by the signed-in layout (src/lib/offline/OfflineSession.svelte), never for anonymous visitors.
		serviceWorker: { register: false },
		// Every page is rendered on request, so 'auto' means a fresh nonce per answer; the directives and why each
		// source is there: src/lib/server/security-headers.js.
		csp: { mode: 'auto', directives: CSP_DIRECTIVES }
	}
};
