// Set-up is open only to whoever holds a live one-time set-up link, and only before the first
// administrator exists; the service checks both.
export const canRunSetup = (holdsLiveToken: boolean): boolean => holdsLiveToken
