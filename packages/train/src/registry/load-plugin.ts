import { type PluginV1, QuadrantError } from '@quadrant/spec';
import { pluginFields } from './registry.ts';

const fields = Object.values(pluginFields);

/**
 * Imports a plugin module and checks that its default export is a plugin.
 * @param specifier - a path (`./lab.js`, `../plugin-siren`) or a package name (`quadrant-plugin-siren`)
 * @param baseDir - where relative paths and package names are resolved from (usually the working directory)
 * @throws QuadrantError `PLUGIN_INVALID` naming the module and what is wrong with its default export
 */
export async function loadPlugin(specifier: string, baseDir: string): Promise<PluginV1> {
  const where = `plugin ${specifier}`;
  // Imported here rather than at the top, so the main entry also loads where there is no file system (a browser).
  const [{ createRequire }, { isAbsolute, join, resolve }, { pathToFileURL }] = await Promise.all([
    import('node:module'),
    import('node:path'),
    import('node:url'),
  ]);
  let url: string;
  try {
    const isPath = specifier.startsWith('.') || isAbsolute(specifier);
    // createRequire resolves directories (package.json "exports"/"main") and package names alike.
    const path = createRequire(join(resolve(baseDir), 'noop.js')).resolve(isPath ? resolve(baseDir, specifier) : specifier);
    url = pathToFileURL(path).href;
  } catch (error) {
    throw new QuadrantError('PLUGIN_INVALID', `${where}: cannot find the module from ${baseDir} (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    });
  }
  let module: { default?: unknown };
  try {
    module = (await import(url)) as { default?: unknown };
  } catch (error) {
    // The module's own error, its first line only: the message stays one line whatever the module threw.
    const message = error instanceof Error ? error.message : String(error);
    throw new QuadrantError('PLUGIN_INVALID', `${where}: the module failed to load: ${message.split('\n')[0]}`, { cause: error });
  }
  return checkPlugin(module.default, `${where}: default export`);
}

/** Checks that `value` has the shape of a PluginV1. @throws QuadrantError `PLUGIN_INVALID` naming the field */
export function checkPlugin(value: unknown, where: string): PluginV1 {
  if (typeof value !== 'object' || value === null) {
    throw new QuadrantError(
      'PLUGIN_INVALID',
      `${where} is ${value === null ? 'null' : typeof value}, not a plugin; export default definePlugin({ name, architectures, ... })`,
    );
  }
  const plugin = value as Record<string, unknown>;
  if (plugin.specVersion !== 'v1') {
    throw new QuadrantError(
      'PLUGIN_INVALID',
      `${where}: specVersion is ${JSON.stringify(plugin.specVersion)}, expected 'v1' (build it with definePlugin from @quadrant/spec)`,
    );
  }
  if (typeof plugin.name !== 'string' || plugin.name === '') {
    throw new QuadrantError('PLUGIN_INVALID', `${where}: name must be a non-empty string, found ${JSON.stringify(plugin.name)}`);
  }
  for (const field of fields) {
    const list = plugin[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new QuadrantError('PLUGIN_INVALID', `${where}: ${field} must be an array, found ${typeof list}`);
    list.forEach((entry: unknown, index) => {
      if (typeof entry !== 'object' || entry === null || typeof (entry as { name?: unknown }).name !== 'string') {
        throw new QuadrantError('PLUGIN_INVALID', `${where}: ${field}[${index}] has no name`);
      }
    });
  }
  if (!fields.some((field) => Array.isArray(plugin[field]) && (plugin[field] as unknown[]).length > 0)) {
    throw new QuadrantError('PLUGIN_INVALID', `${where} (plugin '${plugin.name}') has no ${fields.join(', ')} (found: ${Object.keys(plugin).join(', ')})`);
  }
  return value as PluginV1;
}
