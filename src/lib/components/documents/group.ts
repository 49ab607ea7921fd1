import type { DocumentEntry } from '$lib/api-types';

/** One document as people think of it: its newest version, and the earlier ones it replaced (newest first). */
export interface DocumentSeries {
	seriesId: string;
	latest: DocumentEntry;
	earlier: DocumentEntry[];
}

/**
 * Documents per agenda item, each as a series, in the order the server gives them (agenda item, position, newest
 * version first).
 */
export function groupByAgendaItem(documents: readonly DocumentEntry[]): Map<string, DocumentSeries[]> {
	const byItem = new Map<string, DocumentSeries[]>();
	const bySeries = new Map<string, DocumentSeries>();
	for (const doc of documents) {
		const series = bySeries.get(doc.seriesId);
		if (series) {
			if (doc.version > series.latest.version) {
				series.earlier.unshift(series.latest);
				series.latest = doc;
			} else {
				series.earlier.push(doc);
			}
			continue;
		}
		const created: DocumentSeries = { seriesId: doc.seriesId, latest: doc, earlier: [] };
		bySeries.set(doc.seriesId, created);
		const list = byItem.get(doc.agendaItemId) ?? [];
		list.push(created);
		byItem.set(doc.agendaItemId, list);
	}
	for (const series of bySeries.values()) series.earlier.sort((a, b) => b.version - a.version);
	return byItem;
}
