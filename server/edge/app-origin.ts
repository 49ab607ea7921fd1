import type { IncomingHttpHeaders } from 'node:http';

/**
 * The origin SvelteKit takes a request to have been made to (its `event.url.origin`), worked out the same way
 * here so the node:http doors and SvelteKit's routes accept the same `Origin`, and set `Secure` cookies alike.
 * Null when it cannot be told (SvelteKit would answer such a request 400).
 */
export type AppOriginRule = (headers: IncomingHttpHeaders) => string | null;

/**
 * adapter-node (build/handler.js `get_origin`): ORIGIN if set; otherwise PROTOCOL_HEADER (default `https`),
 * HOST_HEADER or Host, PORT_HEADER. server/index.ts points PROTOCOL_HEADER at a header app.ts overwrites with the
 * connection's real scheme, so without ORIGIN this is the scheme and host the client used.
 */
export function adapterNodeOrigin(configured: string | null, env: NodeJS.ProcessEnv): AppOriginRule {
	if (configured) return () => configured;
	const protocolHeader = (env.PROTOCOL_HEADER ?? '').toLowerCase();
	const hostHeader = (env.HOST_HEADER ?? '').toLowerCase();
	const portHeader = (env.PORT_HEADER ?? '').toLowerCase();
	return (headers) => {
		try {
			const protocol = decodeURIComponent(single(headers, protocolHeader) || 'https');
			const host = single(headers, hostHeader) || single(headers, 'host');
			const port = single(headers, portHeader);
			if (protocol.includes(':') || !host || (port && isNaN(+port))) return null;
			return originOf(port ? `${protocol}://${host}:${port}` : `${protocol}://${host}`);
		} catch {
			return null;
		}
	};
}

/** A header adapter-node expects once: absent when not configured, an error when sent several times. */
function single(headers: IncomingHttpHeaders, name: string): string | undefined {
	if (!name) return undefined;
	const value = headers[name];
	if (!Array.isArray(value)) return value;
	if (value.length > 1) throw new Error(`several ${name} headers`);
	return value[0];
}

/** Vite's dev server (SvelteKit's dev middleware): its own scheme and the Host header. */
export function viteDevOrigin(https: boolean): AppOriginRule {
	return (headers) => {
		const host = headers[':authority'] ?? headers.host;
		return typeof host === 'string' ? originOf(`${https ? 'https' : 'http'}://${host}`) : null;
	};
}

function originOf(base: string): string | null {
	try {
		const { origin } = new URL(base);
		return origin === 'null' ? null : origin;
	} catch {
		return null;
	}
}
