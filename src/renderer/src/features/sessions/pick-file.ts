/**
 * Opens the system's file picker and resolves to the chosen file, or null when the person
 * cancels (where the browser says so; elsewhere the promise just never settles). The input is
 * never put in the document, so it is no stray control for a screen reader or a test to find.
 */
export function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => resolve(null), { once: true })
    input.click()
  })
}
