import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key an address is counted under. An IPv6 client is usually handed a whole /64 (2^64 addresses to rotate
 * through), so IPv6 addresses count by their /64; an IPv4 address reached over a dual-stack socket
 * (`::ffff:10.0.0.5`) counts as itself. Anything else (no address at all) shares one key.
 */
export function addressKey(address: string | null): string {
	if (!address) return 'unknown';
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
	if (isIPv4(address)) return address;
	// A zone (`fe80::1%eth0`) names the interface, not the client.
	const bare = address.split('%')[0]!;
	if (!isIPv6(bare)) return 'unknown';
	return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros (an embedded IPv4 tail becomes two groups). */
function expandIPv6(address: string): string[] {
	let text = address.toLowerCase();
	const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (tail) {
		const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
		text = text.slice(0, tail.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head, rest] = text.split('::') as [string, string | undefined];
	const left = head ? head.split(':') : [];
	const right = rest ? rest.split(':') : [];
	const missing = rest === undefined ? 0 : 8 - left.length - right.length;
	return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => parseInt(group, 16).toString(16));
}
