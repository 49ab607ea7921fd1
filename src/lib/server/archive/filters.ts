import { z } from 'zod';
import { fromLocalInput } from '../../i18n/format';
import { parseInput } from '../validation';

/** What narrows the archive, for the list and for search alike. */
export interface ArchiveFilters {
	/** Meetings that started at or after this instant. */
	from?: Date;
	/** Meetings that started before this instant. */
	to?: Date;
	/** The convening body, exactly as the meeting names it. */
	body?: string;
}

export interface Paging {
	limit: number;
	offset: number;
}

export const MAX_LIMIT = 100;
/** Deeper pages cost as much as the whole result list and nobody reads them; refine the query instead. */
export const MAX_OFFSET = 10_000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day (`2026-03-31`, a day in the province's time zone, as a date input sends it) or an instant (ISO-8601 with
 * an offset). `end` turns a day into the start of the next one, so `to=2026-03-31` includes that whole day.
 */
const dayOrInstant = (end: boolean) =>
	z
		.string()
		.trim()
		.transform((s, ctx) => {
			if (s === '') return undefined;
			if (DAY.test(s) && validDay(s)) {
				const start = fromLocalInput(`${s}T00:00`);
				if (start) return end ? (fromLocalInput(nextDay(s)) ?? undefined) : start;
			} else if (z.iso.datetime({ offset: true }).safeParse(s).success) {
				return new Date(s);
			}
			ctx.addIssue({ code: 'custom', message: 'expected a day (YYYY-MM-DD) or an ISO-8601 instant' });
			return z.NEVER;
		});

function validDay(day: string): boolean {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === day;
}

function nextDay(day: string): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return `${new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)}T00:00`;
}

const count = (fallback: number, max: number) =>
	z
		.string()
		.trim()
		.optional()
		.transform((s, ctx) => {
			if (s === undefined || s === '') return fallback;
			const n = Number(s);
			if (!Number.isInteger(n) || n < 0 || n > max) {
				ctx.addIssue({ code: 'custom', message: `expected a whole number from 0 to ${max}` });
				return z.NEVER;
			}
			return n;
		});

const paramsSchema = (defaultLimit: number) =>
	z.object({
		q: z.string().optional(),
		text: z.string().optional(),
		from: dayOrInstant(false).optional(),
		to: dayOrInstant(true).optional(),
		body: z
			.string()
			.trim()
			.max(200)
			.optional()
			.transform((s) => s || undefined),
		limit: count(defaultLimit, MAX_LIMIT).refine((n) => n >= 1, 'must be at least 1'),
		offset: count(0, MAX_OFFSET)
	});

export interface ArchiveParams {
	q?: string;
	text?: string;
	filters: ArchiveFilters;
	paging: Paging;
}

/** The archive's query string (`q`, `text`, `from`, `to`, `body`, `limit`, `offset`), narrowed; bad values are a 400. */
export function parseArchiveParams(params: URLSearchParams, defaultLimit = 20): ArchiveParams {
	const raw: Record<string, string> = {};
	for (const key of ['q', 'text', 'from', 'to', 'body', 'limit', 'offset']) {
		const value = params.get(key);
		if (value !== null) raw[key] = value;
	}
	const p = parseInput(paramsSchema(defaultLimit), raw);
	const filters: ArchiveFilters = {};
	if (p.from) filters.from = p.from;
	if (p.to) filters.to = p.to;
	if (p.body) filters.body = p.body;
	return { q: p.q, text: p.text, filters, paging: { limit: p.limit, offset: p.offset } };
}
