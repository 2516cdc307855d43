/**
 * Serves the built app (`dist/`, made by `npm test` before the suite) on a free loopback port
 * for the end-to-end tests, and gives its address to them as `baseUrl`.
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic, type RunningServer } from '../../scripts/server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: RunningServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync('dist/index.html') || !existsSync('dist/data/default/atlas.duckdb')) {
    throw new Error('No build in dist/: run "npm test" (which builds first) or "npm run build".');
  }
  server = await serveStatic('dist');
  project.provide('baseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
