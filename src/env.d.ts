// Types for the two Starlight virtual modules that the Search override (src/components/Search.astro)
// imports; Starlight declares them only for its own sources.
declare module 'virtual:starlight/project-context' {
  const project: { build: { format: 'file' | 'directory' }; root: string; srcDir: string; trailingSlash: 'always' | 'never' | 'ignore' };
  export default project;
}
declare module 'virtual:starlight/pagefind-config' {
  export const pagefindUserConfig: Record<string, unknown>;
}
