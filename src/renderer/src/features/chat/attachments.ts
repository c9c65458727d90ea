import type { Image, Model } from '../../../../shared/contract.ts'
import { imageMediaTypes, maxImageBytes, maxImagesPerMessage } from '../../../../shared/limits.ts'

const sendableTypes: ReadonlySet<string> = new Set(imageMediaTypes)

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`

/** Reads a pasted or dropped file as an attachment, or says why it cannot be one. */
export async function readImage(file: File): Promise<Image | { problem: string }> {
  if (!sendableTypes.has(file.type)) {
    return { problem: `${file.name || 'That file'} is not a PNG, JPEG, WebP or GIF image.` }
  }
  if (file.size > maxImageBytes) {
    return {
      problem: `${file.name || 'That image'} is ${megabytes(file.size)}; the limit is ${megabytes(maxImageBytes)}.`,
    }
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  // In slices: spreading a multi-megabyte array into one call overflows the stack.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000))
  }
  return { mediaType: file.type as Image['mediaType'], base64: btoa(binary) }
}

/** Why these images cannot go to `model`, said before sending (issue 4 §5); null when they can. */
export function imageProblem(images: readonly Image[], model: Model | undefined): string | null {
  if (images.length === 0 || !model) return null
  if (!model.supportsVision) {
    return `${model.name} cannot see images. Pick a model with vision, or remove the images.`
  }
  const limit = Math.min(model.vision?.maxImages ?? maxImagesPerMessage, maxImagesPerMessage)
  if (images.length > limit) {
    return `${model.name} takes at most ${limit} image${limit === 1 ? '' : 's'} per message; remove ${images.length - limit}.`
  }
  const types = model.vision?.mediaTypes
  const unsupported = types ? images.find((image) => !types.includes(image.mediaType)) : undefined
  if (unsupported) return `${model.name} cannot read ${unsupported.mediaType} images.`
  const maxBytes = model.vision?.maxImageBytes
  if (maxBytes && images.some((image) => (image.base64.length * 3) / 4 > maxBytes)) {
    return `${model.name} takes images up to ${megabytes(maxBytes)}; one is larger.`
  }
  return null
}
