const visionLimits = {
  max_prompt_image_size: 3145728,
  max_prompt_images: 1,
  supported_media_types: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
}

function chatModel(fields: {
  id: string
  name: string
  vendor: string
  version: string
  family: string
  category: 'lightweight' | 'versatile' | 'powerful'
  endpoints: string[]
  multiplier: number
  limits: Record<string, unknown>
  supports: Record<string, unknown>
  extra?: Record<string, unknown>
}): Record<string, unknown> {
  return {
    id: fields.id,
    name: fields.name,
    object: 'model',
    vendor: fields.vendor,
    version: fields.version,
    preview: false,
    model_picker_enabled: true,
    model_picker_category: fields.category,
    is_chat_default: false,
    is_chat_fallback: false,
    billing: { is_premium: fields.multiplier > 0, multiplier: fields.multiplier },
    supported_endpoints: fields.endpoints,
    capabilities: {
      type: 'chat',
      family: fields.family,
      object: 'model_capabilities',
      tokenizer: 'o200k_base',
      limits: fields.limits,
      supports: fields.supports,
    },
    ...fields.extra,
  }
}

/** A fresh copy of the realistic `/models` list (§6.1), including the awkward entries. */
export function defaultModels(): unknown[] {
  return [
    chatModel({
      id: 'gpt-4.1',
      name: 'GPT-4.1',
      vendor: 'Azure OpenAI',
      version: 'gpt-4.1-2025-04-14',
      family: 'gpt-4.1',
      category: 'versatile',
      endpoints: ['/chat/completions'],
      multiplier: 0,
      limits: {
        max_context_window_tokens: 128000,
        max_prompt_tokens: 128000,
        max_output_tokens: 16384,
        vision: visionLimits,
      },
      supports: {
        streaming: true,
        tool_calls: true,
        parallel_tool_calls: true,
        vision: true,
        structured_outputs: true,
      },
      extra: { is_chat_default: true, is_chat_fallback: true },
    }),
    // §0.2: GPT-5.x only speaks /responses; /chat/completions answers unsupported_api_for_model.
    chatModel({
      id: 'gpt-5.4',
      name: 'GPT-5.4',
      vendor: 'OpenAI',
      version: 'gpt-5.4',
      family: 'gpt-5.4',
      category: 'powerful',
      endpoints: ['/responses', 'ws:/responses'],
      multiplier: 1,
      limits: {
        max_context_window_tokens: 400000,
        max_prompt_tokens: 272000,
        max_output_tokens: 128000,
        vision: visionLimits,
      },
      supports: {
        streaming: true,
        tool_calls: true,
        parallel_tool_calls: true,
        vision: true,
        structured_outputs: true,
        reasoning_effort: ['none', 'low', 'medium', 'high', 'xhigh'],
      },
    }),
    // §6.1's illustrative item: responses-only, plan-restricted, priced per token.
    chatModel({
      id: 'gpt-5.3-codex',
      name: 'GPT-5.3-Codex',
      vendor: 'OpenAI',
      version: 'gpt-5.3-codex',
      family: 'gpt-5.3-codex',
      category: 'powerful',
      endpoints: ['/responses', 'ws:/responses'],
      multiplier: 1,
      limits: {
        max_context_window_tokens: 400000,
        max_prompt_tokens: 272000,
        max_output_tokens: 128000,
        vision: { ...visionLimits, supported_media_types: ['image/png', 'image/jpeg'] },
      },
      supports: {
        streaming: true,
        tool_calls: true,
        parallel_tool_calls: true,
        vision: true,
        structured_outputs: true,
        reasoning_effort: ['low', 'medium', 'high', 'xhigh'],
      },
      extra: {
        billing: {
          is_premium: true,
          multiplier: 1,
          restricted_to: ['pro', 'pro_plus', 'business', 'enterprise'],
          // §6.1: prices in AIC per `batch_size` tokens; long prompts cost more.
          token_prices: {
            batch_size: 1000000,
            default: {
              input_price: 175,
              output_price: 1400,
              cache_price: 17.5,
              context_max: 272000,
            },
            long_context: { input_price: 350, output_price: 2100, cache_price: 35 },
          },
        },
      },
    }),
    chatModel({
      id: 'claude-sonnet-4.5',
      name: 'Claude Sonnet 4.5',
      vendor: 'Anthropic',
      version: 'claude-sonnet-4.5',
      family: 'claude-sonnet-4.5',
      category: 'versatile',
      endpoints: ['/chat/completions', '/v1/messages'],
      multiplier: 1,
      limits: {
        max_context_window_tokens: 200000,
        max_prompt_tokens: 128000,
        max_output_tokens: 32000,
        max_non_streaming_output_tokens: 16000,
        vision: visionLimits,
      },
      supports: {
        streaming: true,
        tool_calls: true,
        parallel_tool_calls: true,
        vision: true,
        thinking: true,
        min_thinking_budget: 1024,
        max_thinking_budget: 32000,
      },
    }),
    chatModel({
      id: 'gemini-2.5-pro',
      name: 'Gemini 2.5 Pro',
      vendor: 'Google',
      version: 'gemini-2.5-pro',
      family: 'gemini-2.5-pro',
      category: 'powerful',
      endpoints: ['/chat/completions'],
      multiplier: 1,
      limits: {
        max_context_window_tokens: 128000,
        max_prompt_tokens: 108608,
        max_output_tokens: 64000,
        vision: visionLimits,
      },
      supports: {
        streaming: true,
        tool_calls: true,
        parallel_tool_calls: true,
        vision: true,
        thinking: true,
        min_thinking_budget: 128,
        max_thinking_budget: 32768,
      },
      // §7.2: streams `delta.reasoning_text` first and a zero `usage` on every chunk.
      extra: { preview: true },
    }),
    chatModel({
      id: 'o3-mini',
      name: 'o3-mini',
      vendor: 'Azure OpenAI',
      version: 'o3-mini-2025-01-31',
      family: 'o3-mini',
      category: 'lightweight',
      endpoints: ['/chat/completions'],
      multiplier: 0.33,
      limits: {
        max_context_window_tokens: 200000,
        max_prompt_tokens: 64000,
        max_output_tokens: 100000,
      },
      supports: {
        streaming: true,
        tool_calls: true,
        structured_outputs: true,
        reasoning_effort: ['low', 'medium', 'high'],
      },
      extra: { model_picker_enabled: false },
    }),
    // §6.1: a non-`enabled` policy must be enabled first (§10.1); until then model_not_supported.
    chatModel({
      id: 'claude-opus-4.6',
      name: 'Claude Opus 4.6',
      vendor: 'Anthropic',
      version: 'claude-opus-4.6',
      family: 'claude-opus-4.6',
      category: 'powerful',
      endpoints: ['/chat/completions', '/v1/messages'],
      multiplier: 3,
      limits: {
        max_context_window_tokens: 200000,
        max_prompt_tokens: 128000,
        max_output_tokens: 64000,
        max_non_streaming_output_tokens: 16000,
        vision: visionLimits,
      },
      supports: {
        streaming: true,
        tool_calls: true,
        parallel_tool_calls: true,
        vision: true,
        adaptive_thinking: true,
        reasoning_effort: ['low', 'medium', 'high', 'max'],
      },
      extra: {
        policy: {
          state: 'disabled',
          terms:
            'Turn on Claude Opus 4.6 (fake) for your account. ' +
            'This model is served by the LogAI fake upstream and costs nothing.',
        },
      },
    }),
    // §6.1 `restricted_to` leaves out the fake user's plan (copilot-user.ts), so every answer
    // route refuses it with model_not_supported (§11.1) although it is in the list.
    chatModel({
      id: 'grok-code-fast-1',
      name: 'Grok Code Fast 1',
      vendor: 'xAI',
      version: 'grok-code-fast-1',
      family: 'grok-code',
      category: 'lightweight',
      endpoints: ['/chat/completions'],
      multiplier: 0.25,
      limits: {
        max_context_window_tokens: 128000,
        max_prompt_tokens: 128000,
        max_output_tokens: 64000,
      },
      supports: { streaming: true, tool_calls: true, structured_outputs: true },
      extra: {
        preview: true,
        billing: {
          is_premium: true,
          multiplier: 0.25,
          restricted_to: ['business', 'enterprise'],
        },
      },
    }),
    {
      id: 'text-embedding-3-small',
      name: 'Embedding V3 small',
      object: 'model',
      vendor: 'Azure OpenAI',
      version: 'text-embedding-3-small',
      preview: false,
      model_picker_enabled: false,
      capabilities: {
        type: 'embeddings',
        family: 'text-embedding-3-small',
        object: 'model_capabilities',
        tokenizer: 'cl100k_base',
        limits: { max_inputs: 512 },
        supports: { dimensions: true },
      },
    },
    // §6: junk entries exist in real lists; clients must skip them per item.
    { id: 'router-preview-internal', object: 'model', capabilities: null },
  ]
}
