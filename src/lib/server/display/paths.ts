/** Where a display link points: the display page of its meeting, with the token to exchange for the cookie. */
export const displayPath = (meetingId: string, token: string) => `/meetings/${meetingId}/display?token=${encodeURIComponent(token)}`;
