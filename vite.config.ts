import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// Vietnamese is the base locale; a remembered switch (cookie) beats Accept-Language.
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			cookieName: 'quorum_locale'
		}),
		sveltekit()
	],
	server: { host: '127.0.0.1' }
});
