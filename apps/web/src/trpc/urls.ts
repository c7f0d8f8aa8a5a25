/** `ws(s)://<this host>/trpc`: the API shares the SPA's origin, so the session cookie rides along. */
export function websocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/trpc`;
}
