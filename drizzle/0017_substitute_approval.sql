-- A deputy named in a reply waits for the secretariat's approval before they get into the meeting. Deputies named
-- before this rule existed were already let in: they count as approved.
ALTER TABLE `meeting_replies` ADD `substitute_approved` integer DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE `meeting_replies` SET `substitute_approved` = 1 WHERE `substitute_id` IS NOT NULL;
