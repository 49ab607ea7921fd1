import { auditActionWords } from '$lib/audit/action-words';
import { formatDate, formatTime } from '$lib/i18n/format';
import type { Actor } from '../auth/policy';
import type { Queryable } from '../db/client';
import { csvRow } from '../votes/results-csv';
import { readAuditExport } from './query';

/** Column names are stable (scripts read them); `action_text` and `at_local` follow the requested language. */
export const AUDIT_COLUMNS = ['id', 'at_utc', 'at_local', 'actor_username', 'actor_name', 'action', 'action_text', 'subject_type', 'subject_id', 'subject', 'ip', 'data'] as const;

/**
 * The filtered log as CSV, newest first, with the same spreadsheet guard as the results CSV (`csvCell`: text that
 * Excel would run as a formula gets a leading apostrophe; OWASP "CSV Injection"): names, titles and the data are
 * whatever people typed. UTF-8 with a byte-order mark and CRLF line ends, for Excel.
 */
export function auditCsv(db: Queryable, actor: Actor, raw: unknown, locale: 'vi' | 'en'): { filename: string; body: string } {
	const { entries } = readAuditExport(db, actor, raw);
	const lines = [csvRow(AUDIT_COLUMNS)];
	for (const e of entries) {
		lines.push(
			csvRow([
				e.id,
				e.at.toISOString(),
				`${formatDate(e.at, locale)} ${formatTime(e.at, locale)}`,
				e.actor?.username ?? null,
				e.actor?.displayName ?? null,
				e.action,
				auditActionWords(e.action, locale),
				e.subjectType,
				e.subjectId,
				e.subjectLabel,
				e.ip,
				e.data ? JSON.stringify(e.data) : null
			])
		);
	}
	return { filename: 'audit-log.csv', body: '\uFEFF' + lines.join('\r\n') + '\r\n' };
}
