/**
 * The switches Chromium runs with in the end-to-end tests and the benchmarks, so both see the same
 * browser. Without the network ones Chromium keeps calling Google services, which floods a closed
 * network with failing requests.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
