import { join } from 'node:path'

/** Where LogAI keeps its files (architecture.md, "Sessions": paths follow the platform). */
export type AppPaths = {
  configFile: string
  databaseFile: string
  /** Small state: the picked model, later recent models and prompt history. */
  stateFile: string
}

/**
 * Linux follows XDG; macOS and Windows use Electron's `userData` when the app runs in Electron,
 * else the platform's usual folder. `LOGAI_DATA_DIR` puts everything under one folder.
 */
export function resolvePaths(options: {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  home: string
  dataDir: string | undefined
  userData?: string
}): AppPaths {
  const { env, home } = options
  const layout = (config: string, data: string, state: string): AppPaths => ({
    configFile: join(config, 'config.json'),
    databaseFile: join(data, 'logai.db'),
    stateFile: join(state, 'state.json'),
  })
  if (options.dataDir) return layout(options.dataDir, options.dataDir, options.dataDir)
  if (options.platform === 'linux') {
    return layout(
      join(env.XDG_CONFIG_HOME || join(home, '.config'), 'logai'),
      join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'logai'),
      join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'logai'),
    )
  }
  const root =
    options.userData ??
    (options.platform === 'darwin'
      ? join(home, 'Library', 'Application Support', 'LogAI')
      : join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'LogAI'))
  return layout(root, root, root)
}
