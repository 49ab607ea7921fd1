import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who is asking, for the audit log: adapter-node's rule, so a ballot and a check-in from the same tablet are
 * logged with the same address. With ADDRESS_HEADER the address is that header's value; for x-forwarded-for, the
 * XFF_DEPTH-th entry from the right (the one our own proxy appended: entries further left are whatever the client
 * claimed). Where adapter-node gives up (header missing, fewer entries than XFF_DEPTH, XFF_DEPTH not a positive
 * integer) SvelteKit's `getClientAddress` throws, which the routes log as no address (request.ts `clientIp`); so
 * does this. Without ADDRESS_HEADER: the socket's peer.
 */
export interface AddressRule {
	/** Lower-case header name, or null for the socket's peer. */
	header: string | null;
	xffDepth: number;
}

/** As adapter-node reads its environment (no ENV_PREFIX is configured). */
export function addressRuleFromEnv(env: NodeJS.ProcessEnv): AddressRule {
	return { header: (env.ADDRESS_HEADER ?? '').toLowerCase() || null, xffDepth: parseInt(env.XFF_DEPTH ?? '1') };
}

/** Vite's dev server: always the socket's peer. */
export const SOCKET_PEER: AddressRule = { header: null, xffDepth: 1 };

export function clientAddress(headers: IncomingHttpHeaders, socketAddress: string | undefined, rule: AddressRule): string | null {
	if (!rule.header) return socketAddress ?? null;
	if (!(rule.header in headers)) return null;
	const value = headers[rule.header] || '';
	if (typeof value !== 'string') return null;
	if (rule.header !== 'x-forwarded-for') return value;
	const addresses = value.split(',');
	if (!(rule.xffDepth >= 1) || rule.xffDepth > addresses.length) return null;
	return addresses[addresses.length - rule.xffDepth]!.trim();
}
