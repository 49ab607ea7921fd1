-- Full-text search over the archive (DESIGN.md, "Minutes and archive"; src/lib/server/archive/search.ts).
-- Written by hand: drizzle cannot express a view or an FTS5 table, and the three objects below belong together.
--
-- One entry per searchable text of an ARCHIVED meeting: its minutes, and every page of every document row
-- (older versions too). Entries are written in the approval transaction, so they exist exactly for archived
-- meetings. Only the minutes text is stored here; page text stays in document_pages and is read through the view.
CREATE TABLE `archive_search_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`kind` text NOT NULL CHECK (`kind` IN ('minutes', 'page')),
	`document_id` text,
	`page` integer,
	-- What the reader sees as the hit's title: the document's title, or the minutes' title.
	`title` text NOT NULL,
	-- Indexed with the title but never shown: for the minutes, the meeting's title, so a search for the meeting
	-- finds its minutes.
	`context` text,
	-- The minutes' text (NFC); null for pages.
	`text` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `archive_search_entries_meeting_idx` ON `archive_search_entries` (`meeting_id`, `kind`);
--> statement-breakpoint
-- What the index holds, and what highlight() reads back: the texts with only đ/Đ (and the look-alike Ð/ð)
-- replaced by d/D. FTS5's `remove_diacritics 2` folds every other Vietnamese letter but not đ, which is a letter of
-- its own in Unicode. The replacement keeps every string's length, so offsets in highlight()'s output are offsets
-- in the original text. archive/fold.ts folds queries the same way (a unit test compares the two).
CREATE VIEW `archive_search_content` AS
SELECT
	e.`id` AS `id`,
	-- A document's title is indexed with its first page only: a title match then finds the document once, not
	-- once per page.
	CASE WHEN e.`kind` = 'minutes' OR e.`page` = 1 THEN
		replace(replace(replace(replace(e.`title` || coalesce(char(10) || e.`context`, ''),
			'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D')
	ELSE '' END AS `title`,
	replace(replace(replace(replace(coalesce(e.`text`, p.`text`, ''),
		'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D') AS `body`
FROM `archive_search_entries` e
LEFT JOIN `document_pages` p ON e.`kind` = 'page' AND p.`document_id` = e.`document_id` AND p.`page` = e.`page`;
--> statement-breakpoint
-- External content: the index keeps no copy of the text (20,000 pages would double the file), and
-- `INSERT INTO archive_search(archive_search) VALUES ('rebuild')` rebuilds it from the view, e.g. after a change
-- of tokenizer. Prefix indexes for 2 and 3 letters: the last word of a query is searched as a prefix while typing.
CREATE VIRTUAL TABLE `archive_search` USING fts5(
	`title`,
	`body`,
	content = 'archive_search_content',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
