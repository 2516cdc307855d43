/** Which engine the views' queries run on: the page's server says so in a meta tag. */

/** True when the server that sent the page runs the native engine (`--engine native`). */
export function nativeEngineRequested(): boolean {
  return (
    typeof document !== 'undefined' &&
    document.querySelector('meta[name="atlas-engine"]')?.getAttribute('content') === 'native'
  );
}
