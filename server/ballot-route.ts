import type { IncomingMessage, ServerResponse } from 'node:http';
import { collabRooms } from '../src/lib/server/collab/hub';
import { getDb } from '../src/lib/server/db/client';
import { castBallot } from '../src/lib/server/votes/ballots';
import { meetingEvents } from '../src/lib/server/live/events';
import { clientAddress } from './edge/address';
import { readJsonBody } from './edge/json-body';
import { verifyOrigin } from './edge/origin';
import { sendError, sendJson } from './edge/respond';
import type { EdgeRules } from './edge/rules';
import { requireUser } from './edge/session';
import type { EdgeRoute } from './routes';
import { log, setRequestUser } from '../src/lib/server/log';

/**
 * `POST /api/v1/motions/:id/ballots`, `{choice, onBehalfOf?}`: 201 once the ballot is on disk (group commit:
 * ballots of the same moment share one fsync); final, a second one is 409 already_voted.
 *
 * The only door for ballots, and it is not SvelteKit's: a convention casts 500 ballots in a second, and
 * SvelteKit's request machinery (Request/Response objects, hooks, locale middleware) costs about 0.6 ms of CPU per
 * request, which alone would fill a third of a core and push p95 past 100 ms. What SvelteKit's hooks and api.ts
 * would have done comes from server/edge, which shares its rules with them: Origin, session, JSON body, client
 * address, error body.
 */
const PATH = /^\/api\/v1\/motions\/([a-z2-7]{8,40})\/ballots$/;

export function ballotRoute(rules: EdgeRules): EdgeRoute {
	return (req, res) => {
		const url = req.url ?? '';
		const q = url.indexOf('?');
		const match = PATH.exec(q < 0 ? url : url.slice(0, q));
		if (!match) return false;
		if (req.method === 'POST') void serve(req, res, match[1]!, rules);
		else methodNotAllowed(req, res);
		return true;
	};
}

async function serve(req: IncomingMessage, res: ServerResponse, motionId: string, rules: EdgeRules): Promise<void> {
	const appOrigin = rules.appOrigin(req.headers);
	const setCookies: string[] = [];
	try {
		// In SvelteKit's order: the Origin rule (hooks), the session (hooks, requireUser), then the body.
		verifyOrigin(req, appOrigin);
		const user = requireUser(req, appOrigin?.startsWith('https:') ?? false, setCookies);
		setRequestUser(user.id);
		const body = await readJsonBody(req);
		const ip = clientAddress(req.headers, req.socket.remoteAddress, rules.address);
		sendJson(res, 201, await castBallot(getDb(), { actor: user, ip, events: meetingEvents, rooms: collabRooms }, motionId, body), setCookies);
	} catch (e) {
		await sendError(req, res, e, setCookies).catch((failure: unknown) => {
			log().error({ err: failure }, '[votes] could not answer a ballot request');
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	}
}

/** What SvelteKit answers for a method a route does not have. */
function methodNotAllowed(req: IncomingMessage, res: ServerResponse): void {
	req.resume();
	const text = `${req.method} method not allowed`;
	res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain;charset=UTF-8', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}
