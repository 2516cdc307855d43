/**
 * `npm start`: generates the default dataset if it is missing, builds the app and serves it.
 * PORT and HOST override the defaults (4173 on 127.0.0.1).
 */
import { build } from 'vite';
import { ensureDefaultDataset } from './ensure-dataset';
import { serveStatic } from './server';

await ensureDefaultDataset();
console.log('Building the app…');
await build({ logLevel: 'warn' });
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
const { url } = await serveStatic('dist', port, host);
console.log(`\nFirearms Flow Atlas is running at ${url}\nPress Ctrl+C to stop.`);
