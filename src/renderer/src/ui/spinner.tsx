/** A small busy indicator; the text beside it carries the meaning. */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />
}
