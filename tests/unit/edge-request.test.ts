import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressRuleFromEnv, clientAddress, SOCKET_PEER } from '../../server/edge/address';
import { adapterNodeOrigin, viteDevOrigin } from '../../server/edge/app-origin';
import { readCookie } from '../../server/edge/cookies';

// The node:http edge must see a request exactly as SvelteKit behind adapter-node does
// (node_modules/@sveltejs/adapter-node/files/handler.js: getClientAddress, get_origin).

describe('clientAddress: adapter-node’s rule', () => {
	const PEER = '10.0.0.5';
	it.each<[string, Record<string, string>, IncomingHttpHeaders, string | null]>([
		['no ADDRESS_HEADER: the socket’s peer', {}, { 'x-forwarded-for': '1.1.1.1' }, PEER],
		['XFF depth 1: the last entry, trimmed', { ADDRESS_HEADER: 'x-forwarded-for' }, { 'x-forwarded-for': '203.0.113.9,  198.51.100.7 ' }, '198.51.100.7'],
		['XFF depth 2', { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' }, { 'x-forwarded-for': '203.0.113.9, 198.51.100.7, 10.0.0.1' }, '198.51.100.7'],
		['XFF depth past the entries: none', { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '3' }, { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' }, null],
		['XFF depth 0: none', { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '0' }, { 'x-forwarded-for': '203.0.113.9' }, null],
		['XFF depth not a number: none', { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: 'two' }, { 'x-forwarded-for': '203.0.113.9' }, null],
		['the header missing: none, not the proxy’s address', { ADDRESS_HEADER: 'x-forwarded-for' }, {}, null],
		['another header: its value as is', { ADDRESS_HEADER: 'X-Real-IP' }, { 'x-real-ip': '198.51.100.7' }, '198.51.100.7'],
		['another header missing: none', { ADDRESS_HEADER: 'x-real-ip' }, {}, null]
	])('%s', (_name, env, headers, expected) => {
		expect(clientAddress(headers, PEER, addressRuleFromEnv(env))).toBe(expected);
	});

	it('Vite’s dev server: always the peer', () => {
		expect(clientAddress({ 'x-forwarded-for': '1.1.1.1' }, PEER, SOCKET_PEER)).toBe(PEER);
		expect(clientAddress({}, undefined, SOCKET_PEER)).toBeNull();
	});
});

describe('the origin a request was made to', () => {
	it.each<[string, string | null, Record<string, string>, IncomingHttpHeaders, string | null]>([
		['ORIGIN wins over everything', 'https://quorum.example.gov.vn', { PROTOCOL_HEADER: 'x-proto' }, { host: 'evil.example', 'x-proto': 'http' }, 'https://quorum.example.gov.vn'],
		['protocol header (as server/index.ts stamps it) and Host', null, { PROTOCOL_HEADER: 'x-quorum-connection-protocol' }, { host: '192.168.1.10:3000', 'x-quorum-connection-protocol': 'http' }, 'http://192.168.1.10:3000'],
		['no protocol header: https, as adapter-node assumes', null, {}, { host: 'box.local' }, 'https://box.local'],
		['the default port drops out, the host is lower-cased', null, { PROTOCOL_HEADER: 'x-proto' }, { host: 'BOX.local:80', 'x-proto': 'http' }, 'http://box.local'],
		['HOST_HEADER and PORT_HEADER', null, { PROTOCOL_HEADER: 'x-proto', HOST_HEADER: 'x-host', PORT_HEADER: 'x-port' }, { host: 'inner', 'x-proto': 'https', 'x-host': 'quorum.example', 'x-port': '8443' }, 'https://quorum.example:8443'],
		['a protocol smuggling a host: unknown', null, { PROTOCOL_HEADER: 'x-proto' }, { host: 'box', 'x-proto': 'http://evil.example#' }, null],
		['a port that is no number: unknown', null, { PORT_HEADER: 'x-port' }, { host: 'box', 'x-port': 'x' }, null],
		['no host: unknown', null, {}, {}, null]
	])('%s', (_name, configured, env, headers, expected) => {
		expect(adapterNodeOrigin(configured, env)(headers)).toBe(expected);
	});

	it('Vite’s dev server: its own scheme and the Host header', () => {
		expect(viteDevOrigin(false)({ host: '127.0.0.1:5173' })).toBe('http://127.0.0.1:5173');
		expect(viteDevOrigin(true)({ host: 'localhost:5173' })).toBe('https://localhost:5173');
		expect(viteDevOrigin(false)({})).toBeNull();
	});
});

describe('readCookie', () => {
	it.each<[string | undefined, string | null]>([
		['quorum_session=abc', 'abc'],
		['a=1; quorum_session=abc; b=2', 'abc'],
		['quorum_session=first; quorum_session=second', 'first'],
		['xquorum_session=no; quorum_session=yes', 'yes'],
		['quorum_session="quoted"', 'quoted'],
		['quorum_session=a%20b', 'a b'],
		['quorum_session=%E0%A4%A', '%E0%A4%A'],
		['other=1', null],
		['', null],
		[undefined, null]
	])('%j → %j', (header, expected) => {
		expect(readCookie(header, 'quorum_session')).toBe(expected);
	});
});
