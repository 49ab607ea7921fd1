import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionWords, KNOWN_AUDIT_ACTIONS } from '../../src/lib/audit/action-words';
import { auditDetails } from '../../src/lib/audit/details';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every audit action the server writes: the literal ones, the ballot route's SQL, and the agenda's two levels. */
function writtenActions(): Set<string> {
	const found = new Set<string>(['ballot.cast', 'agenda.promote', 'agenda.demote', 'meeting.start', 'meeting.end']);
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (file.endsWith('.ts')) {
				const text = fs.readFileSync(file, 'utf8');
				for (const match of text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) found.add(match[1]!);
				for (const match of text.matchAll(/'(minutes\.[a-z_]+_refused)'/g)) found.add(match[1]!);
			}
		}
	};
	walk(path.join(ROOT, 'src/lib/server'));
	return found;
}

describe('audit actions in words', () => {
	it('has words, in both languages, for every action the server writes', () => {
		const written = writtenActions();
		expect(written.size).toBeGreaterThan(40);
		const missing = [...written].filter((a) => !KNOWN_AUDIT_ACTIONS.includes(a));
		expect(missing).toEqual([]);
		for (const action of written) {
			const vi = auditActionWords(action, 'vi');
			const en = auditActionWords(action, 'en');
			expect(vi, action).not.toBe(action);
			expect(en, action).not.toBe(action);
			expect(vi, action).not.toBe(en);
		}
	});

	it('shows an unknown action by its code', () => {
		expect(auditActionWords('group.invite', 'en')).toBe('group.invite');
	});

	it('names people instead of ids and leaves hashes out of the details', () => {
		const text = auditDetails({ userId: 'u1', status: 'excused', previous: null, reason: 'business_trip', contentHash: 'ab'.repeat(32) }, { u1: 'Vũ Thị Mai' });
		expect(text).toContain('Vũ Thị Mai');
		expect(text).not.toContain('abab');
		expect(auditDetails(null, {})).toBe('');
	});
});
