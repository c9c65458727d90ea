/** Progress for the person running the benchmarks; stdout is kept for the JSON report alone. */
export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`)
}
