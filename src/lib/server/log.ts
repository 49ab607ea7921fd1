import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino from 'pino';

/** What a log line says about the request it was written in: set by server/app.ts, the user by the session hooks. */
export interface RequestContext {
	reqId: string;
	userId?: string;
}

/**
 * Never logged, whatever an error object or a careless call carries (OWASP Logging Cheat Sheet, "data to
 * exclude": passwords, session identifiers, access tokens; and here the choice of a ballot). Lines are written
 * with ids and counts, not bodies; this list is the second line of defence.
 */
export const REDACTED_PATHS = [
	'password',
	'*.password',
	'currentPassword',
	'*.currentPassword',
	'newPassword',
	'*.newPassword',
	'token',
	'*.token',
	'cookie',
	'*.cookie',
	'*.headers.cookie',
	'*.headers.authorization',
	'authorization',
	'choice',
	'*.choice',
	'choices',
	'*.choices'
];

interface LogState {
	logger: pino.Logger;
	requests: AsyncLocalStorage<RequestContext>;
}

// One logger and one request store per process: the production entry and SvelteKit's bundle each carry a copy of
// this module (see db/client.ts), and a request that starts in one continues in the other.
const KEY = Symbol.for('quorum.log');
type Holder = { [KEY]?: LogState };

function state(): LogState {
	const holder = globalThis as Holder;
	if (holder[KEY]) return holder[KEY];
	const requests = new AsyncLocalStorage<RequestContext>();
	// Written off the event loop: a synchronous write per line stalls every request behind a slow reader of
	// stdout (measured: p95 ballot → tablets 155 → 430 ms with an access line per ballot). Lines still buffered
	// are flushed on exit (pino's exit hook); a kill -9 can lose the last few, which the audit log, a database
	// table, never does.
	const options: pino.LoggerOptions = {
		level: process.env.LOG_LEVEL || 'info',
		base: { service: 'quorum' },
		timestamp: pino.stdTimeFunctions.isoTime,
		formatters: { level: (label) => ({ level: label }) },
		redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
		mixin() {
			const context = requests.getStore();
			return context ? { reqId: context.reqId, ...(context.userId ? { userId: context.userId } : {}) } : {};
		}
	};
	const logger = pino(options, pino.destination({ dest: 1, sync: false }));
	holder[KEY] = { logger, requests };
	return holder[KEY];
}

/** The process's structured (JSON, one object per line) logger: journald and log shippers read it as it is. */
export function log(): pino.Logger {
	return state().logger;
}

/**
 * Starting, listening and stopping: written whatever LOG_LEVEL says (unless it is `silent`), because operators,
 * service managers and test harnesses wait for the line that says where the server listens.
 */
export function lifecycleLog(): pino.Logger {
	const logger = state().logger;
	return logger.level === 'silent' || logger.levelVal <= 30 ? logger : logger.child({}, { level: 'info' });
}

/** A request id a client or proxy sent is kept only if it is short and plain; otherwise we make one. */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestId(offered: string | string[] | undefined): string {
	return typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
}

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
	return state().requests.run(context, fn);
}

/** Names the signed-in user on every later line of this request. */
export function setRequestUser(userId: string): void {
	const context = state().requests.getStore();
	if (context) context.userId = userId;
}
