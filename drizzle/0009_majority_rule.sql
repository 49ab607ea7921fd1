-- motions.majority: the old alias strings become rule objects with an explicit base (src/lib/votes/majority.ts).
-- Draft and open motions take the aliases' new meaning: "absolute" is now more than half of all members (the
-- fix of issue 13). A closed motion keeps the rule that actually decided its frozen result, which for
-- "absolute" counted the members present; its stored `result` is never touched (archives are hash-chained).
UPDATE `motions` SET `majority` = '{"threshold":"more_than_half","of":"yes_no"}' WHERE `majority` = 'simple';--> statement-breakpoint
UPDATE `motions` SET `majority` = '{"threshold":"two_thirds","of":"yes_no"}' WHERE `majority` = 'two_thirds';--> statement-breakpoint
UPDATE `motions` SET `majority` = '{"threshold":"more_than_half","of":"present"}' WHERE `majority` = 'absolute' AND `state` = 'closed';--> statement-breakpoint
UPDATE `motions` SET `majority` = '{"threshold":"more_than_half","of":"members"}' WHERE `majority` = 'absolute';
