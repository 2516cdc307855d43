/** `npm run serve`: serves an existing `dist/` (after `npm run build`). PORT and HOST apply. */
import { existsSync } from 'node:fs';
import { serveStatic } from './server';

if (!existsSync('dist/index.html')) {
  console.error('No build found: run "npm run build" first.');
  process.exit(1);
}
const { url } = await serveStatic(
  'dist',
  Number(process.env.PORT ?? 4173),
  process.env.HOST ?? '127.0.0.1',
);
console.log(`Serving dist/ at ${url}`);
