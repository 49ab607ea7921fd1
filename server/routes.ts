import type { IncomingMessage, ServerResponse } from 'node:http';
import { ballotRoute } from './ballot-route';
import type { EdgeRules } from './edge/rules';
import { healthzRoute } from './healthz';

/** A request served on node:http before SvelteKit; returns true when it claimed (and will answer) the request. */
export type EdgeRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The requests answered beside SvelteKit, in production (server/index.ts) and in `npm run dev` (server/dev.ts)
 * alike. Each goes through server/edge for what SvelteKit's hooks would otherwise have done.
 */
export function edgeRoutes(rules: EdgeRules): EdgeRoute[] {
	return [healthzRoute, ballotRoute(rules)];
}
