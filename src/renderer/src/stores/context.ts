import { createContext, useContext } from 'react'
import type { AppStores } from './app-stores.ts'

/** The stores of one running app; tests render with their own set. */
export const StoresContext = createContext<AppStores | null>(null)

export function useAppStores(): AppStores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useAppStores needs a StoresContext provider.')
  return stores
}
