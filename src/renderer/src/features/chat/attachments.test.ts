import { describe, expect, it } from 'vitest'
import type { Image } from '../../../../shared/contract.ts'
import { testModels } from '../../testing/fake-core.ts'
import { imageProblem, readImage } from './attachments.ts'

const png: Image = { mediaType: 'image/png', base64: 'iVBORw0KGgo=' }
const [visionModel, , blindModel] = testModels

describe('image attachments', () => {
  it('reads a PNG file as base64', async () => {
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'dot.png', {
      type: 'image/png',
    })
    expect(await readImage(file)).toEqual({ mediaType: 'image/png', base64: 'iVBORw==' })
  })

  it('refuses files that are not images LogAI can send', async () => {
    const file = new File(['%PDF'], 'report.pdf', { type: 'application/pdf' })
    expect(await readImage(file)).toEqual({
      problem: 'report.pdf is not a PNG, JPEG, WebP or GIF image.',
    })
  })

  it('says before sending that a model cannot see images', () => {
    expect(imageProblem([png], blindModel)).toBe(
      'Gemini 2.5 Pro cannot see images. Pick a model with vision, or remove the images.',
    )
    expect(imageProblem([png], visionModel)).toBeNull()
    expect(imageProblem([], blindModel)).toBeNull()
  })

  it('holds a vision model to its own image limits (§6.1)', () => {
    const strict = {
      ...visionModel!,
      vision: { maxImages: 1, maxImageBytes: 4, mediaTypes: ['image/jpeg'] },
    }
    expect(imageProblem([png, png], strict)).toBe(
      'GPT-4o takes at most 1 image per message; remove 1.',
    )
    expect(imageProblem([png], strict)).toBe('GPT-4o cannot read image/png images.')
    const jpeg: Image = { mediaType: 'image/jpeg', base64: 'AAAAAAAA' }
    expect(imageProblem([jpeg], strict)).toBe('GPT-4o takes images up to 0 MB; one is larger.')
  })
})
