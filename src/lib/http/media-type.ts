/**
 * `Content-Type` read by its grammar (RFC 9110 §8.3.1: type "/" subtype *( OWS ";" OWS [ parameter ] )), never by
 * searching the string: `text/plain; x=application/json` is text, and text is what a page on another site can
 * send without asking first.
 */

export interface MediaType {
	/** `type/subtype`, lower-case. */
	essence: string;
	/** Parameter names lower-case; values as sent (quoted strings unquoted). */
	parameters: Map<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The media type of a header value, or null when the value does not follow the grammar. */
export function parseMediaType(header: string | null | undefined): MediaType | null {
	if (!header) return null;
	const [first = '', ...rest] = splitParameters(header);
	const head = first.trim();
	const slash = head.indexOf('/');
	const type = head.slice(0, slash);
	const subtype = head.slice(slash + 1);
	if (slash < 0 || !TOKEN.test(type) || !TOKEN.test(subtype)) return null;
	const parameters = new Map<string, string>();
	for (const raw of rest) {
		const part = raw.trim();
		if (part === '') continue;
		const eq = part.indexOf('=');
		if (eq <= 0) return null;
		const name = part.slice(0, eq);
		const value = unquote(part.slice(eq + 1));
		if (!TOKEN.test(name) || value === null) return null;
		const key = name.toLowerCase();
		if (!parameters.has(key)) parameters.set(key, value);
	}
	return { essence: `${type}/${subtype}`.toLowerCase(), parameters };
}

/** `application/json`, with any parameters and in any case; nothing else (no `+json`, no lookalikes). */
export function isJsonMediaType(header: string | null | undefined): boolean {
	return parseMediaType(header)?.essence === 'application/json';
}

/** Splits at `;` outside quoted strings. */
function splitParameters(header: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < header.length; i++) {
		const c = header[i]!;
		if (quoted && c === '\\' && i + 1 < header.length) {
			current += c + header[++i];
			continue;
		}
		if (c === '"') quoted = !quoted;
		if (c === ';' && !quoted) {
			parts.push(current);
			current = '';
		} else current += c;
	}
	parts.push(current);
	return parts;
}

/** A token as is, a quoted string without its quotes and escapes; null for anything else. */
function unquote(value: string): string | null {
	if (TOKEN.test(value)) return value;
	if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return null;
	let out = '';
	for (let i = 1; i < value.length - 1; i++) {
		const c = value[i]!;
		if (c === '"') return null;
		if (c === '\\') {
			if (i + 1 >= value.length - 1) return null;
			out += value[++i];
		} else out += c;
	}
	return out;
}
