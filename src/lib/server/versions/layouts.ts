import { and, count, eq, gte, lte } from 'drizzle-orm';
import type { Db, Queryable } from '../db/client';
import { documentPageLayouts, type DocumentRow } from '../db/schema';
import { storeOf, type StoreOptions } from '../documents/files';
import { inspectPdf } from '../documents/inspect';
import { blobPath } from '../documents/storage';
import { blankLayout, decodeLayout, encodeLayout, type PageLayout } from './layout';

/** SQLite binds at most 32 766 variables per statement; 3 per row. */
const PAGES_PER_INSERT = 500;

/** Written in the upload's transaction, beside the page texts (documents/service.ts). */
export function insertPageLayouts(db: Queryable, documentId: string, layouts: readonly PageLayout[]): void {
	for (let i = 0; i < layouts.length; i += PAGES_PER_INSERT) {
		const rows = layouts.slice(i, i + PAGES_PER_INSERT).map((layout, j) => ({ documentId, page: i + j + 1, layout: encodeLayout(layout) }));
		db.insert(documentPageLayouts).values(rows).onConflictDoNothing().run();
	}
}

/** The stored layouts of pages [from, to] (all by default); a page without a row is blank. */
export function readPageLayouts(db: Queryable, doc: Pick<DocumentRow, 'id' | 'pages'>, from = 1, to = doc.pages): PageLayout[] {
	const rows = db
		.select({ page: documentPageLayouts.page, layout: documentPageLayouts.layout })
		.from(documentPageLayouts)
		.where(and(eq(documentPageLayouts.documentId, doc.id), gte(documentPageLayouts.page, from), lte(documentPageLayouts.page, to)))
		.all();
	const out: PageLayout[] = Array.from({ length: doc.pages }, () => blankLayout());
	for (const r of rows) out[r.page - 1] = decodeLayout(r.layout);
	return out;
}

function storedPages(db: Queryable, documentId: string): number {
	return db.select({ n: count() }).from(documentPageLayouts).where(eq(documentPageLayouts.documentId, documentId)).get()?.n ?? 0;
}

/**
 * Every page's layout, read again from the stored file for a document uploaded before layouts were kept (in
 * pdf.js's worker thread, like an upload), and stored so this happens once.
 */
export async function ensurePageLayouts(db: Db, doc: DocumentRow, options: StoreOptions = {}): Promise<PageLayout[]> {
	if (storedPages(db, doc.id) < doc.pages) {
		const facts = await inspectPdf(blobPath(storeOf(options), doc.sha256));
		insertPageLayouts(db, doc.id, facts.layouts);
	}
	return readPageLayouts(db, doc);
}
