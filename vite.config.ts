import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';
import { paraglideOptions } from './paraglide.config.js';

/** Serves /collab/<room> from Vite's own HTTP server in `npm run dev`, as server/index.ts does in production. */
function collabDevServer(): Plugin {
	return {
		name: 'quorum-collab-dev',
		apply: 'serve',
		configureServer(server) {
			server.httpServer?.on('upgrade', (req, socket, head) => {
				// Vite's HMR socket shares this server: only our prefix is ours to answer.
				if (!req.url?.startsWith('/collab/')) return;
				server
					.ssrLoadModule('/server/collab/dev.ts')
					.then((mod) => (mod as typeof import('./server/collab/dev')).handleDevUpgrade(req, socket, head))
					.catch((error: unknown) => {
						console.error('[collab] dev upgrade failed', error);
						socket.destroy();
					});
			});
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin(paraglideOptions),
		sveltekit(),
		collabDevServer()
	],
	server: { host: '127.0.0.1' }
});
