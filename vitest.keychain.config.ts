import { defineConfig } from 'vitest/config'

/** Tests that need a real Secret Service; run through scripts/with-keyring.sh. */
export default defineConfig({
  test: {
    name: 'keychain',
    environment: 'node',
    include: ['src/**/*.keychain.test.ts'],
    testTimeout: 20_000,
  },
})
