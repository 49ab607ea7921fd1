/**
 * Notices: the notification centre and its e-mail. Features call `notify` (notify.ts) after a change commits;
 * meeting-notices.ts decides who hears of a meeting's changes; store.ts reads them back for their owner.
 */
export { notify, type NoticeEvent, type NotifyOptions, type NotifyOutcome } from './notify';
export { NOTICE_KINDS, type NoticeKind, type NoticeParams } from './kinds';
