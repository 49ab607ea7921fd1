import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/lib/server/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// The production entry (server/index.ts) imports build/handler.js and serves it next to /collab.
		adapter: adapter({ out: 'build', precompress: true }),
		// The Origin rule lives in src/hooks.server.ts (src/lib/server/http/origin-rule.ts), one rule for pages, API
		// routes and the node:http edge. SvelteKit's own check covers form content types only and would answer
		// those first, in a shape of its own; '*' switches it off (`checkOrigin: false` is deprecated).
		csrf: { trustedOrigins: ['*'] },
		// Registered by the signed-in layout (src/lib/offline/OfflineSession.svelte), never for anonymous visitors.
		serviceWorker: { register: false },
		// Every page is rendered on request, so 'auto' means a fresh nonce per answer; the directives and why each
		// source is there: src/lib/server/security-headers.js.
		csp: { mode: 'auto', directives: CSP_DIRECTIVES }
	}
};
