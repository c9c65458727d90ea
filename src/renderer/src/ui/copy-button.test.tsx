import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { copyByHandHint } from './clipboard.ts'
import { CopyButton } from './copy-button.tsx'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

function renderKey() {
  render(
    <p>
      <code data-testid="key">sk-test-123</code>
      <CopyButton
        text={() => 'sk-test-123'}
        label="Copy API key"
        shownIn={() => screen.getByTestId('key')}
      />
    </p>,
  )
  return screen.getByRole('button', { name: 'Copy API key' })
}

describe('CopyButton', () => {
  it('copies and says "Copied"', async () => {
    const button = renderKey()
    fireEvent.click(button)
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Copied')
    expect(button.textContent).toBe('Copied')
    expect(await navigator.clipboard.readText()).toBe('sk-test-123')
  })

  it('selects the text and shows the keys to press when the clipboard refuses', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
    const button = renderKey()
    fireEvent.click(button)
    const status = await screen.findByText(copyByHandHint)
    expect(status.getAttribute('role')).toBe('status')
    expect(status.className).not.toContain('visually-hidden')
    expect(window.getSelection()?.toString()).toBe('sk-test-123')
    expect(button.textContent).toBe('Copy')
  })

  it('says the clipboard is unavailable when there is nothing to select', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
    render(<CopyButton text={() => 'x'} label="Copy message" />)
    fireEvent.click(screen.getByRole('button', { name: 'Copy message' }))
    expect(await screen.findByText('The clipboard is not available')).toBeTruthy()
  })
})
