import { describe, expect, it } from 'vitest'
import { endpointsFromUrls, enterpriseEndpoints } from './github-endpoints.ts'

describe('GitHub endpoints', () => {
  it('derives every URL of a ghe.com tenant from what people type (§4.1)', () => {
    for (const typed of [
      'acme.ghe.com',
      'https://acme.ghe.com/',
      ' ACME.ghe.com ',
      'acme.ghe.com/login',
    ]) {
      expect(enterpriseEndpoints(typed)).toEqual({
        host: 'acme.ghe.com',
        webUrl: 'https://acme.ghe.com',
        apiUrl: 'https://api.acme.ghe.com',
      })
    }
  })

  it('refuses hosts that are not GitHub Enterprise Cloud tenants', () => {
    for (const typed of [
      'github.com',
      'ghe.com',
      'evil.com/acme.ghe.com',
      'a.b.ghe.com.evil.com',
      '',
    ]) {
      expect(() => enterpriseEndpoints(typed)).toThrow(/not a GitHub Enterprise Cloud address/)
    }
  })

  it('keys github.com by its host', () => {
    expect(endpointsFromUrls('https://github.com', 'https://api.github.com').host).toBe(
      'github.com',
    )
  })
})
