import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin, type ViteDevServer } from 'vite';
import { paraglideOptions } from './paraglide.config.js';

/**
 * `npm run dev` serves what server/index.ts serves beside SvelteKit in production: the edge routes (ballots,
 * /healthz; server/routes.ts) ahead of SvelteKit, and /collab/<room> upgrades. Both are loaded through Vite's SSR
 * module graph, so the database and the live hub are the very instances SvelteKit's routes use.
 */
function edgeDevServer(): Plugin {
	return {
		name: 'quorum-edge-dev',
		apply: 'serve',
		configureServer(server) {
			const https = Boolean(server.config.server.https);
			// Added here, not in a returned hook: ahead of SvelteKit's middleware, which answers everything it sees.
			server.middlewares.use((req, res, next) => {
				load<typeof import('./server/dev')>(server, '/server/dev.ts')
					.then((mod) => mod.handleDevRequest(req, res, next, https))
					.catch((error: unknown) => next(error));
			});
			server.httpServer?.on('upgrade', (req, socket, head) => {
				// Vite's HMR socket shares this server: only our prefix is ours to answer.
				if (!req.url?.startsWith('/collab/')) return;
				load<typeof import('./server/collab/dev')>(server, '/server/collab/dev.ts')
					.then((mod) => mod.handleDevUpgrade(req, socket, head, https))
					.catch((error: unknown) => {
						console.error('[collab] dev upgrade failed', error);
						socket.destroy();
					});
			});
		}
	};
}

const load = <T>(server: ViteDevServer, path: string) => server.ssrLoadModule(path) as Promise<T>;

export default defineConfig({
	plugins: [
		paraglideVitePlugin(paraglideOptions),
		sveltekit(),
		edgeDevServer()
	],
	server: { host: '127.0.0.1' }
});
