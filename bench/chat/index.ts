import type { AnyBenchmark } from '../benchmark.ts'
import { chatLongConversation } from './conversation-memory.ts'
import { chatHugeAnswer } from './huge-answer.ts'
import { chatLatency } from './latency.ts'
import { chatStop } from './stop.ts'
import { chatSustainedStream } from './sustained-stream.ts'

/** Issue 4, "Chat that stays smooth on very long answers", in the order. */
export const chatBenchmarks: AnyBenchmark[] = [
  chatLatency,
  chatSustainedStream,
  chatHugeAnswer,
  chatLongConversation,
  chatStop,
]
