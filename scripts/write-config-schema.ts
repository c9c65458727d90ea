import { writeFileSync } from 'node:fs'
import { configJsonSchema } from '../src/core/settings/config-file.ts'

/** `npm run schema`: regenerates resources/config.schema.json from the zod schema. */
const target = new URL('../resources/config.schema.json', import.meta.url)
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`)
process.stdout.write(`wrote ${target.pathname}\n`)
