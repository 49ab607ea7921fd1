import type { Queryable } from './db/client';
import { auditLog } from './db/schema';

export interface AuditEvent {
	actorId: string | null;
	action: string;
	subjectType?: string;
	subjectId?: string;
	ip?: string | null;
	data?: Record<string, unknown>;
}

/** Appends one entry. Call inside the same transaction as the change it records, so neither exists alone. */
export function audit(db: Queryable, event: AuditEvent, now = new Date()): void {
	db.insert(auditLog)
		.values({
			at: now,
			actorId: event.actorId,
			action: event.action,
			subjectType: event.subjectType ?? null,
			subjectId: event.subjectId ?? null,
			ip: event.ip ?? null,
			data: event.data ?? null
		})
		.run();
}
