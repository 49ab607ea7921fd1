import { describe, expect, it } from 'vitest';
import { addressKey } from '$lib/server/auth/address-key';

describe('addressKey: what one address is for the per-address count', () => {
	it.each([
		['10.0.0.5', '10.0.0.5'],
		['::ffff:10.0.0.5', '10.0.0.5'],
		['::FFFF:192.168.1.20', '192.168.1.20'],
		['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
		['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
		['2001:db8::1', '2001:db8:0:0::/64'],
		['::1', '0:0:0:0::/64'],
		['fe80::1%eth0', 'fe80:0:0:0::/64'],
		['64:ff9b::10.0.0.5', '64:ff9b:0:0::/64'],
		[null, 'unknown'],
		['', 'unknown'],
		['not an address', 'unknown']
	])('%s → %s', (address, key) => {
		expect(addressKey(address)).toBe(key);
	});
});
