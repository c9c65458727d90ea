import { config } from 'zod'

// The content security policy forbids eval, so zod's compiled parsers cannot run here. Without
// this, zod tries `new Function` when it builds its first object schema, to find out, and the
// try is a reported CSP violation. main.tsx imports this module first, before any schema exists.
config({ jitless: true })
