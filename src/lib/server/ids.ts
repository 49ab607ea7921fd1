import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** Random, unguessable, unordered ids: no id reveals how many meetings exist or which came first. */
export function newId(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(10));
}
