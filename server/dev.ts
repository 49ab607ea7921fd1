import type { IncomingMessage, ServerResponse } from 'node:http';
import { devRules } from './edge/rules';
import { edgeRoutes, type EdgeRoute } from './routes';

let routes: EdgeRoute[] | undefined;

/**
 * `npm run dev`: Vite's HTTP server answers the edge routes as production does (ballots, /healthz); anything else
 * goes on to SvelteKit. Loaded through Vite's SSR module graph (vite.config.ts), so the database and the live hub
 * are the very instances SvelteKit's routes use.
 */
export function handleDevRequest(req: IncomingMessage, res: ServerResponse, next: () => void, https: boolean): void {
	routes ??= edgeRoutes(devRules(https));
	if (!routes.some((route) => route(req, res))) next();
}
