import { describe, expect, it } from 'vitest';
import { announcesBody, enforceOrigin, judgeOrigin, type OriginVerdict, type RequestFacts } from '$lib/server/http/origin-rule';
import { isAppError } from '$lib/server/errors';

const APP = 'http://192.168.1.10:3000';
const facts = (over: Partial<RequestFacts>): RequestFacts => ({ method: 'POST', origin: null, appOrigin: APP, contentType: null, hasBody: false, ...over });
const JSON_BODY = { contentType: 'application/json', hasBody: true };

describe('judgeOrigin (OWASP: verifying Origin with standard headers)', () => {
	it.each<[string, Partial<RequestFacts>, OriginVerdict]>([
		['GET from anywhere', { method: 'GET', origin: 'http://evil.example' }, 'allowed'],
		['HEAD with a form body and no Origin', { method: 'HEAD', contentType: 'text/plain', hasBody: true }, 'allowed'],
		['OPTIONS', { method: 'OPTIONS', origin: 'http://evil.example' }, 'allowed'],
		['POST from our own page', { origin: APP, ...JSON_BODY }, 'allowed'],
		['POST form from our own page', { origin: APP, contentType: 'application/x-www-form-urlencoded', hasBody: true }, 'allowed'],
		['lower-case method', { method: 'post', origin: 'http://evil.example' }, 'foreign_origin'],
		['another site', { origin: 'http://evil.example', ...JSON_BODY }, 'foreign_origin'],
		['another port of the same box', { origin: 'http://192.168.1.10:8080', ...JSON_BODY }, 'foreign_origin'],
		['the same host over https', { origin: 'https://192.168.1.10:3000', ...JSON_BODY }, 'foreign_origin'],
		['an opaque origin ("null": sandboxed frame, data: URL)', { origin: 'null', ...JSON_BODY }, 'foreign_origin'],
		['a trailing slash is not an origin', { origin: `${APP}/`, ...JSON_BODY }, 'foreign_origin'],
		['any Origin when ours cannot be told', { origin: APP, appOrigin: null, ...JSON_BODY }, 'foreign_origin'],
		['DELETE from another port, no body', { method: 'DELETE', origin: 'http://192.168.1.10:8080' }, 'foreign_origin'],
		['PUT from another port', { method: 'PUT', origin: 'http://192.168.1.10:8080', ...JSON_BODY }, 'foreign_origin'],
		['PATCH from another port', { method: 'PATCH', origin: 'http://192.168.1.10:8080', ...JSON_BODY }, 'foreign_origin'],
		['a script: JSON, no Origin', JSON_BODY, 'allowed'],
		['a script: JSON with charset, no Origin', { contentType: 'application/json; charset=utf-8', hasBody: true }, 'allowed'],
		['a script: no body at all, no Origin', {}, 'allowed'],
		['no Origin: text/plain pretending to be JSON', { contentType: 'text/plain; x=application/json', hasBody: true }, 'unvouched_body'],
		['no Origin: a form', { contentType: 'application/x-www-form-urlencoded', hasBody: true }, 'unvouched_body'],
		['no Origin: multipart', { contentType: 'multipart/form-data; boundary=x', hasBody: true }, 'unvouched_body'],
		['no Origin: a body without a type', { hasBody: true }, 'unvouched_body'],
		['no Origin: a PDF to verify (not CORS-safelisted: a page cannot send it cross-origin without a preflight)', { contentType: 'application/pdf', hasBody: true }, 'allowed'],
		['no Origin: text/plain naming a PDF', { contentType: 'text/plain; x=application/pdf', hasBody: true }, 'unvouched_body'],
		['no Origin: a type without a body', { contentType: 'text/plain' }, 'unvouched_body']
	])('%s', (_name, over, expected) => {
		expect(judgeOrigin(facts(over))).toBe(expected);
	});
});

describe('enforceOrigin: the API’s answer', () => {
	const refusal = (over: Partial<RequestFacts>) => {
		try {
			enforceOrigin(facts(over));
			return null;
		} catch (e) {
			return isAppError(e) ? [e.status, e.code] : e;
		}
	};
	it('403 cross_site_request for a foreign Origin', () => {
		expect(refusal({ origin: 'http://evil.example', ...JSON_BODY })).toEqual([403, 'cross_site_request']);
	});
	it('400 invalid_json for a body that is not JSON and comes without Origin', () => {
		expect(refusal({ contentType: 'text/plain', hasBody: true })).toEqual([400, 'invalid_json']);
	});
	it('nothing for an allowed request', () => {
		expect(refusal(JSON_BODY)).toBeNull();
	});
});

describe('announcesBody', () => {
	it.each([
		[undefined, undefined, false],
		['0', undefined, false],
		[null, null, false],
		['12', undefined, true],
		[undefined, 'chunked', true]
	])('content-length %j, transfer-encoding %j → %s', (length, encoding, expected) => {
		expect(announcesBody(length, encoding)).toBe(expected);
	});
});
