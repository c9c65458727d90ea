// The contract's limits the renderer also checks before sending. They live apart from
// `contract.ts` so the renderer can read them without loading zod (issue 5: the window's start).

/** The longest message a person can send, in characters. */
export const maxMessageLength = 200_000

/** The longest system prompt, in characters. */
export const maxSystemPromptLength = 20_000

/** The largest image a person can attach, in bytes (Copilot's own limit is 3 MiB, §6.1). */
export const maxImageBytes = 5 * 1024 * 1024

/** The most images one message can carry. */
export const maxImagesPerMessage = 10

/** The image types LogAI sends (every vision model in §6.1 takes these four). */
export const imageMediaTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
