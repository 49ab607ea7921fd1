import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { getDb } from '../../src/lib/server/db/client';
import { getCollabHub } from '../../src/lib/server/collab/hub';
import { devRules } from '../edge/rules';
import { createCollabRoute } from './upgrade';
import { rejectUpgrade, type UpgradeRoute } from '../upgrade';

let route: UpgradeRoute | undefined;

/**
 * `npm run dev`: Vite's HTTP server gets the same /collab endpoint as production. Loaded through Vite's SSR module
 * graph, so the database and the hub are the very instances SvelteKit's routes use.
 */
export function handleDevUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, https: boolean): void {
	route ??= createCollabRoute(getCollabHub(getDb), devRules(https));
	if (!route(req, socket, head)) rejectUpgrade(socket, 404, 'Not Found');
}
